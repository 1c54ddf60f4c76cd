/**
 * `npm run bench:planning`: how long the offline generator takes to plan an
 * interview, over every archetype × depth × duration with fresh seeds (the
 * worst case: nothing ranked yet) and with the seed the form's preview used.
 */
import { performance } from 'node:perf_hooks';
import { ARCHETYPE_IDS, DEPTH_IDS } from '../src/domain/archetypes';
import { generateOfflinePlan, installQuestionBank, planMix } from '../src/domain/planning';
import { RAW_BANK } from '../src/domain/bank';
import { Question } from '../src/domain/questions';

const DURATIONS = [15, 30, 45, 60, 90, 120];
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

// What a host's device does once per page load with the copy it keeps in IndexedDB: read the JSON text
// (as GET /api/bank sent it), check every item with the schema, install it for the planner.
const body = JSON.stringify({ version: 'bench', items: RAW_BANK });
const t0 = performance.now();
const items = (JSON.parse(body) as { items: unknown[] }).items;
installQuestionBank(items.map((item) => Question.parse(item)));
const parseMs = performance.now() - t0;
const bankSize = items.length;

const fresh: number[] = [];
const previewed: number[] = [];
let seed = 1;
for (const archetype of ARCHETYPE_IDS) {
  for (const depth of DEPTH_IDS) {
    for (const durationMin of DURATIONS) {
      for (let i = 0; i < 5; i++) {
        const req = { archetype, depth, durationMin, seed: seed++ };
        let t = performance.now();
        generateOfflinePlan(req);
        fresh.push(performance.now() - t);
        const req2 = { ...req, seed: seed++ };
        planMix(req2); // what the form's preview does before "Sync with AI"
        t = performance.now();
        generateOfflinePlan(req2);
        previewed.push(performance.now() - t);
      }
    }
  }
}
const fmt = (xs: number[]) => `median ${percentile(xs, 50).toFixed(2)} ms, p95 ${percentile(xs, 95).toFixed(2)} ms, max ${Math.max(...xs).toFixed(1)} ms`;
console.log(`bank: ${bankSize} items (${(body.length / 1024).toFixed(0)} KiB of JSON) parsed, checked and installed in ${parseMs.toFixed(0)} ms (once per page load on a host's device)`);
console.log(`generateOfflinePlan, fresh seed (${fresh.length} plans): ${fmt(fresh)}`);
console.log(`generateOfflinePlan after the form's preview (${previewed.length} plans): ${fmt(previewed)}`);
