/**
 * `npm run bench:bundle`: the guest's first load, measured from the production build (scripts/bundle/first-load.ts).
 * The first screen is what the HTML names (an invite link opens the technical check from it, issue #18); then
 * what the rest of the interview adds (loaded at idle once the check is interactive), and what the code editor
 * adds on the first coding question. Fails if the first screen passes its budget, needs a chunk the HTML does not
 * name, or carries code that belongs later (Yjs, zod, the inference runtime, the question bank, the code editor).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { filesOf, firstScreen, FIRST_SCREEN_BUDGET_GZIP, kib, laterModulesIn, readManifest, sizeOf, staticClosure, total, type SizedFile } from './bundle/first-load';

const build = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-if-stale.ts'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(1);

const dist = path.join(process.cwd(), 'dist');
const manifest = readManifest(dist);

function print(title: string, files: readonly SizedFile[]): void {
  console.log(title);
  for (const f of files) console.log(`  ${f.file.padEnd(48)} ${kib(f.raw).padStart(8)} KiB  ${kib(f.gzip).padStart(7)} KiB gzip`);
  const t = total(files);
  console.log(`  ${'total'.padEnd(48)} ${kib(t.raw).padStart(8)} KiB  ${kib(t.gzip).padStart(7)} KiB gzip`);
}

const first = firstScreen(dist, manifest);
print("Guest's first screen (invite link → technical check interactive; the HTML names all of it):", first.files);

/** What `key` adds beyond what is already fetched. */
function addedBy(key: string, already: Set<string>): SizedFile[] {
  const files = [...filesOf(manifest, staticClosure(manifest, key))].filter((f) => !already.has(f));
  for (const f of files) already.add(f);
  return files.map((f) => sizeOf(dist, f));
}
const fetched = new Set(first.files.map((f) => f.file));
const interview = addedBy('src/app/routes/guest/GuestInterview.tsx', fetched);
print('The rest of the interview (intro, questions, Yjs and sync, validation), at idle once the check is interactive:', interview);
const editor = addedBy('src/app/components/coding/editor/code-editor.ts', fetched);
console.log(`Code editor (CodeMirror), fetched on the first coding question: ${kib(total(editor).gzip)} KiB gzip`);
console.log(`First screen ${kib(total(first.files).gzip)} KiB + interview ${kib(total(interview).gzip)} KiB = ${kib(total(first.files).gzip + total(interview).gzip)} KiB gzip to the intro`);

let failed = false;
if (total(first.files).gzip > FIRST_SCREEN_BUDGET_GZIP) {
  console.error(`The first screen is ${kib(total(first.files).gzip)} KiB gzip, over its budget of ${kib(FIRST_SCREEN_BUDGET_GZIP)} KiB.`);
  failed = true;
}
if (first.unnamedImports.length) {
  console.error(`The first screen imports chunks the HTML does not name (a round trip each): ${first.unnamedImports.join(', ')}`);
  failed = true;
}
const later = laterModulesIn(dist, first.files);
if (later.length) {
  console.error(`The first screen includes modules that belong later: ${later.join(', ')}`);
  failed = true;
}
if (failed) process.exit(1);
