/** Messages between the sync benchmark (scripts/bench-sync.ts) and its load-generator processes. */
import type { BenchGcReport } from '../../tests/support/loop-stalls';
import type { YoungGenerationReport } from '../../tests/support/young-generation';

export type ToGenerator =
  /** `twinPort` (bench:sync --paired): every client also gets a twin on that server, sent the same updates at the same moments. */
  | { type: 'connect'; port: number; twinPort?: number; secretHex: string; sessionIds: string[]; batch: number }
  | { type: 'send'; on: boolean }
  | { type: 'window'; start: boolean }
  | { type: 'verify'; timeoutMs: number }
  | { type: 'close' };

export interface WindowReport {
  /** End-to-end latencies (ms) of messages sent inside the window, one per receiving client. */
  latencies: number[];
  /** With --paired: the same for the twin clients on the other server, kept apart (empty otherwise). */
  twinLatencies: number[];
  sent: number;
  delivered: number;
  /** With --paired: deliveries to the twin clients on the other server (their latencies are not kept). */
  twinDelivered: number;
  windowMs: number;
  cpuUs: number;
  /** Event-loop delay of the generator during the window, ms: its own stalls add to the latencies. */
  loop: { p50: number; p99: number; max: number };
  /** The generator's own GC pauses and late turns in the window, with their times (tests/support/loop-stalls.ts). */
  gc: BenchGcReport;
  /**
   * What the generator's young generation allocated, promoted and kept in the window (tests/support/young-generation.ts):
   * its scavenges' work, which the machine's load does not change, where their pauses do.
   */
  young: YoungGenerationReport;
  /** Every latency of at least SLOW_SAMPLE_MS: when it was sent and received (µs, the machine's monotonic clock). */
  slow: SlowSample[];
  /** Awareness (presence) bytes guests sent on the stage document during the window, and stage readers received. */
  guestAwarenessSent: number;
  stageAwarenessReceived: number;
  /** WebSocket pings the server sent this process's clients during the window. */
  pings: number;
  /** With bench:sync --heap-profile-generators: the window's sampling heap profile (window-heap-profile.ts), else null. */
  heapProfile: string | null;
}

/** Latencies at least this long (ms) are kept with their times, to tell whose stall they were. */
export const SLOW_SAMPLE_MS = 20;

export interface SlowSample {
  ms: number;
  sentUs: number;
  receivedUs: number;
}

export interface VerifyReport {
  ok: boolean;
  /** Messages each document should hold, per array: docName -> array -> count. */
  expected: Record<string, Record<string, number>>;
  /** Receivers whose copy missed messages (with how many), empty when ok. */
  shortfalls: string[];
  receiversChecked: number;
  /** Unexpected closes the clients came back from (0 in a healthy run: the server never dropped anyone). */
  reconnects: number;
}

export type FromGenerator =
  | { type: 'connected'; connections: number; ms: number }
  | { type: 'window'; report: WindowReport }
  | { type: 'verified'; report: VerifyReport }
  | { type: 'error'; message: string };
