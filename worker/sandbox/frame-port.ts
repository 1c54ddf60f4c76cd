/**
 * The code sandbox in the browser, for the guest's Run examples and for a staff device scoring a submitted answer:
 * each run gets a fresh sandboxed frame (sandbox-frame.ts: opaque origin, its own process in Chromium, no request
 * allowed) that starts the sandbox worker, in addition to the worker's own lockdown. A staff page holds the
 * interview's tokens and documents; a candidate's code that got past the worker's lockdown would still find only an
 * empty opaque origin. Terminating a run removes the frame, which ends its worker.
 *
 * The memory guard: browsers give pages no way to measure or cap a worker's heap, so the limit is the engine's
 * own, and in Chromium a worker past it takes its whole renderer process down. A plain worker would take the
 * guest's or the staff member's page with it; here it is the frame's process that dies, and the page carries on.
 * The frame says it is alive every SANDBOX_FRAME_HEARTBEAT_MS; a frame that goes silent during a run and then does
 * not answer a ping either (a frame merely slowed by a busy machine answers it), or does not answer the ping sent
 * when a case reaches its time limit, is reported as a run stopped for its memory, not as a time-out.
 *
 * A screen showing a coding question keeps one frame started ahead (keepSandboxFrameWarm): the next run takes it,
 * and a new spare starts after that run. A spare has run nothing, so it is as fresh as a frame started for the run.
 *
 * Imported on first use (src/app/components/coding/use-code-run.ts, src/app/components/ai/use-staff-scoring.ts),
 * never in a first load.
 */
import type { Judgement } from '../../src/domain/coding/judge';
import type { CodeTestCase } from '../../src/domain/questions';
import { isSandboxMessage } from './protocol';
import { DEFAULT_LOAD_MS, runTests, SandboxMemoryError, type RunCodeInput, type RunCodeOptions, type SandboxPort } from './run-code';
import { isSandboxFrameMessage, SANDBOX_FRAME_HEARTBEAT_MS, SANDBOX_FRAME_PROTOCOL_VERSION, sandboxFrameHtml, type AppToSandboxFrame, type SandboxFrameStart } from './sandbox-frame';
import sandboxWorkerUrl from './sandbox.worker.ts?worker&url';

/** Silence after which a started frame is asked whether it lives (many heartbeats; a busy page is allowed for below). */
export const FRAME_SILENT_MS = 1500;
/** How long a ping may take to be answered before the frame is taken for dead. */
const PING_MS = 3000;

let workerSource: Promise<string> | null = null;

/** The built worker's text (precached by the service worker, so offline too), fetched once per page. */
function loadWorkerSource(): Promise<string> {
  workerSource ??= fetch(sandboxWorkerUrl)
    .then(async (response) => {
      if (!response.ok) throw new Error(`the code sandbox could not be loaded (HTTP ${response.status})`);
      return response.text();
    })
    .catch((err: unknown) => {
      workerSource = null;
      throw err instanceof Error ? err : new Error(String(err));
    });
  return workerSource;
}

/** A started sandbox frame, not yet given a run. */
interface StartedFrame {
  /** Its heartbeats so far say it lives (checked before a spare is used: a spare runs nothing, so it has no watchdog). */
  fresh(): boolean;
  /** Hands the frame to a run: from now on it is watched, and it is never handed out again. */
  take(): SandboxPort;
  /** Removes a frame that no run took. */
  discard(): void;
}

