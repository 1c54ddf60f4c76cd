/**
 * bench:sync --paired (scripts/bench-sync/paired.ts): the option must say clearly what it accepts and refuse a pair
 * with nothing to pair with; CPU per update must be counted as the sequential runs count it (CPU over the server's
 * own stats interval, updates at the window's rate over that interval), the main thread apart; the machine's busy
 * share must come from /proc/stat's aggregate line without counting guest time twice; and the summary must set the
 * paired ratios' spread beside the sequential runs' for the same session count only.
 */
import { describe, expect, it } from 'vitest';
import { PEOPLE, type Person } from '../../scripts/bench-sync/workload';
import {
  describePaired,
  describeRate,
  workloadUpdatesPerSession,
  machineBusyPct,
  pairedRatios,
  parseMachineTicks,
  parsePairedMode,
  perUpdate,
  spreadOf,
  type PairedWindow,
  type SequentialPair,
} from '../../scripts/bench-sync/paired';

const argv = (...rest: string[]) => ['node', 'scripts/bench-sync.ts', ...rest];

describe('parsePairedMode', () => {
  it('is off without --paired, beside the sequential runs with no value, and paired runs only with "only"', () => {
    expect(parsePairedMode(argv('--sessions', '500'), '')).toBe('off');
    expect(parsePairedMode(argv('--peer', 'y-websocket', '--paired'), 'y-websocket')).toBe('beside');
    expect(parsePairedMode(argv('--paired', '--sessions', '100'), 'y-websocket')).toBe('beside');
    expect(parsePairedMode(argv('--paired', 'beside'), 'y-websocket')).toBe('beside');
    expect(parsePairedMode(argv('--paired', 'only', '--repeat', '5'), 'y-websocket')).toBe('only');
  });

  it('refuses an unknown value and a pair without the reference server, saying what to give', () => {
    expect(() => parsePairedMode(argv('--paired', 'yes'), 'y-websocket')).toThrow(/--paired yes: give no value .* or "only"/);
    expect(() => parsePairedMode(argv('--paired'), '')).toThrow(/give --peer y-websocket/);
    expect(() => parsePairedMode(argv('--paired', 'only'), '')).toThrow(/give --peer y-websocket/);
  });
});

function pairedWindow(ours: [number, number, number], reference: [number, number, number], extra: Partial<PairedWindow> = {}): PairedWindow {
  const w = ([wallMs, cpuMs, mainMs]: [number, number, number]) => ({ wallMs, cpuUs: cpuMs * 1000, mainMs });
  return { sessions: 500, run: 1, primary: 'interq', updatesPerS: 600, workloadPerS: 583, ours: w(ours), reference: w(reference), machineBusyPct: 80, loadAvg: '1.0 1.0 1.0', ...extra };
}

describe('perUpdate and pairedRatios', () => {
  it('divide each server\'s CPU by the updates sent over its own stats interval, the main thread apart', () => {
    // 600 updates/s over 30 s = 18,000 updates; 9,000 ms of CPU = 500 µs each, 7,200 ms of main thread = 400 µs.
    expect(perUpdate({ wallMs: 30_000, cpuUs: 9_000_000, mainMs: 7_200 }, 600)).toEqual({ cpuUs: 500, mainUs: 400 });
    // A longer interval (its stats answered later) holds more updates: 30.5 s at 600/s = 18,300.
    expect(perUpdate({ wallMs: 30_500, cpuUs: 9_150_000, mainMs: 7_320 }, 600)).toEqual({ cpuUs: 500, mainUs: 400 });
    const r = pairedRatios(pairedWindow([30_000, 9_000, 7_200], [30_000, 10_000, 6_000]));
    expect(r.cpuUs).toBeCloseTo(0.9, 10);
    expect(r.mainUs).toBeCloseTo(1.2, 10);
  });

  it('gives NaN, not Infinity or zero, when no update was sent or the main thread could not be read', () => {
    expect(perUpdate({ wallMs: 30_000, cpuUs: 9_000_000, mainMs: 7_200 }, 0)).toEqual({ cpuUs: NaN, mainUs: NaN });
    expect(perUpdate({ wallMs: 30_000, cpuUs: 9_000_000, mainMs: NaN }, 600).mainUs).toBeNaN();
  });
});

describe('the machine\'s busy share from /proc/stat', () => {
  const stat = (user: number, nice: number, system: number, idle: number, iowait: number, steal: number, guest: number) =>
    `cpu  ${user} ${nice} ${system} ${idle} ${iowait} 0 0 ${steal} ${guest} 0\ncpu0 1 2 3 4 5 0 0 0 0 0\nintr 12345\n`;

  it('counts user, nice, system, irq, softirq and steal as busy, idle and iowait as not, and guest time once', () => {
    expect(parseMachineTicks(stat(100, 50, 30, 800, 20, 0, 40))).toEqual({ busy: 180, total: 1000 });
    expect(parseMachineTicks('cpu  1 2 3 4 5 6 7 8 9 10\n')).toEqual({ busy: 1 + 2 + 3 + 6 + 7 + 8, total: 1 + 2 + 3 + 4 + 5 + 6 + 7 + 8 });
  });

  it('takes the share between two reads, and is NaN when a read failed or no time passed', () => {
    const before = parseMachineTicks(stat(100, 0, 0, 100, 0, 0, 0));
    const after = parseMachineTicks(stat(250, 0, 50, 150, 0, 0, 0));
    expect(machineBusyPct(before, after)).toBeCloseTo(80, 10);
    expect(machineBusyPct(null, after)).toBeNaN();
    expect(machineBusyPct(after, after)).toBeNaN();
    expect(parseMachineTicks('intr 1 2 3\n')).toBeNull();
    expect(parseMachineTicks('cpu  1 2 x 4\n')).toBeNull();
  });
});

