import { clientEvents } from '@airwave/shared';
import { describe, expect, it } from 'vitest';
import { EVENT_COST, eventCost } from './client-budgets.ts';

describe('client event budgets', () => {
  it('prices exactly the events of the contract', () => {
    expect(Object.keys(EVENT_COST).sort()).toEqual(Object.keys(clientEvents).sort());
  });

  it('charges an unknown event one point, whatever its name', () => {
    expect(eventCost('no-such-event')).toBe(1);
    expect(eventCost('__proto__')).toBe(1);
    expect(eventCost(42)).toBe(1);
  });
});
