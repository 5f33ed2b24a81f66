import { describe, expect, it } from 'vitest';
import { createEventBus } from './event-bus.ts';

interface Events {
  ping: { n: number };
  other: { s: string };
}

describe('event bus', () => {
  it('delivers synchronously, in subscription order, only to the named event', () => {
    const bus = createEventBus<Events>(() => {});
    const seen: string[] = [];
    bus.on('ping', ({ n }) => seen.push(`a${n}`));
    bus.on('ping', ({ n }) => seen.push(`b${n}`));
    bus.on('other', ({ s }) => seen.push(s));
    bus.emit('ping', { n: 1 });
    expect(seen).toEqual(['a1', 'b1']);
    // The event map types both sides (typecheck fails if these compile):
    // @ts-expect-error `other` carries a string
    bus.emit('other', { n: 1 });
    // @ts-expect-error no such event
    bus.on('pong', () => {});
  });

  it('stops delivering to a listener once unsubscribed, even mid-delivery', () => {
    const bus = createEventBus<Events>(() => {});
    const seen: number[] = [];
    const off = bus.on('ping', ({ n }) => {
      seen.push(n);
      off();
    });
    bus.emit('ping', { n: 1 });
    bus.emit('ping', { n: 2 });
    expect(seen).toEqual([1]);
  });

  it('reports a throwing listener and still runs the others; the emitter never sees the throw', () => {
    const errors: Array<[unknown, string]> = [];
    const bus = createEventBus<Events>((err, event) => errors.push([err, event]));
    const seen: number[] = [];
    const boom = new Error('listener broke');
    bus.on('ping', () => {
      throw boom;
    });
    bus.on('ping', ({ n }) => seen.push(n));
    expect(() => bus.emit('ping', { n: 3 })).not.toThrow();
    expect(seen).toEqual([3]);
    expect(errors).toEqual([[boom, 'ping']]);
  });
});