/** Creates a sandboxed frame and starts its worker (the worker waits for its one run request). */
function startFrame(): StartedFrame {
  const createdAt = performance.now();
  const channel = new MessageChannel();
  const port = channel.port1;
  const frame = document.createElement('iframe');
  // Before the document is set: the sandbox flags apply from the first load.
  frame.setAttribute('sandbox', 'allow-scripts');
  frame.setAttribute('aria-hidden', 'true');
  frame.tabIndex = -1;
  frame.title = 'Code sandbox';
  frame.dataset['testid'] = 'code-sandbox-frame';
  // "spare" until a run takes it, then "run" (tests tell a pre-started spare from the frame a run used).
  frame.dataset['sandbox'] = 'spare';
  // Rendered but out of sight: a display:none frame may have its timers throttled, and the heartbeat needs them.
  Object.assign(frame.style, { position: 'fixed', left: '-10px', top: '-10px', width: '1px', height: '1px', border: '0', opacity: '0', pointerEvents: 'none' });
  frame.srcdoc = sandboxFrameHtml();

  let onMessage: ((data: unknown) => void) | null = null;
  let onFailure: ((error: Error) => void) | null = null;
  let pending: Error | null = null;
  let ended = false;
  let taken = false;
  let lastAlive: number | null = null;
  let lastCheck = performance.now();
  let pingId = 0;
  let watchdog: ReturnType<typeof setInterval> | null = null;
  const pongs = new Map<number, () => void>();

  const fail = (error: Error) => {
    if (ended) return;
    if (onFailure) onFailure(error);
    else pending ??= error;
  };

  // When the run got the frame: a pre-started frame's start is not the run's.
  let runFrom = performance.now();
  port.onmessage = (event: MessageEvent<unknown>) => {
    const data = event.data;
    lastAlive = performance.now();
    // User Timing for bench:coding (and a developer's performance panel): the sandbox's start, and the whole run.
    if (isSandboxMessage(data) && (data.type === 'ready' || data.type === 'done')) {
      performance.measure(data.type === 'ready' ? 'interq:sandbox-frame-start' : 'interq:sandbox-frame-run', { start: runFrom, end: lastAlive });
    }
    if (isSandboxFrameMessage(data)) {
      if (data.type === 'pong') pongs.get(data.id)?.();
      else if (data.type === 'failed') fail(new Error(data.message));
      return;
    }
    onMessage?.(data);
  };

  // A fresh answer: a heartbeat from a moment ago says nothing of a process that has just died.
  const ping = () => {
    const id = (pingId += 1);
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        pongs.delete(id);
        resolve(false);
      }, PING_MS);
      pongs.set(id, () => {
        clearTimeout(timer);
        pongs.delete(id);
        resolve(true);
      });
      port.postMessage({ frame: SANDBOX_FRAME_PROTOCOL_VERSION, type: 'ping', id } satisfies AppToSandboxFrame);
    });
  };

  const watch = () => {
    let asking = false;
    lastCheck = performance.now();
    watchdog = setInterval(() => {
      const now = performance.now();
      // This page itself was busy (the check ran late): the frame's silence says nothing about the frame.
      if (now - lastCheck > FRAME_SILENT_MS / 2) lastAlive = lastAlive === null ? null : now;
      lastCheck = now;
      if (asking || lastAlive === null || now - lastAlive <= FRAME_SILENT_MS) return;
      // Silent: dead, or only starved of the processor on a busy machine. Only a dead frame leaves a ping unanswered.
      asking = true;
      void ping().then((alive) => {
        asking = false;
        if (!alive) fail(new SandboxMemoryError(null));
      });
    }, SANDBOX_FRAME_HEARTBEAT_MS);
  };

  const end = () => {
    ended = true;
    if (watchdog) clearInterval(watchdog);
    port.close();
    frame.remove();
  };

  frame.addEventListener(
    'load',
    () => {
      loadWorkerSource().then(
        (text) => {
          if (ended) return;
          const start: SandboxFrameStart = { frame: SANDBOX_FRAME_PROTOCOL_VERSION, type: 'start', workerSource: text };
          frame.contentWindow?.postMessage(start, '*', [channel.port2]);
        },
        (err: Error) => fail(err),
      );
    },
    { once: true },
  );
  document.body.append(frame);

  return {
    // No heartbeat yet: its start is under way, unless that has taken longer than a run may take to load.
    fresh: () => !ended && pending === null && (lastAlive === null ? performance.now() - createdAt <= DEFAULT_LOAD_MS : performance.now() - lastAlive <= FRAME_SILENT_MS),
    take() {
      if (taken) throw new Error('a sandbox frame runs code once only');
      taken = true;
      frame.dataset['sandbox'] = 'run';
      runFrom = performance.now();
      watch();
      return {
        // Queued in the channel until the frame has its end of it.
        postMessage: (message) => port.postMessage(message satisfies AppToSandboxFrame),
        listen(message, failure) {
          onMessage = message;
          onFailure = failure;
          if (pending) failure(pending);
          return () => {
            onMessage = null;
            onFailure = null;
          };
        },
        terminate: end,
        alive: ping,
      };
    },
    discard: end,
  };
}

/**
 * The pre-started frame (one at most per page), kept while a screen that is about to run code asks for it
 * (keepSandboxFrameWarm): starting a frame (a new process, the worker, parsing the compiler) is most of a short
 * run's time. It is used by one run only, like any frame, and replaced in the background after that run ends.
 */
let spare: StartedFrame | null = null;
let warmRequests = 0;
let refill: ReturnType<typeof setTimeout> | null = null;
/** After a run: leaves the page a moment to show the result before a new process starts. */
const REFILL_AFTER_MS = 100;

function refillSpare(): void {
  if (refill) clearTimeout(refill);
  refill = setTimeout(() => {
    refill = null;
    if (warmRequests > 0 && !spare) spare = startFrame();
  }, REFILL_AFTER_MS);
}

/**
 * Keeps one sandbox frame started ahead of the next run, until the returned function is called (a coding question
 * is on screen: the guest's Run examples, a staff device that scores it). Costs one renderer process while kept.
 */
export function keepSandboxFrameWarm(): () => void {
  warmRequests += 1;
  if (!spare) spare = startFrame();
  let released = false;
  return () => {
    if (released) return;
    released = true;
    warmRequests -= 1;
    if (warmRequests > 0) return;
    if (refill) clearTimeout(refill);
    refill = null;
    spare?.discard();
    spare = null;
  };
}

/** The port of a sandbox frame for one run: the pre-started spare when there is a live one, else a new frame. */
export function sandboxFramePort(): SandboxPort {
  let frame = spare;
  spare = null;
  if (frame && !frame.fresh()) {
    // Its process went away while it waited (a spare runs nothing, so not for a candidate's memory): start anew.
    frame.discard();
    frame = null;
  }
  const port = (frame ?? startFrame()).take();
  if (warmRequests === 0) return port;
  return {
    ...port,
    terminate() {
      port.terminate();
      refillSpare();
    },
  };
}

/** Runs code against test cases in a fresh sandboxed frame, and judges it. */
export function runTestsInSandboxFrame(code: Omit<RunCodeInput, 'cases'>, tests: readonly CodeTestCase[], options?: RunCodeOptions): Promise<Judgement> {
  return runTests(sandboxFramePort, code, tests, options);
}
