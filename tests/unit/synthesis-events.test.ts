import { describe, expect, it } from 'vitest';
import { createSynthesisEvents, type SynthesisChange } from '../../sync-server/synthesis/synthesis-events';

describe('synthesis events', () => {
  it('tells the listeners of one interview only, in order, until they unsubscribe', () => {
    const events = createSynthesisEvents();
    const a: SynthesisChange[] = [];
    const b: SynthesisChange[] = [];
    const stopA = events.subscribe('iv-1', (c) => a.push(c));
    const stopB = events.subscribe('iv-2', (c) => b.push(c));
    events.emit('iv-1', 'view');
    events.emit('iv-1', 'progress');
    events.emit('iv-3', 'view');
    expect(a).toEqual(['view', 'progress']);
    expect(b).toEqual([]);
    expect(events.listenerCount()).toBe(2);
    stopA();
    stopA();
    events.emit('iv-1', 'view');
    expect(a).toEqual(['view', 'progress']);
    stopB();
    expect(events.listenerCount()).toBe(0);
  });

  it('lets a listener unsubscribe while the others of the interview are told', () => {
    const events = createSynthesisEvents();
    const told: string[] = [];
    const stopFirst = events.subscribe('iv', () => {
      told.push('first');
      stopFirst();
    });
    events.subscribe('iv', () => told.push('second'));
    events.emit('iv', 'view');
    events.emit('iv', 'view');
    expect(told).toEqual(['first', 'second', 'second']);
  });
});
