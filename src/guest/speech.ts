/**
 * Reading questions aloud with the browser's speech synthesis. Every path ends:
 * no API, no voice, an engine that never starts (common on Linux without a
 * speech service) or never reports the end (Chrome stops long utterances
 * silently) all resolve to an outcome the screen can state, never a hang.
 */

export type SpeakOutcome =
  | { type: 'ended' }
  | { type: 'cancelled' }
  /** The browser wants a click first (autoplay rules after a reload): a Read aloud button works. */
  | { type: 'needs-gesture' }
  | { type: 'unavailable'; reason: string };

export interface SpeakHandle {
  readonly done: Promise<SpeakOutcome>;
  cancel(): void;
}

type Synth = Pick<SpeechSynthesis, 'speak' | 'cancel' | 'getVoices'> & Partial<Pick<SpeechSynthesis, 'addEventListener' | 'removeEventListener'>>;
type UtteranceCtor = new (text: string) => SpeechSynthesisUtterance;

export interface SpeechDeps {
  synth?: Synth | null;
  Utterance?: UtteranceCtor | null;
  setTimer?: (cb: () => void, ms: number) => unknown;
  clearTimer?: (h: unknown) => void;
}

function env(deps: SpeechDeps) {
  const g = globalThis as { speechSynthesis?: Synth; SpeechSynthesisUtterance?: UtteranceCtor };
  return {
    synth: deps.synth === undefined ? (g.speechSynthesis ?? null) : deps.synth,
    Utterance: deps.Utterance === undefined ? (g.SpeechSynthesisUtterance ?? null) : deps.Utterance,
    setTimer: deps.setTimer ?? ((cb: () => void, ms: number) => globalThis.setTimeout(cb, ms)),
    clearTimer: deps.clearTimer ?? ((h: unknown) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>)),
  };
}

/** The voices the browser has, waiting briefly for the list (Chrome fills it asynchronously). */
export function loadVoices(deps: SpeechDeps = {}, waitMs = 1500): Promise<SpeechSynthesisVoice[]> {
  const { synth, setTimer, clearTimer } = env(deps);
  if (!synth) return Promise.resolve([]);
  const now = safeVoices(synth);
  if (now.length > 0 || !synth.addEventListener) return Promise.resolve(now);
  return new Promise((resolve) => {
    const done = () => {
      synth.removeEventListener?.('voiceschanged', done);
      clearTimer(timer);
      resolve(safeVoices(synth));
    };
    const timer = setTimer(done, waitMs);
    synth.addEventListener!('voiceschanged', done);
  });
}

function safeVoices(synth: Synth): SpeechSynthesisVoice[] {
  try {
    return synth.getVoices() ?? [];
  } catch {
    return [];
  }
}

/** An English voice (the questions are in English), the system default among them first. */
export function pickVoice(voices: readonly SpeechSynthesisVoice[], lang = 'en'): SpeechSynthesisVoice | null {
  const matching = voices.filter((v) => v.lang.toLowerCase().startsWith(lang));
  return matching.find((v) => v.default) ?? matching.find((v) => v.localService) ?? matching[0] ?? voices.find((v) => v.default) ?? voices[0] ?? null;
}

export interface SpeakOptions extends SpeechDeps {
  lang?: string;
  rate?: number;
  /** How long the engine may take to start speaking. */
  startTimeoutMs?: number;
}

/** Rough upper bound of the time to speak `text`, for the end watchdog. */
export function speakingBudgetMs(text: string, rate = 1): number {
  const words = text.trim().split(/\s+/).length;
  return Math.round(((words / 2.2) * 1000) / rate) * 2 + 5000;
}

export function speak(text: string, options: SpeakOptions = {}): SpeakHandle {
  const { synth, Utterance, setTimer, clearTimer } = env(options);
  let settle!: (o: SpeakOutcome) => void;
  let settled = false;
  const done = new Promise<SpeakOutcome>((resolve) => {
    settle = (o) => {
      if (settled) return;
      settled = true;
      resolve(o);
    };
  });
  if (!synth || !Utterance) {
    settle({ type: 'unavailable', reason: 'this browser has no speech synthesis' });
    return { done, cancel: () => undefined };
  }
  let timer: unknown = null;
  const clear = () => {
    if (timer !== null) clearTimer(timer);
    timer = null;
  };
  const finish = (o: SpeakOutcome) => {
    clear();
    settle(o);
  };
  void loadVoices(options).then((voices) => {
    if (settled) return;
    if (voices.length === 0) {
      finish({ type: 'unavailable', reason: 'no voice is installed for reading aloud' });
      return;
    }
    const utterance = new Utterance(text);
    const voice = pickVoice(voices, options.lang ?? 'en');
    if (voice) utterance.voice = voice;
    utterance.lang = voice?.lang ?? 'en-US';
    utterance.rate = options.rate ?? 1;
    utterance.onstart = () => {
      clear();
      // Chrome may never send `end` for long text: stop waiting after a generous budget.
      timer = setTimer(() => finish({ type: 'ended' }), speakingBudgetMs(text, utterance.rate));
    };
    utterance.onend = () => finish({ type: 'ended' });
    utterance.onerror = (event: SpeechSynthesisErrorEvent) => {
      if (event.error === 'interrupted' || event.error === 'canceled') finish({ type: 'cancelled' });
      else if (event.error === 'not-allowed') finish({ type: 'needs-gesture' });
      else finish({ type: 'unavailable', reason: `the speech engine failed (${event.error})` });
    };
    try {
      synth.cancel();
      synth.speak(utterance);
    } catch (error) {
      finish({ type: 'unavailable', reason: `the speech engine failed (${String(error)})` });
      return;
    }
    timer = setTimer(() => {
      try {
        synth.cancel();
      } catch {
        // Nothing more to stop.
      }
      finish({ type: 'unavailable', reason: 'the speech engine did not respond' });
    }, options.startTimeoutMs ?? 4000);
  });
  return {
    done,
    cancel() {
      if (settled) return;
      try {
        synth.cancel();
      } catch {
        // Already silent.
      }
      finish({ type: 'cancelled' });
    },
  };
}
