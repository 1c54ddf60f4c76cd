import { describe, expect, it } from 'vitest';
import { permissionWhileHolding } from '../../src/guest/support/permission-while-holding';

describe('the microphone permission tech support is shown', () => {
  it('is "granted" while the page holds a stream the browser reports as "prompt" or cannot report', () => {
    expect(permissionWhileHolding('prompt', true)).toBe('granted');
    expect(permissionWhileHolding('unknown', true)).toBe('granted');
  });

  it('keeps the browser\'s "denied" even with a stream held (the guest just took it back)', () => {
    expect(permissionWhileHolding('denied', true)).toBe('denied');
  });

  it('is what the browser says while no stream is held', () => {
    for (const state of ['granted', 'denied', 'prompt', 'unknown'] as const) expect(permissionWhileHolding(state, false)).toBe(state);
  });
});
