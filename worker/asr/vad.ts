/**
 * Voice activity detection with Silero VAD v5, the model file @ricky0123/vad-web ships in its npm package, run on the
 * same ONNX Runtime as Whisper (one runtime in the worker instead of vad-web's own copy). The model scores 512-sample
 * frames (32 ms at 16 kHz), each seen with the last 64 samples of the previous frame, carrying a recurrent state.
 *
 * A two-minute answer is 3,750 frames. In ONNX Runtime Web each session run costs far more than the model's own
 * arithmetic (about 15 ms per run on the dev machines, against 0.1 ms of compute per frame), so the recording is cut
 * into many contiguous lanes scored side by side as one batch (the recurrent state has a batch axis). Each lane first
 * runs over a few frames before its own stretch to warm up its state, so lane boundaries do not show.
 */
import type { OrtSessionLike, TensorFactory } from './greedy-decoder';

export const VAD_SAMPLE_RATE = 16000;
export const VAD_FRAME_SAMPLES = 512;
const CONTEXT_SAMPLES = 64;
const STATE_SIZE = 128;

/** SHA-256 of dist/silero_vad_v5.onnx in @ricky0123/vad-web 0.0.31; checked before the model is used or cached. */
export const SILERO_V5_SHA256 = '2623a2953f6ff3d2c1e61740c6cdb7168133479b267dfef114a4a3cc5bdd788f';
export const SILERO_V5_FILE = 'silero_vad_v5.onnx';

export interface VadRunOptions {
  /** Parallel lanes per session run. More lanes, fewer runs; 1 reproduces the streaming model exactly. */
  lanes?: number;
  /** Frames each lane (but the first) runs before its own stretch, outputs discarded. Default 12 (384 ms). */
  warmupFrames?: number;
  signal?: AbortSignal;
  /** Awaited every few runs so a cancel message can arrive (see yield.ts). */
  betweenRuns?: () => Promise<void>;
}

export class SileroVad {
  constructor(
    private readonly session: OrtSessionLike,
    private readonly tensor: TensorFactory,
  ) {
    for (const name of ['input', 'state', 'sr']) {
      if (!session.inputNames.includes(name)) throw new Error(`the VAD model has no input "${name}"`);
    }
  }

  /** Speech probability of every 512-sample frame of a 16 kHz recording (the last partial frame is zero-padded). */
  async frameProbabilities(audio: Float32Array, opts: VadRunOptions = {}): Promise<Float32Array> {
    const frames = Math.ceil(audio.length / VAD_FRAME_SAMPLES);
    const probs = new Float32Array(frames);
    if (frames === 0) return probs;
    const lanes = Math.max(1, Math.min(opts.lanes ?? defaultLanes(frames), frames));
    const framesPerLane = Math.ceil(frames / lanes);
    const warmup = lanes === 1 ? 0 : Math.max(0, opts.warmupFrames ?? 12);
    const width = CONTEXT_SAMPLES + VAD_FRAME_SAMPLES;
    const sr = this.tensor('int64', BigInt64Array.of(BigInt(VAD_SAMPLE_RATE)), []);
    let state = this.tensor('float32', new Float32Array(2 * lanes * STATE_SIZE), [2, lanes, STATE_SIZE]);
    const input = new Float32Array(lanes * width);

    for (let step = 0; step < framesPerLane + warmup; step++) {
      if (step % 8 === 0) {
        await opts.betweenRuns?.();
        opts.signal?.throwIfAborted();
      }
      for (let lane = 0; lane < lanes; lane++) {
        // Lane k scores frames [k * framesPerLane, (k + 1) * framesPerLane), starting `warmup` frames earlier.
        const frame = lane * framesPerLane - warmup + step;
        const row = input.subarray(lane * width, (lane + 1) * width);
        if (frame < 0 || frame >= frames || frame >= (lane + 1) * framesPerLane) {
          row.fill(0);
          continue;
        }
        const start = frame * VAD_FRAME_SAMPLES;
        // Context: the 64 samples before this frame (silence before the recording starts).
        if (start === 0) row.fill(0, 0, CONTEXT_SAMPLES);
        else row.set(audio.subarray(start - CONTEXT_SAMPLES, start), 0);
        const chunk = audio.subarray(start, Math.min(start + VAD_FRAME_SAMPLES, audio.length));
        row.set(chunk, CONTEXT_SAMPLES);
        if (chunk.length < VAD_FRAME_SAMPLES) row.fill(0, CONTEXT_SAMPLES + chunk.length);
      }
      const out = await this.session.run({ input: this.tensor('float32', input.slice(), [lanes, width]), state, sr }, ['output', 'stateN']);
      const p = out.output!.data as Float32Array;
      for (let lane = 0; lane < lanes; lane++) {
        const frame = lane * framesPerLane - warmup + step;
        if (frame >= lane * framesPerLane && frame < (lane + 1) * framesPerLane && frame < frames) probs[frame] = p[lane]!;
      }
      state = out.stateN!;
    }
    return probs;
  }
}

function defaultLanes(frames: number): number {
  // About 1.5 s per lane, at most 128 lanes: a two-minute answer takes 60 runs instead of 3,750.
  return Math.max(1, Math.min(128, Math.ceil(frames / 48)));
}
