/**
 * The live input level behind the AudioVisualizer: an AnalyserNode read once per
 * animation frame, reduced to RMS and peak, smoothed, and published to
 * subscribers. A frame costs one pass over 1024 samples into a buffer allocated
 * once, so it never competes with rendering; subscribers should draw straight
 * onto a canvas rather than set React state 60 times a second.
 */

export interface LevelReading {
  /** Smoothed RMS amplitude, 0..1. */
  rms: number;
  /** Peak amplitude with a falling hold, 0..1. */
  peak: number;
  /** `rms` in dBFS (−100 for silence). */
  db: number;
  /** The last frame touched full scale: the guest is too loud or too close. */
  clipping: boolean;
  /** Something above the noise floor: the meter can say "we hear you". */
  hearing: boolean;
}

export const SILENCE: LevelReading = Object.freeze({ rms: 0, peak: 0, db: -100, clipping: false, hearing: false });

const DB_FLOOR = -100;
const HEARING_DB = -50;
const CLIP_LEVEL = 0.99;
const ATTACK_MS = 25;
const RELEASE_MS = 250;
/** Peak hold falls by this many dB per second. */
const PEAK_FALL_DB_PER_S = 24;

export function measureLevels(samples: ArrayLike<number>): { rms: number; peak: number } {
  let sum = 0;
  let peak = 0;
  for (let i = 0; i < samples.length; i += 1) {
    const s = samples[i]!;
    sum += s * s;
    const a = s < 0 ? -s : s;
    if (a > peak) peak = a;
  }
  return { rms: samples.length ? Math.sqrt(sum / samples.length) : 0, peak: Math.min(1, peak) };
}

/** Unsigned 8-bit time-domain samples (getByteTimeDomainData, 128 = silence) to −1..1 floats, in place into `out`. */
export function bytesToSamples(bytes: ArrayLike<number>, out: Float32Array): Float32Array {
  for (let i = 0; i < bytes.length && i < out.length; i += 1) out[i] = (bytes[i]! - 128) / 128;
  return out;
}

export function toDecibels(amplitude: number): number {
  return amplitude > 0 ? Math.max(DB_FLOOR, 20 * Math.log10(amplitude)) : DB_FLOOR;
}

/** Fast rise, slow fall: speech looks lively without flicker, at any frame rate (dt-based). */
export function smoothLevel(previous: LevelReading, raw: { rms: number; peak: number }, dtMs: number): LevelReading {
  const dt = Math.max(0, dtMs);
  const tau = raw.rms > previous.rms ? ATTACK_MS : RELEASE_MS;
  const alpha = 1 - Math.exp(-dt / tau);
  const rms = previous.rms + (raw.rms - previous.rms) * alpha;
  const fallen = previous.peak * Math.pow(10, -(PEAK_FALL_DB_PER_S * dt) / 1000 / 20);
  const peak = Math.max(raw.peak, fallen);
  const db = toDecibels(rms);
  return { rms, peak, db, clipping: raw.peak >= CLIP_LEVEL, hearing: db > HEARING_DB };
}

export interface LevelMeter {
  /** Starts reading (resumes the AudioContext; call from a user gesture the first time). */
  start(): Promise<void>;
  /** Stops reading and releases the audio graph (and the AudioContext when the meter created it). */
  stop(): void;
  /** Called every frame with the latest reading; returns the unsubscribe function. */
  subscribe(listener: (reading: LevelReading) => void): () => void;
  /** The latest reading, for `useSyncExternalStore` or a one-off check. */
  getSnapshot(): LevelReading;
  readonly running: boolean;
}

type AudioContextLike = Pick<AudioContext, 'createMediaStreamSource' | 'createAnalyser' | 'resume' | 'close' | 'state'>;

export interface LevelMeterOptions {
  /** Share the app's context; otherwise the meter makes (and later closes) its own. */
  audioContext?: AudioContextLike;
  createAudioContext?: () => AudioContextLike;
  /** Samples per reading; 1024 is ~21 ms at 48 kHz. */
  fftSize?: number;
  requestFrame?: (callback: (time: number) => void) => number;
  cancelFrame?: (handle: number) => void;
}

export function createLevelMeter(stream: MediaStream, options: LevelMeterOptions = {}): LevelMeter {
  const requestFrame = options.requestFrame ?? ((cb: (t: number) => void) => globalThis.requestAnimationFrame(cb));
  const cancelFrame = options.cancelFrame ?? ((h: number) => globalThis.cancelAnimationFrame(h));
  const listeners = new Set<(reading: LevelReading) => void>();
  let reading: LevelReading = SILENCE;
  let context: AudioContextLike | null = null;
  let ownsContext = false;
  let source: MediaStreamAudioSourceNode | null = null;
  let analyser: AnalyserNode | null = null;
  let samples: Float32Array<ArrayBuffer> | null = null;
  let bytes: Uint8Array<ArrayBuffer> | null = null;
  let frame: number | null = null;
  let lastTime: number | null = null;
  let running = false;

  const publish = () => {
    for (const listener of listeners) {
      try {
        listener(reading);
      } catch (error) {
        // One faulty subscriber must not stop the meter for the others; the error still surfaces.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  };

  const tick = (time: number) => {
    if (!running || !analyser || !samples) return;
    if (typeof analyser.getFloatTimeDomainData === 'function') {
      analyser.getFloatTimeDomainData(samples);
    } else {
      // Old Safari has only the 8-bit variant.
      analyser.getByteTimeDomainData(bytes!);
      bytesToSamples(bytes!, samples);
    }
    const dt = lastTime === null ? 16.7 : time - lastTime;
    lastTime = time;
    reading = smoothLevel(reading, measureLevels(samples), dt);
    publish();
    frame = requestFrame(tick);
  };

  return {
    get running() {
      return running;
    },
    getSnapshot: () => reading,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async start() {
      if (running) return;
      if (!context) {
        ownsContext = !options.audioContext;
        context =
          options.audioContext ?? options.createAudioContext?.() ?? (new AudioContext() as unknown as AudioContextLike);
        source = context.createMediaStreamSource(stream);
        analyser = context.createAnalyser();
        analyser.fftSize = options.fftSize ?? 1024;
        // Analysis only: never connected to the speakers, so there is no feedback loop.
        source.connect(analyser);
        samples = new Float32Array(analyser.fftSize);
        bytes = new Uint8Array(analyser.fftSize);
      }
      if (context.state === 'suspended') await context.resume();
      running = true;
      lastTime = null;
      frame = requestFrame(tick);
    },
    stop() {
      running = false;
      if (frame !== null) cancelFrame(frame);
      frame = null;
      source?.disconnect();
      source = null;
      analyser = null;
      if (context && ownsContext && context.state !== 'closed') void context.close().catch(() => undefined);
      context = null;
      reading = SILENCE;
      publish();
    },
  };
}
