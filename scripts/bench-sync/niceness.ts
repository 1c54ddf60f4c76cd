/**
 * The niceness bench:sync's client processes run at (the load generators' --generator-nice, the probe's --probe-nice).
 * Both options are absolute. A child starts at the bench's own niceness, so a bench run under `nice -n 5` (as
 * helpers on a shared machine run it) used to leave a probe asked to run at 0 at 5, while the run's lines said 0, and
 * its generators at 10 only 5 below the servers instead of README's 10: now the child is set to what was asked
 * whenever it differs, and the header says where the servers run.
 */
import os from 'node:os';

/** Sets a child process's niceness to `nice` unless it is there already; the error, if the system refused (lowering it needs privileges). */
export function runAtNiceness(pid: number, nice: number): string | null {
  if (os.getPriority(pid) === nice) return null;
  try {
    os.setPriority(pid, nice);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

/** The header's words for who runs at which niceness: the servers (this process's, which they inherit) and the clients. */
export function describeNiceness(servers: number, generators: number, probe: number | null): string {
  const gap = generators - servers;
  const gapWords = gap === 0 ? 'the same as the servers' : gap > 0 ? `${gap} below the servers` : `${-gap} above the servers`;
  return `servers at nice ${servers}, generators at nice ${generators} (${gapWords})${probe === null ? '' : `, probe at nice ${probe}`}`;
}
