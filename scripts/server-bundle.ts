/**
 * The server runs from one esbuild bundle of its entry instead of through tsx's loader: `npm start` and the systemd
 * unit run sync-server/main.ts from `dist-server/main.mjs` (written by scripts/build-if-stale.ts --with-server,
 * through `serverLauncher` below), and the test servers run sync-server/main.ts or tests/support/collab-process.ts
 * the same way (tests/support/server-bundle.ts). Under `node --import tsx` every start resolved and loaded some 200
 * TypeScript files through tsx's module hooks (about 2.3–2.7 CPU-s a start, and the server's own worker threads
 * inherited the loader), and tsx compiles with esbuild's keepNames, which wraps every named function expression and
 * arrow in a `__name(fn, "…")` call, an Object.defineProperty each time such a closure is created, in production
 * too; the bundle has neither and starts in about 1 CPU-s. The integration and end-to-end suites start the server
 * some 70 times, on a 2-core machine.
 *
 * What runs is the project's own files and the pure JavaScript packages they import (yjs, ws, pg, zod, openai,
 * lib0), compiled by esbuild (as tsx does) into one file, resolved as Node resolves them; packages with native parts
 * or that find their own files on disk (NATIVE_PACKAGES) stay in node_modules; every file keeps its own
 * `import.meta.url`, so paths it resolves next to itself (the compaction thread, package.json) are unchanged.
 * Loading the packages from one file instead of some 340 files in node_modules saves about a third of a start's CPU
 * time (0.6 instead of 0.9 CPU-s). The threads the server starts (compaction, fold, checkpointer) are plain
 * JavaScript and load their packages from node_modules.
 *
 * A bundle is kept in a folder named by a hash of every file that went into it (the packages' files too, so an
 * `npm install` builds it again; `.tmp/server-bundles/` for the tests, `dist-server/` for npm start), and rebuilt
 * (about 1 CPU-s) only when one changed. The first check in a process reads and hashes those files (about 2.5 MB);
 * each file's hash is then kept in the process by its size and modification time (`fileDigest`), so the next checks
 * (a test process starts servers dozens of times) only stat the files and read again only one that changed. Two
 * processes building at once each build into a folder of their own and rename it into place; the contents are the same.
 *
 * Stack traces name lines of the bundle; `--enable-source-maps` (which npm start and the systemd unit pass) maps
 * them back to the TypeScript sources (it costs about 0.2 CPU-s a start, so the tests leave it out).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface BundleOptions {
  /** The project folder the entry belongs to (its tsconfig.json and node_modules). Default: this repository. */
  root?: string;
  /** Where bundles are kept. Default: `<root>/.tmp/server-bundles`. */
  cacheDir?: string;
}

/** What the last build of an entry read: its file list tells the next start which files to hash. */
interface BuildRecord {
  inputs: string[];
}

/**
 * Returns the path of a bundle of `entry` (relative to the root) that is current with its sources, building one
 * first when none is.
 */
export async function bundledEntry(entry: string, options: BundleOptions = {}): Promise<string> {
  const root = options.root ?? REPO_ROOT;
  const cacheDir = options.cacheDir ?? path.join(root, '.tmp', 'server-bundles');
  const name = entry.replace(/[^A-Za-z0-9]+/g, '-');
  const recordFile = path.join(cacheDir, `${name}.inputs.json`);
  const record = readRecord(recordFile);
  if (record) {
    const digests = digestAll(root, record.inputs);
    if (digests) {
      const file = bundleFile(cacheDir, name, keyOf(root, digests));
      if (fs.existsSync(file)) return file;
    }
  }
  return build(root, entry, cacheDir, name, recordFile);
}

/** A file's hash as last read by this process, with the size and modification time it had then. */
interface KnownDigest {
  size: bigint;
  mtimeNs: bigint;
  digest: string;
}
const knownDigests = new Map<string, KnownDigest>();
let filesHashed = 0;

/** How many input files this process has read and hashed so far (the server-bundle test counts the reads a check makes). */
export function inputFilesHashed(): number {
  return filesHashed;
}

