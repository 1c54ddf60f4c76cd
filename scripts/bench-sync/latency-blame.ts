/**
 * Whose stall was a slow delivery? Sender and receivers of a message live in the same load generator, and a
 * generator whose own loop is late (its GC, its work, or not being scheduled) reads the server's relay late: that
 * time is in the latency although the server had sent it long before. Each latency of SLOW_SAMPLE_MS or more comes
 * with its send and receive times on the machine's monotonic clock; the server's and that generator's late turns
 * (5 ms or more, tests/support/loop-stalls.ts) are on the same clock, so each slow delivery is put down to the
 * late turns that lie inside it: the generator's, the server's, both, or neither (the kernel, the network stack, or
 * the server's work in turns shorter than 5 ms).
 *
 * The figure the server answers for alone is the highest latency with no late generator turn inside it: that
 * delivery was never waiting on its generator's loop.
 */
import { stalledWithin, type Stall } from '../../tests/support/loop-stalls';
import { SLOW_SAMPLE_MS, type WindowReport } from './protocol';

/** Late-turn time (ms) inside a delivery that counts as that process having delayed it. */
const BLAME_MS = 5;

export interface SlowDelivery {
  ms: number;
  /** ms of the generator's own late turns inside [sent, received]. */
  generatorMs: number;
  /** ms of the server's late turns inside [sent, received]. */
  serverMs: number;
}

export interface LatencyBlame {
  /** Deliveries of at least `overMs`, by whose late turns lay inside them. */
  overMs: number;
  over: number;
  generator: number;
  server: number;
  both: number;
  neither: number;
  /** The highest latency with no late generator turn (5 ms or more) inside it; below SLOW_SAMPLE_MS when none was slower. */
  maxWithoutGeneratorStall: number | null;
  /** The slowest deliveries, with both sides' late turns inside them. */
  slowest: SlowDelivery[];
}

export function blameLatencies(reports: readonly WindowReport[], serverStalls: readonly Stall[], overMs = 50): LatencyBlame {
  const all: SlowDelivery[] = [];
  for (const r of reports) {
    for (const s of r.slow) {
      all.push({ ms: s.ms, generatorMs: stalledWithin(r.gc.stalls.list, s.sentUs, s.receivedUs), serverMs: stalledWithin(serverStalls, s.sentUs, s.receivedUs) });
    }
  }
  all.sort((a, b) => b.ms - a.ms);
  const over = all.filter((d) => d.ms >= overMs);
  const gen = (d: SlowDelivery) => d.generatorMs >= BLAME_MS;
  const srv = (d: SlowDelivery) => d.serverMs >= BLAME_MS;
  const clean = all.find((d) => !gen(d));
  return {
    overMs,
    over: over.length,
    generator: over.filter((d) => gen(d) && !srv(d)).length,
    server: over.filter((d) => srv(d) && !gen(d)).length,
    both: over.filter((d) => gen(d) && srv(d)).length,
    neither: over.filter((d) => !gen(d) && !srv(d)).length,
    maxWithoutGeneratorStall: clean ? clean.ms : null,
    slowest: all.slice(0, 5),
  };
}

export function describeBlame(b: LatencyBlame): string {
  const clean = b.maxWithoutGeneratorStall === null ? `under ${SLOW_SAMPLE_MS} ms` : `${b.maxWithoutGeneratorStall.toFixed(1)} ms`;
  const slowest = b.slowest.map((d) => `${d.ms.toFixed(0)} ms (generator late ${d.generatorMs.toFixed(0)}, server ${d.serverMs.toFixed(0)})`).join('; ');
  return (
    `latency by whose late turns lay inside it: ${b.over} deliveries of ${b.overMs} ms or more (generator ${b.generator}, server ${b.server}, both ${b.both}, neither ${b.neither}); ` +
    `highest with no late generator turn inside: ${clean}${slowest ? `; slowest: ${slowest}` : ''}`
  );
}
