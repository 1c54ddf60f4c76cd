/**
 * bench:sync --repeat decides a target on each figure's median per server (scripts/bench-sync/medians.ts): the
 * median must be the middle run's (or the middle two's mean), figures a run could not measure (no probe, no slow
 * delivery) must not count as a run, and ours and the reference must never be mixed.
 */
import { describe, expect, it } from 'vitest';
import { describeMedians, median, mediansOf, type RunFigures } from '../../scripts/bench-sync/medians';

function run(server: string, sessions: number, cpu: number, extra: Partial<RunFigures> = {}): RunFigures {
  return {
    server,
    sessions,
    p99: cpu / 10,
    max: cpu / 5,
    cpuUsPerUpdate: cpu,
    serverLoopMax: 20,
    generatorLoopMax: 90,
    probeP99: NaN,
    probeMax: NaN,
    maxWithoutGeneratorStall: 25,
    ...extra,
  };
}

describe('median', () => {
  it('takes the middle value of an odd count and the mean of the middle two of an even count, whatever the order', () => {
    expect(median([545, 417, 499])).toBe(499);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('leaves out figures a run could not measure, and is NaN when no run measured one', () => {
    expect(median([NaN, 30, 10])).toBe(20);
    expect(median([NaN, NaN])).toBeNaN();
    expect(median([])).toBeNaN();
  });
});

describe('mediansOf', () => {
  it('groups the runs by session count and server, in the order first seen, and keeps every run value', () => {
    const rows = mediansOf([
      run('interq', 500, 545),
      run('y-websocket', 500, 415),
      run('y-websocket', 500, 421),
      run('interq', 500, 417),
      run('interq', 500, 499),
      run('y-websocket', 500, 466),
      run('interq', 100, 995),
    ]);
    expect(rows.map((r) => [r.sessions, r.server, r.runs])).toEqual([
      [500, 'interq', 3],
      [500, 'y-websocket', 3],
      [100, 'interq', 1],
    ]);
    expect(rows[0]!.medians.cpuUsPerUpdate).toBe(499);
    expect(rows[0]!.perRun.cpuUsPerUpdate).toEqual([545, 417, 499]);
    expect(rows[1]!.medians.cpuUsPerUpdate).toBe(421);
    expect(rows[2]!.medians.cpuUsPerUpdate).toBe(995);
  });

  it('prints each figure as ours / reference with the ratio of the medians and every run beside it', () => {
    const lines = describeMedians(
      mediansOf([
        run('interq', 500, 600, { probeMax: 30, probeP99: 10 }),
        run('y-websocket', 500, 400, { probeMax: 20, probeP99: 8 }),
        run('y-websocket', 500, 500, { probeMax: 40, probeP99: 12 }),
        run('interq', 500, 400, { probeMax: 20, probeP99: 9 }),
      ]),
      'interq',
      'y-websocket',
    );
    expect(lines[0]).toBe("500 sessions, median of 2 runs per server (ours / reference, ratio; each run's value in brackets):");
    expect(lines).toContain('  CPU per update: 500 / 450 µs (1.11×) [600, 400 / 400, 500]');
    expect(lines).toContain('  probe max: 25.0 / 30.0 ms (0.83×) [30.0, 20.0 / 20.0, 40.0]');
  });

  it('prints a dash, not a ratio, for a figure no run measured', () => {
    const lines = describeMedians(mediansOf([run('interq', 100, 900), run('y-websocket', 100, 700)]), 'interq', 'y-websocket');
    expect(lines).toContain('  probe max: - / - ms [- / -]');
  });
});