const digestOf = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * The SHA-256 of a file's text: read and hashed only when this process has not hashed it at its present size and
 * modification time (nanoseconds); an edit changes the modification time, whatever the size. Throws when the file is
 * gone. Its size and time are taken before its text: a file changed in between is read again next time.
 * (A build's inputs are not remembered here: esbuild read them at a time of its own.)
 */
function fileDigest(file: string): string {
  const st = fs.statSync(file, { bigint: true });
  const known = knownDigests.get(file);
  if (known && known.size === st.size && known.mtimeNs === st.mtimeNs) return known.digest;
  const digest = digestOf(fs.readFileSync(file, 'utf8'));
  filesHashed++;
  knownDigests.set(file, { size: st.size, mtimeNs: st.mtimeNs, digest });
  return digest;
}

async function build(root: string, entry: string, cacheDir: string, name: string, recordFile: string): Promise<string> {
  fs.mkdirSync(cacheDir, { recursive: true });
  const scratch = fs.mkdtempSync(path.join(cacheDir, `.building-${name}-`));
  // Exactly the text esbuild compiled, by path relative to the root: the cache key is computed from it.
  const read = new Map<string, string>();
  try {
    await esbuild.build({
      absWorkingDir: root,
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      external: NATIVE_PACKAGES,
      // Resolve packages exactly as Node does (esbuild would otherwise also honour a package's "module" condition).
      conditions: [],
      // The CommonJS packages (ws, pg) require Node's built-in modules; an ES module has no `require` of its own.
      banner: { js: "import { createRequire as __interqCreateRequire } from 'node:module'; const require = __interqCreateRequire(import.meta.url);" },
      outfile: path.join(scratch, 'main.mjs'),
      sourcemap: 'linked',
      logLevel: 'warning',
      // Each file's import.meta.url stays its own source file's URL (see readProjectFiles).
      define: { 'import.meta.url': FILE_URL },
      plugins: [readProjectFiles(root, read)],
    });
    const inputs = [...read.keys()].sort();
    const dir = path.dirname(bundleFile(cacheDir, name, keyOf(root, new Map(inputs.map((p) => [p, digestOf(read.get(p)!)])))));
    try {
      fs.renameSync(scratch, dir);
    } catch (err) {
      // Another process put the same bundle there first.
      if (!fs.existsSync(dir)) throw err;
      fs.rmSync(scratch, { recursive: true, force: true });
    }
    const tmpRecord = `${recordFile}.${process.pid}`;
    fs.writeFileSync(tmpRecord, JSON.stringify({ inputs } satisfies BuildRecord));
    fs.renameSync(tmpRecord, recordFile);
    pruneOld(cacheDir, name, path.basename(dir));
    return path.join(dir, 'main.mjs');
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Packages loaded from node_modules as under npm start: native addons (better-sqlite3, onnxruntime-node, pg's optional
 * pg-native, ws's optional bufferutil and utf-8-validate) and packages that load their own files from disk
 * (@huggingface/transformers).
 */
const NATIVE_PACKAGES = ['better-sqlite3', 'onnxruntime-node', '@huggingface/transformers', 'pg-native', 'bufferutil', 'utf-8-validate'];

/** The name a file's own URL goes by in the bundle; readProjectFiles declares it at the top of each file that uses it. */
const FILE_URL = '__interqSourceFileUrl';

/** Loads every file that goes into the bundle itself, records its text, and gives it its own URL. */
function readProjectFiles(root: string, read: Map<string, string>): esbuild.Plugin {
  return {
    name: 'read-project-files',
    setup(b) {
      b.onLoad({ filter: /\.(?:[cm]?[jt]sx?|json)$/ }, (args) => {
        const text = fs.readFileSync(args.path, 'utf8');
        read.set(path.relative(root, args.path), text);
        const ext = path.extname(args.path).slice(1);
        const loader: esbuild.Loader = ext === 'json' ? 'json' : ext.endsWith('tsx') ? 'tsx' : ext.endsWith('ts') ? 'ts' : 'js';
        // Prepended on the first line, so line numbers in the source map stay the file's own.
        const contents = loader !== 'json' && text.includes('import.meta.url') ? `const ${FILE_URL} = ${JSON.stringify(pathToFileURL(args.path).href)};${text}` : text;
        return { contents, loader };
      });
    },
  };
}

function bundleFile(cacheDir: string, name: string, key: string): string {
  return path.join(cacheDir, `${name}-${key}`, 'main.mjs');
}

/** esbuild's version, the compiler settings and every input's path and the hash of its text. */
function keyOf(root: string, digests: Map<string, string>): string {
  const h = createHash('sha256');
  h.update(`esbuild ${esbuild.version}\0`);
  h.update(readOrEmpty(path.join(root, 'tsconfig.json')));
  for (const [file, digest] of digests) h.update(`\0${file}\0${digest}`);
  return h.digest('hex').slice(0, 16);
}

function readRecord(file: string): BuildRecord | null {
  try {
    const r = JSON.parse(fs.readFileSync(file, 'utf8')) as BuildRecord;
    return Array.isArray(r.inputs) ? r : null;
  } catch {
    return null;
  }
}

/** Every listed file's hash, or null when one is gone (the entry's imports changed: build again). */
function digestAll(root: string, files: string[]): Map<string, string> | null {
  const out = new Map<string, string>();
  for (const f of files) {
    try {
      out.set(f, fileDigest(path.join(root, f)));
    } catch {
      return null;
    }
  }
  return out;
}

function readOrEmpty(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** Removes this entry's older bundles once they are an hour old (a run that started from one may still be going). */
function pruneOld(cacheDir: string, name: string, keep: string): void {
  const cutoff = Date.now() - 3_600_000;
  for (const d of fs.readdirSync(cacheDir)) {
    if (d === keep || !d.startsWith(`${name}-`)) continue;
    const p = path.join(cacheDir, d);
    try {
      if (fs.statSync(p).mtimeMs < cutoff) fs.rmSync(p, { recursive: true, force: true });
    } catch {
      // Another process pruned it.
    }
  }
}

/**
 * Writes `launcher` (dist-server/main.mjs for npm start and the systemd unit): one line that imports `bundle`, so
 * the command that starts the server names a fixed file while the bundle's folder is named by its inputs. Rewritten
 * (atomically) only when it would change; a server already running keeps the bundle it loaded.
 */
export function writeLauncher(launcher: string, bundle: string): void {
  const relative = path.relative(path.dirname(launcher), bundle).split(path.sep).join('/');
  const text = `// Written by scripts/build-if-stale.ts --with-server: runs the current bundle of sync-server/main.ts.\nimport './${relative}';\n`;
  if (readOrEmpty(launcher) === text) return;
  const tmp = `${launcher}.${process.pid}`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, launcher);
}
