/**
 * `npm run bench:planning`: how long the offline generator takes to plan an
 * interview, over every archetype × depth × duration with fresh seeds (the
 * worst case: nothing ranked yet) and with the seed the form's preview used.
 */
import { performance } from 'node:perf_hooks';
import { ARCHETYPE_IDS, DEPTH_IDS } from '../src/domain/archetypes';
import { generateOfflinePlan, planMix } from '../src/domain/planning';
import { questionBank } from '../src/domain/bank';

const DURATIONS = [15, 30, 45, 60, 90, 120];
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

const t0 = performance.now();
const bankSize = questionBank().length;
const parseMs = performance.now() - t0;

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
console.log(`bank: ${bankSize} items parsed in ${parseMs.toFixed(0)} ms (once per page load)`);
console.log(`generateOfflinePlan, fresh seed (${fresh.length} plans): ${fmt(fresh)}`);
console.log(`generateOfflinePlan after the form's preview (${previewed.length} plans): ${fmt(previewed)}`);
