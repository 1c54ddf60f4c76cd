/**
 * The server bundle (scripts/server-bundle.ts), which the test servers and npm start run: each file keeps its own
 * import.meta.url, an unchanged source reuses the bundle, and any changed source gives a new one; npm start's fixed
 * launcher (dist-server/main.mjs) follows the current bundle, and the bundle carries none of tsx's `__name` wrappers.
 * Built from a small project of its own in a temporary folder, run with plain node.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { bundledEntry, inputFilesHashed, writeLauncher } from '../../scripts/server-bundle';
import { tempDataDir } from '../support/server-process';

const made: string[] = [];
afterEach(() => {
  for (const root of made.splice(0)) fs.rmSync(root, { recursive: true, force: true });
});

function project(): string {
  const root = tempDataDir('interq-bundle-');
  made.push(root);
  fs.mkdirSync(path.join(root, 'lib'));
  fs.writeFileSync(path.join(root, 'package.json'), '{"type":"module"}');
  fs.writeFileSync(
    path.join(root, 'lib', 'where.ts'),
    "export const libUrl: string = import.meta.url;\nexport const version = 'one';\nexport const sibling = new URL('./data.txt', import.meta.url).pathname;\n",
  );
  fs.writeFileSync(path.join(root, 'lib', 'data.txt'), 'next to where.ts');
  fs.writeFileSync(
    path.join(root, 'main.ts'),
    "import fs from 'node:fs';\nimport { libUrl, sibling, version } from './lib/where';\n" +
      'console.log(JSON.stringify({ mainUrl: import.meta.url, libUrl, version, data: fs.readFileSync(sibling, "utf8") }));\n',
  );
  return root;
}

function run(file: string): { mainUrl: string; libUrl: string; version: string; data: string } {
  const r = spawnSync(process.execPath, [file], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as ReturnType<typeof run>;
}

describe('server bundle', () => {
  it('keeps every file its own import.meta.url, so paths resolved next to a source file still resolve', async () => {
    const root = project();
    const file = await bundledEntry('main.ts', { root });
    expect(path.dirname(path.dirname(file))).toBe(path.join(root, '.tmp', 'server-bundles'));
    const out = run(file);
    expect(out.mainUrl).toBe(pathToFileURL(path.join(root, 'main.ts')).href);
    expect(out.libUrl).toBe(pathToFileURL(path.join(root, 'lib', 'where.ts')).href);
    expect(out.data).toBe('next to where.ts');
  });

  it('reuses the bundle while the sources are unchanged and builds a new one when any of them changes', async () => {
    const root = project();
    const first = await bundledEntry('main.ts', { root });
    const builtAt = fs.statSync(first).mtimeMs;
    expect(await bundledEntry('main.ts', { root })).toBe(first);
    expect(fs.statSync(first).mtimeMs).toBe(builtAt);

    // An imported file, not the entry: the hash covers everything that went in.
    const lib = path.join(root, 'lib', 'where.ts');
    fs.writeFileSync(lib, fs.readFileSync(lib, 'utf8').replace("'one'", "'two'"));
    const second = await bundledEntry('main.ts', { root });
    expect(second).not.toBe(first);
    expect(run(second).version).toBe('two');

    // Back to the first text: the first bundle is current again and is used as it is.
    fs.writeFileSync(lib, fs.readFileSync(lib, 'utf8').replace("'two'", "'one'"));
    expect(await bundledEntry('main.ts', { root })).toBe(first);
    expect(run(first).version).toBe('one');
  });

  it('checks again by size and modification time in one process: reads no source while none changed, and only the one that changed', async () => {
    const root = project();
    const first = await bundledEntry('main.ts', { root });
    // The first check after a build reads each source once (the build's own reads are not trusted for later).
    expect(await bundledEntry('main.ts', { root })).toBe(first);
    const afterFirstCheck = inputFilesHashed();
    for (let i = 0; i < 3; i++) expect(await bundledEntry('main.ts', { root })).toBe(first);
    expect(inputFilesHashed()).toBe(afterFirstCheck);

    // The same number of bytes ('one' → 'two'): the modification time tells, and that one file is read again.
    const lib = path.join(root, 'lib', 'where.ts');
    const sizeBefore = fs.statSync(lib).size;
    fs.writeFileSync(lib, fs.readFileSync(lib, 'utf8').replace("'one'", "'two'"));
    expect(fs.statSync(lib).size).toBe(sizeBefore);
    const beforeChange = inputFilesHashed();
    const second = await bundledEntry('main.ts', { root });
    expect(inputFilesHashed() - beforeChange).toBe(1);
    expect(second).not.toBe(first);
    expect(run(second).version).toBe('two');
    // The rebuilt bundle is found again without reading anything.
    expect(await bundledEntry('main.ts', { root })).toBe(second);
    expect(inputFilesHashed() - beforeChange).toBe(1);
  });

  it('builds again when a file the last bundle read is gone', async () => {
    const root = project();
    const first = await bundledEntry('main.ts', { root });
    fs.writeFileSync(path.join(root, 'lib', 'other.ts'), "export const libUrl = 'other';\nexport const version = 'three';\nexport const sibling = new URL('./data.txt', import.meta.url).pathname;\n");
    fs.rmSync(path.join(root, 'lib', 'where.ts'));
    fs.writeFileSync(path.join(root, 'main.ts'), fs.readFileSync(path.join(root, 'main.ts'), 'utf8').replace('./lib/where', './lib/other'));
    const second = await bundledEntry('main.ts', { root });
    expect(second).not.toBe(first);
    expect(run(second)).toMatchObject({ libUrl: 'other', version: 'three', data: 'next to where.ts' });
  });

  it("npm start's launcher runs the current bundle with plain node, passing its arguments, and is rewritten only when the bundle changes", async () => {
    const root = project();
    fs.appendFileSync(path.join(root, 'main.ts'), "const named = () => process.argv.slice(2).join(' ');\nconsole.log(named());\n");
    const out = path.join(root, 'dist-server');
    const launcher = path.join(out, 'main.mjs');
    const first = await bundledEntry('main.ts', { root, cacheDir: out });
    writeLauncher(launcher, first);
    // What npm start runs: `node dist-server/main.mjs --new-host-link`.
    const r = spawnSync(process.execPath, [launcher, '--new-host-link'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const [json, args] = r.stdout.trim().split('\n');
    expect(JSON.parse(json!)).toMatchObject({ version: 'one', data: 'next to where.ts', mainUrl: pathToFileURL(path.join(root, 'main.ts')).href });
    expect(args).toBe('--new-host-link');
    // esbuild without keepNames: no `__name(fn, "named")` call around named closures, as tsx's transform adds.
    expect(fs.readFileSync(first, 'utf8')).not.toContain('__name');
    const writtenAt = fs.statSync(launcher).mtimeMs;
    writeLauncher(launcher, first);
    expect(fs.statSync(launcher).mtimeMs).toBe(writtenAt);

    const lib = path.join(root, 'lib', 'where.ts');
    fs.writeFileSync(lib, fs.readFileSync(lib, 'utf8').replace("'one'", "'two'"));
    writeLauncher(launcher, await bundledEntry('main.ts', { root, cacheDir: out }));
    const again = spawnSync(process.execPath, [launcher], { encoding: 'utf8' });
    expect(again.status, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout.split('\n')[0]!)).toMatchObject({ version: 'two' });
  });
});
