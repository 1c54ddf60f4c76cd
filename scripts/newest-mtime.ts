import fs from 'node:fs';
import path from 'node:path';

/** The newest modification time under `p` (a file or a folder, recursively), 0 when it does not exist: what a build is stale against. */
export function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}
