/**
 * Measures the guest's connection for the technical check (#18 item 4), at idle priority after the check is
 * usable: two pings for the round trip, a 32 KiB download (timed first byte to last by Resource Timing where it can
 * be, else with the round trip taken out) and a 16 KiB upload (round trip taken out) on /api/ping.
 * Loaded on first use (dynamic import), so it costs the first load nothing.
 */
import { describeConnection, type ConnectionMeasurement, type ConnectionWords } from '../../../domain/connection-quality';

const PING = '/api/ping';
const DOWN_BYTES = 32 * 1024;
const UP_BYTES = 16 * 1024;
/** Longer than this for one exchange is very slow whatever the rest says. */
const EXCHANGE_TIMEOUT_MS = 20_000;

class TooSlow extends Error {}

interface Timed {
  /** Request start to last byte, ms: the browser's own Resource Timing where it has it (a busy page's event loop
   * does not count then), else as this script saw it. */
  elapsedMs: number;
  /** First byte to last byte of the answer, ms, or null where the browser does not say. */
  firstToLastMs: number | null;
}

async function timed(path: string, init: RequestInit = {}): Promise<Timed> {
  // A name of its own, so its Resource Timing entry is this request's.
  const url = new URL(`${path}${path.includes('?') ? '&' : '?'}n=${Math.random().toString(36).slice(2)}`, location.href).href;
  const started = performance.now();
  const res = await fetch(url, { cache: 'no-store', ...init, signal: AbortSignal.timeout(EXCHANGE_TIMEOUT_MS) }).catch((error: unknown) => {
    if (error instanceof DOMException && error.name === 'TimeoutError') throw new TooSlow();
    throw error;
  });
  if (!res.ok) throw new Error(`The server answered ${res.status}.`);
  // The whole body: a download is timed to its last byte.
  await res.arrayBuffer();
  const seen = performance.now() - started;
  const entry = performance.getEntriesByName(url).at(-1) as PerformanceResourceTiming | undefined;
  if (!entry || entry.responseEnd <= 0) return { elapsedMs: seen, firstToLastMs: null };
  return { elapsedMs: entry.responseEnd - entry.startTime, firstToLastMs: entry.responseStart > 0 ? entry.responseEnd - entry.responseStart : null };
}

/** Bytes per second beyond the round trip (never faster than the whole exchange allows ten times over). */
function throughput(bytes: number, elapsedMs: number, rttMs: number): number {
  const onLink = Math.max(elapsedMs - rttMs, elapsedMs / 10);
  return onLink < 1 ? Infinity : (bytes / onLink) * 1000;
}

export async function measureConnection(): Promise<ConnectionMeasurement | null> {
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return null;
  try {
    const pings = [await timed(PING), await timed(PING)];
    const rttMs = Math.min(...pings.map((p) => p.elapsedMs));
    const down = await timed(`${PING}?bytes=${DOWN_BYTES}`);
    const body = new Uint8Array(UP_BYTES);
    crypto.getRandomValues(body);
    const up = await timed(PING, { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body });
    // The download from its first byte on needs no round trip taken out; the first packet's own time is missing,
    // which makes it a few per cent high, well inside the words' bands.
    const downBytesPerSec =
      down.firstToLastMs !== null && down.firstToLastMs >= 20 ? (DOWN_BYTES / down.firstToLastMs) * 1000 : throughput(DOWN_BYTES, down.elapsedMs, rttMs);
    const upBytesPerSec = throughput(UP_BYTES, up.elapsedMs, rttMs);
    return { rttMs, downBytesPerSec, upBytesPerSec };
  } catch (error) {
    // An exchange that took longer than 20 s: the link works but is very slow.
    if (error instanceof TooSlow) return { rttMs: EXCHANGE_TIMEOUT_MS, downBytesPerSec: 0, upBytesPerSec: 0 };
    // Nothing came back: as good as offline for the answers.
    return null;
  }
}

export async function checkConnection(): Promise<ConnectionWords> {
  return describeConnection(await measureConnection());
}
