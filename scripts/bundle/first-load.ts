/**
 * Measures the production build the way a browser fetches it: Vite's manifest (which chunk imports which), the
 * assets the HTML names (`<script>`, `modulepreload`, stylesheets: what the browser fetches in the round trip after
 * the HTML, with no waterfall), and their gzip sizes (the server sends them gzipped, sync-server/http/gzip-cache.ts).
 * Used by `npm run bench:bundle` and by the first screen's size budget (tests/e2e/first-screen-budget.spec.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface ManifestChunk {
  file: string;
  css?: string[];
  imports?: string[];
  dynamicImports?: string[];
  isEntry?: boolean;
  src?: string;
}

export type Manifest = Record<string, ManifestChunk>;

/** What a candidate's browser may fetch before the technical check is interactive (issue #18), gzip bytes. */
export const FIRST_SCREEN_BUDGET_GZIP = 120 * 1024;

/**
 * Source modules whose code must never be in the first screen (it loads at idle once the check is interactive).
 * Dexie too: the first screen reads and writes its few rows through IndexedDB itself (src/storage/first-screen-idb.ts).
 */
export const LATER_THAN_FIRST_SCREEN = /transformers|onnxruntime|bank\/|@codemirror|@lezer|coding\/editor\/|node_modules\/(yjs|y-websocket|y-indexeddb|y-protocols|zod|dexie)\/|routes\/guest\/GuestInterview/;

export function readManifest(dist: string): Manifest {
  return JSON.parse(fs.readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8')) as Manifest;
}

/** `key` and every chunk it imports statically (what the browser must have before the module runs). */
export function staticClosure(manifest: Manifest, key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const imp of manifest[key]?.imports ?? []) staticClosure(manifest, imp, seen);
  return seen;
}

/** The built files (JavaScript and CSS) of a set of manifest keys. */
export function filesOf(manifest: Manifest, keys: Iterable<string>): Set<string> {
  const files = new Set<string>();
  for (const key of keys) {
    const chunk = manifest[key];
    if (!chunk) continue;
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
  }
  return files;
}

/** The assets index.html names: its module script, modulepreloads and stylesheets, as paths inside dist. */
export function htmlNamedAssets(dist: string): string[] {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const named: string[] = [];
  for (const tag of html.match(/<(script|link)\b[^>]*>/g) ?? []) {
    const isModule = /^<script\b/.test(tag) && /type="module"/.test(tag);
    const isPreload = /rel="modulepreload"/.test(tag);
    const isStyle = /rel="stylesheet"/.test(tag);
    if (!isModule && !isPreload && !isStyle) continue;
    const url = /(?:src|href)="([^"]+)"/.exec(tag)?.[1];
    if (url?.startsWith('/')) named.push(url.slice(1));
  }
  return named;
}

export interface SizedFile {
  file: string;
  raw: number;
  gzip: number;
}

export function sizeOf(dist: string, file: string): SizedFile {
  const buf = fs.readFileSync(path.join(dist, file));
  return { file, raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
}

export function total(files: readonly SizedFile[]): { raw: number; gzip: number } {
  return files.reduce((t, f) => ({ raw: t.raw + f.raw, gzip: t.gzip + f.gzip }), { raw: 0, gzip: 0 });
}

/** The manifest key whose chunk is `file`. */
export function keyOfFile(manifest: Manifest, file: string): string | undefined {
  return Object.keys(manifest).find((k) => manifest[k]!.file === file);
}

export interface FirstScreen {
  /** index.html and everything it names, with sizes. */
  files: SizedFile[];
  /** Chunks the named ones import statically that the HTML does not name (each would be a further round trip). */
  unnamedImports: string[];
  /** Manifest keys (source modules' chunks) in the first screen. */
  keys: Set<string>;
}

/** What the browser fetches for the first screen: the HTML, the assets it names, and what those import. */
export function firstScreen(dist: string, manifest: Manifest = readManifest(dist)): FirstScreen {
  const named = htmlNamedAssets(dist);
  const keys = new Set<string>();
  for (const file of named) {
    const key = keyOfFile(manifest, file);
    if (key) staticClosure(manifest, key, keys);
  }
  const needed = filesOf(manifest, keys);
  const unnamedImports = [...needed].filter((f) => !named.includes(f));
  const files = ['index.html', ...new Set([...named, ...needed])].map((f) => sizeOf(dist, f));
  return { files, unnamedImports, keys };
}

/** The source modules bundled into a built JavaScript file, from its source map (the build writes them). */
export function sourcesOf(dist: string, file: string): string[] {
  const map = path.join(dist, `${file}.map`);
  if (!file.endsWith('.js') || !fs.existsSync(map)) return [];
  return (JSON.parse(fs.readFileSync(map, 'utf8')) as { sources: string[] }).sources;
}

/** Source modules of the first screen that belong after it (LATER_THAN_FIRST_SCREEN). */
export function laterModulesIn(dist: string, files: readonly SizedFile[]): string[] {
  return files.flatMap((f) => sourcesOf(dist, f.file)).filter((s) => LATER_THAN_FIRST_SCREEN.test(s));
}

/** The files the service worker's precache downloads on install (workbox's manifest in sw.js), as paths inside dist. */
export function precachedAssets(dist: string): string[] {
  const sw = fs.readFileSync(path.join(dist, 'sw.js'), 'utf8');
  return [...sw.matchAll(/\burl:\s*"([^"]+)"/g)].map((m) => m[1]!);
}

export const kib = (bytes: number): string => (bytes / 1024).toFixed(1);
