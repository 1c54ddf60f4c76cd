/**
 * The bundle the test servers start from (tests/support/server-bundle.ts): each file keeps its own
 * import.meta.url, an unchanged source reuses the bundle, and any changed source gives a new one.
 * Built from a small project of its own in a temporary folder, run with plain node.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { bundledEntry } from '../support/server-bundle';
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
});
