/**
 * Down-mixing and resampling to Whisper's 16 kHz mono, in the worker. A windowed-sinc low-pass (Blackman window,
 * tabulated so the inner loop is multiply-adds only) keeps speech above 8 kHz from folding back as noise when
 * recordings come in at 44.1 or 48 kHz. Pure functions over Float32Arrays.
 */

/** Averages channels into one. */
export function downmix(channels: readonly Float32Array[]): Float32Array {
  if (channels.length === 0) return new Float32Array(0);
  if (channels.length === 1) return channels[0]!;
  const length = Math.min(...channels.map((c) => c.length));
  const out = new Float32Array(length);
  for (const c of channels) for (let i = 0; i < length; i++) out[i]! += c[i]!;
  const k = 1 / channels.length;
  for (let i = 0; i < length; i++) out[i]! *= k;
  return out;
}

const HALF_WIDTH = 16; // zero crossings of the sinc on each side, at the output rate
const TABLE_RES = 256; // kernel samples per zero crossing

let kernelTable: Float32Array | null = null;
function kernel(): Float32Array {
  if (kernelTable) return kernelTable;
  const n = HALF_WIDTH * TABLE_RES + 2;
  const t = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const x = i / TABLE_RES; // in zero crossings
    const sinc = x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    const w = x >= HALF_WIDTH ? 0 : 0.42 + 0.5 * Math.cos((Math.PI * x) / HALF_WIDTH) + 0.08 * Math.cos((2 * Math.PI * x) / HALF_WIDTH);
    t[i] = sinc * w;
  }
  kernelTable = t;
  return t;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Kernel weights for one output position at `center` (in input samples), normalised to a DC gain of exactly 1. */
function weightsAt(center: number, first: number, last: number, step: number, table: Float32Array): Float32Array {
  const w = new Float32Array(last - first + 1);
  let norm = 0;
  for (let k = first; k <= last; k++) {
    const pos = Math.abs(center - k) * step;
    const idx = pos | 0;
    const v = idx + 1 < table.length ? table[idx]! + (table[idx + 1]! - table[idx]!) * (pos - idx) : 0;
    w[k - first] = v;
    norm += v;
  }
  if (norm !== 0) for (let i = 0; i < w.length; i++) w[i]! /= norm;
  return w;
}

/** Resamples mono audio from `fromRate` to `toRate`. */
export function resample(input: Float32Array, fromRate: number, toRate: number): Float32Array {
  if (!(fromRate > 0) || !(toRate > 0) || !Number.isInteger(fromRate) || !Number.isInteger(toRate)) {
    throw new RangeError(`invalid sample rates ${fromRate} -> ${toRate}`);
  }
  if (fromRate === toRate) return input.slice();
  const g = gcd(fromRate, toRate);
  const up = toRate / g;
  const down = fromRate / g;
  const outLength = Math.floor((input.length * up) / down);
  const out = new Float32Array(outLength);
  const table = kernel();
  // Downsampling: stretch the kernel so its cutoff sits just below the output Nyquist frequency. Upsampling: cutoff
  // just below the input Nyquist.
  const cutoff = Math.min(1, up / down) * 0.95;
  const reach = HALF_WIDTH / cutoff; // input samples on each side
  const step = cutoff * TABLE_RES; // table index per input sample of distance

  // For a rational ratio the kernel's phase repeats every `up` outputs (one phase for 48 kHz -> 16 kHz), so the weights
  // are computed once per phase and the inner loop is multiply-adds only.
  const phases: { offset: number; w: Float32Array }[] = [];
  if (up <= 2048) {
    for (let p = 0; p < up; p++) {
      const frac = ((p * down) % up) / up;
      const first = Math.ceil(frac - reach);
      const last = Math.floor(frac + reach);
      phases.push({ offset: first, w: weightsAt(frac, first, last, step, table) });
    }
  }
  for (let n = 0; n < outLength; n++) {
    const base = Math.floor((n * down) / up);
    const phase = phases.length ? phases[n % up]! : null;
    if (phase && base + phase.offset >= 0 && base + phase.offset + phase.w.length <= input.length) {
      const w = phase.w;
      const start = base + phase.offset;
      let acc = 0;
      for (let j = 0; j < w.length; j++) acc += input[start + j]! * w[j]!;
      out[n] = acc;
      continue;
    }
    // Edges (and ratios with too many phases): clip the kernel to the input and renormalise.
    const center = (n * down) / up;
    const first = Math.max(0, Math.ceil(center - reach));
    const last = Math.min(input.length - 1, Math.floor(center + reach));
    const w = weightsAt(center, first, last, step, table);
    let acc = 0;
    for (let k = first; k <= last; k++) acc += input[k]! * w[k - first]!;
    out[n] = acc;
  }
  return out;
}

/** To 16 kHz mono from any channel layout and rate. */
export function toWhisperInput(channels: readonly Float32Array[], sampleRate: number): Float32Array {
  return resample(downmix(channels), sampleRate, 16000);
}

/** Audio that cannot be transcribed: non-finite samples mean a broken decoder or a corrupt file. */
export function hasNonFinite(samples: Float32Array): boolean {
  for (let i = 0; i < samples.length; i++) if (!Number.isFinite(samples[i]!)) return true;
  return false;
}
