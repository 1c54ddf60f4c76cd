/**
 * `npm run bench:bundle`: the guest's first load, measured from the production
 * build. Walks Vite's manifest from the entry through the invite screen's chunk
 * and their static imports (what the browser fetches before the guest sees the
 * intro), and reports raw and gzip sizes, and what the code editor adds on the first coding question. Fails if the
 * inference runtime, the question bank or the code editor (CodeMirror) sneaks into that set.
 */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { spawnSync } from 'node:child_process';

interface ManifestChunk {
  file: string;
  css?: string[];
  imports?: string[];
  dynamicImports?: string[];
  isEntry?: boolean;
  src?: string;
}

const root = process.cwd();
const build = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-if-stale.ts'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(1);

const dist = path.join(root, 'dist');
const manifest = JSON.parse(fs.readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;

function collect(key: string, seen: Set<string>): void {
  if (seen.has(key)) return;
  seen.add(key);
  for (const imp of manifest[key]?.imports ?? []) collect(imp, seen);
}

const guestKeys = new Set<string>();
collect('index.html', guestKeys);
collect('src/app/routes/JoinPage.tsx', guestKeys);
// The guest's screens load right after the invite page decides the role.
for (const dyn of manifest['src/app/routes/JoinPage.tsx']?.dynamicImports ?? []) {
  if (dyn.includes('/guest/')) collect(dyn, guestKeys);
}

const files = new Set<string>(['index.html']);
for (const key of guestKeys) {
  const chunk = manifest[key];
  if (!chunk) continue;
  files.add(chunk.file);
  for (const css of chunk.css ?? []) files.add(css);
}

let raw = 0;
let gz = 0;
const rows: string[] = [];
for (const f of files) {
  const buf = fs.readFileSync(path.join(dist, f));
  const g = gzipSync(buf, { level: 9 }).length;
  raw += buf.length;
  gz += g;
  rows.push(`  ${f.padEnd(48)} ${(buf.length / 1024).toFixed(1).padStart(8)} KiB  ${(g / 1024).toFixed(1).padStart(7)} KiB gzip`);
}
console.log("Guest's first load (invite link → intro):");
console.log(rows.join('\n'));
console.log(`  ${'total'.padEnd(48)} ${(raw / 1024).toFixed(1).padStart(8)} KiB  ${(gz / 1024).toFixed(1).padStart(7)} KiB gzip`);

// The code editor loads on the first coding question: what it adds then, beyond what the first load already has.
const editorKeys = new Set<string>();
collect('src/app/components/coding/editor/code-editor.ts', editorKeys);
let editorGz = 0;
for (const key of editorKeys) {
  const chunk = manifest[key];
  if (!chunk || guestKeys.has(key)) continue;
  for (const f of [chunk.file, ...(chunk.css ?? [])]) if (!files.has(f)) editorGz += gzipSync(fs.readFileSync(path.join(dist, f)), { level: 9 }).length;
}
console.log(`Code editor (CodeMirror), fetched on the first coding question: ${(editorGz / 1024).toFixed(1)} KiB gzip`);

const forbidden = [...guestKeys].filter((k) => /transformers|onnxruntime|bank\/|@codemirror|@lezer|coding\/editor\//.test(k));
if (forbidden.length) {
  console.error(`The guest's first load includes modules it must not: ${forbidden.join(', ')}`);
  process.exit(1);
}
