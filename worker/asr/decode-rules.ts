/**
 * Whisper's greedy decoding rules applied straight to a logits row (Float32Array, in place), as in openai/whisper's
 * decoding.py: special tokens suppressed, begin-suppression, and in timestamp mode the pairing, monotonicity and
 * "timestamp wins when its total probability beats any text token" rules. Pure and allocation-free per step: this
 * runs once per generated token, so it is part of the speed budget.
 */

export interface WhisperVocab {
  vocabSize: number;
  eot: number;
  sot: number;
  noTimestamps: number;
  /** First timestamp token (<|0.00|>); every id from here is a timestamp, 0.02 s apart. */
  timestampBegin: number;
  /** Special ids other than end-of-text that must never be generated (sot, languages, tasks, ...). */
  suppress: Int32Array;
  /** Suppressed at the first generated position only (a leading blank, an immediate end-of-text). */
  beginSuppress: Int32Array;
  /** Largest timestamp allowed as the first token, as an index from timestampBegin (50 = 1.00 s). */
  maxInitialTimestampIndex: number | null;
}

export interface StepContext {
  /** Tokens generated so far in this window (prompt excluded). */
  generated: readonly number[];
  timestamps: boolean;
  /** End-of-text is suppressed until this many tokens were generated (benchmarks decode a fixed count). */
  minNewTokens: number;
}

export interface VocabSource {
  vocabSize: number;
  eos_token_id: number | number[];
  decoder_start_token_id: number;
  no_timestamps_token_id: number;
  begin_suppress_tokens?: number[] | null;
  suppress_tokens?: number[] | null;
  max_initial_timestamp_index?: number | null;
}

export function buildVocab(src: VocabSource): WhisperVocab {
  const eot = Array.isArray(src.eos_token_id) ? src.eos_token_id[0]! : src.eos_token_id;
  const timestampBegin = src.no_timestamps_token_id + 1;
  const suppress = new Set<number>(src.suppress_tokens ?? []);
  // All special tokens between end-of-text and the timestamps, except end-of-text itself.
  for (let id = eot + 1; id < timestampBegin; id++) suppress.add(id);
  suppress.delete(eot);
  return {
    vocabSize: src.vocabSize,
    eot,
    sot: src.decoder_start_token_id,
    noTimestamps: src.no_timestamps_token_id,
    timestampBegin,
    suppress: Int32Array.from([...suppress].filter((id) => id >= 0 && id < src.vocabSize)),
    beginSuppress: Int32Array.from((src.begin_suppress_tokens ?? []).filter((id) => id >= 0 && id < src.vocabSize)),
    maxInitialTimestampIndex: src.max_initial_timestamp_index ?? null,
  };
}

/** Applies every rule for the next position to `logits` (one row, length vocabSize). */
export function applyDecodeRules(logits: Float32Array, v: WhisperVocab, ctx: StepContext): void {
  const { generated } = ctx;
  for (let i = 0; i < v.suppress.length; i++) logits[v.suppress[i]!] = -Infinity;
  if (generated.length === 0) {
    for (let i = 0; i < v.beginSuppress.length; i++) logits[v.beginSuppress[i]!] = -Infinity;
  }
  if (generated.length < ctx.minNewTokens) logits[v.eot] = -Infinity;

  if (!ctx.timestamps) {
    logits.fill(-Infinity, v.timestampBegin);
    return;
  }
  applyTimestampRules(logits, v, generated);
}

function applyTimestampRules(logits: Float32Array, v: WhisperVocab, generated: readonly number[]): void {
  const tsBegin = v.timestampBegin;
  logits[v.noTimestamps] = -Infinity;

  if (generated.length === 0) {
    // The first token must be a timestamp, and an early one.
    logits.fill(-Infinity, 0, tsBegin);
    if (v.maxInitialTimestampIndex !== null) logits.fill(-Infinity, tsBegin + v.maxInitialTimestampIndex + 1);
    return;
  }

  const n = generated.length;
  const lastWasTimestamp = generated[n - 1]! >= tsBegin;
  const penultimateWasTimestamp = n < 2 || generated[n - 2]! >= tsBegin;
  if (lastWasTimestamp) {
    if (penultimateWasTimestamp) logits.fill(-Infinity, tsBegin); // a pair just closed: text must follow
    else logits.fill(-Infinity, 0, v.eot); // a segment is open: only its end timestamp or end-of-text
  }

  // Timestamps never go backwards; a new segment cannot start before the previous one ended.
  let lastTimestamp = -1;
  for (let i = n - 1; i >= 0; i--) {
    if (generated[i]! >= tsBegin) {
      lastTimestamp = generated[i]!;
      break;
    }
  }
  if (lastTimestamp >= 0) {
    const floor = lastWasTimestamp && !penultimateWasTimestamp ? lastTimestamp : lastTimestamp + 1;
    logits.fill(-Infinity, tsBegin, Math.min(floor, logits.length));
  }

  // If the timestamps together are more likely than the best text token, a timestamp must come next.
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) if (logits[i]! > max) max = logits[i]!;
  if (max === -Infinity) return;
  let sumAll = 0;
  let sumTs = 0;
  let maxText = -Infinity;
  for (let i = 0; i < logits.length; i++) {
    const x = logits[i]!;
    if (x === -Infinity) continue;
    const e = Math.exp(x - max);
    sumAll += e;
    if (i >= tsBegin) sumTs += e;
    else if (x > maxText) maxText = x;
  }
  if (sumTs === 0) return;
  const logSumAll = Math.log(sumAll) + max;
  const tsLogProb = Math.log(sumTs) + max - logSumAll;
  const maxTextLogProb = maxText - logSumAll;
  if (tsLogProb > maxTextLogProb) logits.fill(-Infinity, 0, tsBegin);
}

/** Index of the largest value; the first one on ties, as argmax does everywhere else. */
export function argmax(row: Float32Array): number {
  let best = 0;
  let bestValue = -Infinity;
  for (let i = 0; i < row.length; i++) {
    const x = row[i]!;
    if (x > bestValue) {
      bestValue = x;
      best = i;
    }
  }
  return best;
}