describe('the workload\'s rate and a paired run that fell short of it', () => {
  it('adds each timed stream\'s rate and one approval per audience submission', () => {
    const people: Person[] = [
      { key: 'a', role: 'host', docs: ['staff'], writes: [{ array: 'chat', kind: 'staff', meanIntervalMs: 10_000 }, { array: 'reactions', kind: 'staff', meanIntervalMs: 5_000 }] },
      { key: 'b', role: 'audience', docs: ['audience'], writes: [{ array: 'submissions', kind: 'audience', meanIntervalMs: 20_000 }] },
      { key: 'm', role: 'moderator', docs: ['moderation'], writes: [{ array: 'queue', kind: 'moderation', meanIntervalMs: null }] },
    ];
    expect(workloadUpdatesPerSession(people)).toBeCloseTo(0.1 + 0.2 + 0.05 + 0.05, 10);
    // The bench's own workload: 3 staff x (0.1 + 0.2), the guest 1/15, 2 audience x 0.05 and their approvals: 583 /s at
    // 500 sessions, what the sequential runs send (583-589 /s in the last quiet headline).
    expect(workloadUpdatesPerSession(PEOPLE) * 500).toBeCloseTo(583.3, 1);
  });

  it('says when the clients sent under 95 % of it, and only then', () => {
    expect(describeRate({ updatesPerS: 368, workloadPerS: 583.3 })).toBe("368 updates/s (63 % of the workload's 583/s: the load generators fell behind)");
    expect(describeRate({ updatesPerS: 560, workloadPerS: 583.3 })).toBe('560 updates/s');
  });
});

describe('spreadOf', () => {
  it('gives the median (the middle two\'s mean for an even count), the range and its width, leaving NaN out', () => {
    expect(spreadOf([1.12, 0.76, 0.93, NaN, 1.02])).toEqual({ n: 4, median: (0.93 + 1.02) / 2, min: 0.76, max: 1.12, width: 1.12 - 0.76 });
    expect(spreadOf([NaN]).n).toBe(0);
    expect(spreadOf([]).median).toBeNaN();
  });
});

describe('describePaired', () => {
  const seq = (sessions: number, run: number, ours: number, reference: number): SequentialPair => ({
    sessions,
    run,
    ours: { cpuUs: ours, mainUs: ours * 0.8 },
    reference: { cpuUs: reference, mainUs: reference * 0.8 },
  });

  it('prints each session count\'s paired ratios with their spread beside the sequential ones and how much narrower they are', () => {
    const paired = [
      pairedWindow([30_000, 9_000, 7_000], [30_000, 9_000, 7_000], { run: 1 }), // 1.00
      pairedWindow([30_000, 9_900, 7_000], [30_000, 9_000, 7_000], { run: 2, primary: 'y-websocket' }), // 1.10
      pairedWindow([30_000, 9_450, 7_000], [30_000, 9_000, 7_000], { run: 3 }), // 1.05
      pairedWindow([30_000, 3_000, 2_000], [30_000, 2_000, 2_000], { sessions: 100 }), // 1.50: another session count
    ];
    const sequential = [seq(500, 1, 353, 465), seq(500, 2, 439, 392), seq(500, 3, 465, 376), seq(100, 1, 843, 843)];
    const lines = describePaired(paired, sequential);
    const at500 = lines.slice(lines.indexOf('500 sessions, CPU per update ours / reference:'), lines.indexOf('100 sessions, CPU per update ours / reference:'));
    expect(at500[1]).toContain('paired (the same window): process median 1.05, 1.00–1.10 (width 0.10, 3 runs)');
    expect(at500[1]).toContain('main thread median 1.00, 1.00–1.00');
    expect(at500[2]).toContain('run 2 (y-websocket first, 600 updates/s, machine 80 % busy, load 1.0 1.0 1.0): 550 / 500 µs = 1.10');
    // 353/465 = 0.76, 439/392 = 1.12, 465/376 = 1.24: width 0.48; the paired 0.10 is 21 % of it.
    expect(at500[3]).toContain('sequential (one after the other): process median 1.12, 0.76–1.24 (width 0.48, 3 runs)');
    expect(at500[4]).toBe("  the paired ratios' range is 21 % of the sequential ones' (process CPU)");
    const at100 = lines.slice(lines.indexOf('100 sessions, CPU per update ours / reference:'));
    expect(at100[1]).toContain('process median 1.50, 1.50–1.50 (width 0.00, 1 run)');
    expect(at100[3]).toContain('sequential (one after the other): process median 1.00');
  });

  it('prints the paired figures alone when there were no sequential runs (--paired only)', () => {
    const lines = describePaired([pairedWindow([30_000, 9_000, 7_000], [30_000, 10_000, 7_000])], []);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('process median 0.90');
  });
});
