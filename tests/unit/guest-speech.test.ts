/**
 * Read-aloud never hangs: every way a browser's speech synthesis can fail ends
 * in an outcome. The browser API is replaced by a small scripted engine (Node
 * has none); the wrapper's logic is what runs.
 */
import { describe, expect, it, vi } from 'vitest';
import { loadVoices, pickVoice, speak, speakingBudgetMs } from '../../src/guest/speech';

type Behaviour = 'speak' | 'silent' | 'not-allowed' | 'synthesis-failed' | 'start-only';

class FakeUtterance {
  voice: SpeechSynthesisVoice | null = null;
  lang = '';
  rate = 1;
  onstart: (() => void) | null = null;
  onend: (() => void) | null = null;
  onerror: ((e: { error: string }) => void) | null = null;
  constructor(readonly text: string) {}
}

function engine(behaviour: Behaviour, voices: Array<Partial<SpeechSynthesisVoice>> = [{ name: 'en', lang: 'en-US', default: true, localService: true }]) {
  const listeners = new Set<() => void>();
  let current: FakeUtterance | null = null;
  return {
    spoken: [] as string[],
    cancelled: 0,
    getVoices: () => voices as SpeechSynthesisVoice[],
    addEventListener: (_: string, fn: () => void) => listeners.add(fn),
    removeEventListener: (_: string, fn: () => void) => listeners.delete(fn),
    speak(u: FakeUtterance) {
      this.spoken.push(u.text);
      current = u;
      queueMicrotask(() => {
        if (behaviour === 'speak') {
          u.onstart?.();
          setTimeout(() => u.onend?.(), 5);
        } else if (behaviour === 'start-only') {
          u.onstart?.();
        } else if (behaviour === 'not-allowed' || behaviour === 'synthesis-failed') {
          u.onerror?.({ error: behaviour });
        }
      });
    },
    cancel() {
      this.cancelled += 1;
      const u = current;
      current = null;
      if (u) queueMicrotask(() => u.onerror?.({ error: 'interrupted' }));
    },
    fireVoicesChanged: () => listeners.forEach((l) => l()),
  };
}

const deps = (synth: ReturnType<typeof engine>) => ({ synth: synth as never, Utterance: FakeUtterance as never });

describe('speak', () => {
  it('ends normally when the engine speaks, with an English voice', async () => {
    const synth = engine('speak');
    const outcome = await speak('What is a cache?', deps(synth)).done;
    expect(outcome).toEqual({ type: 'ended' });
    expect(synth.spoken).toEqual(['What is a cache?']);
  });

  it('says "unavailable" without an API or without any voice, never waiting forever', async () => {
    expect(await speak('x', { synth: null, Utterance: null }).done).toEqual({ type: 'unavailable', reason: 'this browser has no speech synthesis' });
    const voiceless = engine('speak', []);
    const outcome = await speak('x', { ...deps(voiceless), startTimeoutMs: 50 }).done;
    expect(outcome).toMatchObject({ type: 'unavailable', reason: expect.stringContaining('no voice') });
  });

  it('gives up on an engine that never starts', async () => {
    const synth = engine('silent');
    const outcome = await speak('x', { ...deps(synth), startTimeoutMs: 30 }).done;
    expect(outcome).toMatchObject({ type: 'unavailable', reason: 'the speech engine did not respond' });
    expect(synth.cancelled).toBeGreaterThan(0);
  });

  it('asks for a click when the browser refuses speech without a user gesture', async () => {
    expect(await speak('x', deps(engine('not-allowed'))).done).toEqual({ type: 'needs-gesture' });
    expect(await speak('x', deps(engine('synthesis-failed'))).done).toMatchObject({ type: 'unavailable', reason: expect.stringContaining('synthesis-failed') });
  });

  it('ends by itself when the engine never reports the end (long text in Chrome)', async () => {
    vi.useFakeTimers();
    try {
      const h = speak('one two three', deps(engine('start-only')));
      await vi.advanceTimersByTimeAsync(speakingBudgetMs('one two three') + 10);
      expect(await h.done).toEqual({ type: 'ended' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('can be cancelled', async () => {
    const h = speak('x', deps(engine('start-only')));
    await new Promise((r) => setTimeout(r, 5));
    h.cancel();
    expect(await h.done).toEqual({ type: 'cancelled' });
  });
});

describe('voices', () => {
  it('waits for the voice list to arrive, and picks an English default', async () => {
    const list: Array<Partial<SpeechSynthesisVoice>> = [];
    const synth = engine('speak', list);
    const pending = loadVoices(deps(synth), 1000);
    list.push({ name: 'fr', lang: 'fr-FR', default: true }, { name: 'en-gb', lang: 'en-GB', localService: true });
    synth.fireVoicesChanged();
    const voices = await pending;
    expect(voices).toHaveLength(2);
    expect(pickVoice(voices)?.name).toBe('en-gb');
  });
});
