/**
 * The data folder: created on first start, checked for write access before
 * anything else happens, and home of the token secret.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { StartupError } from './db/open';

export const SECRET_FILE = 'server-secret.key';
export const DATABASE_FILE = 'interq.sqlite';

export function prepareDataDir(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    const probe = path.join(dir, `.write-test-${process.pid}`);
    fs.writeFileSync(probe, 'ok');
    fs.rmSync(probe);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new StartupError(
      `Data folder ${dir} cannot be written (${code}). Fix its permissions or set DATA_DIR to a writable folder.`,
    );
  }
}

/**
 * The HMAC secret that signs every invite token. Generated once; deleting it
 * invalidates every link ever issued, which is the intended way to revoke all.
 */
export function loadOrCreateSecret(dir: string): Buffer {
  const file = path.join(dir, SECRET_FILE);
  if (fs.existsSync(file)) {
    const hex = fs.readFileSync(file, 'utf8').trim();
    if (!/^[0-9a-f]{64}$/.test(hex)) {
      throw new StartupError(`Secret file ${file} is damaged. Restore it from a backup, or delete it to issue new links (old links stop working).`);
    }
    return Buffer.from(hex, 'hex');
  }
  const secret = randomBytes(32);
  fs.writeFileSync(file, secret.toString('hex') + '\n', { mode: 0o600 });
  return secret;
}
