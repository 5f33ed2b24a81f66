import { describe, expect, it } from 'vitest';
import { createPrincipalCache } from './principal-cache.ts';

describe('principal cache', () => {
  it('answers from memory until the user is forgotten, then reads again', async () => {
    const cache = createPrincipalCache<{ role: string }>();
    let reads = 0;
    const read = async () => {
      reads++;
      return { role: 'user' };
    };
    await cache.load('u1', 's1', read);
    expect(cache.get('u1', 's1')).toEqual({ role: 'user' });
    expect(cache.get('u1', 's2')).toBeUndefined();
    cache.forget('u1');
    expect(cache.get('u1', 's1')).toBeUndefined();
    await cache.load('u1', 's1', read);
    expect(reads).toBe(2);
  });

  it('does not keep a row read before a revocation that landed while it was read', async () => {
    const cache = createPrincipalCache<{ revoked: boolean }>();
    let finishRead: (row: { revoked: boolean }) => void = () => {};
    const pending = cache.load('u1', 's1', () => new Promise((resolve) => (finishRead = resolve)));
    cache.forget('u1');
    finishRead({ revoked: false });
    expect(await pending).toEqual({ revoked: false });
    expect(cache.get('u1', 's1')).toBeUndefined();
  });

  it('lets an entry run out after its time to live', async () => {
    const cache = createPrincipalCache<string>({ ttlMs: 20 });
    await cache.load('u1', 's1', async () => 'row');
    expect(cache.get('u1', 's1')).toBe('row');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(cache.get('u1', 's1')).toBeUndefined();
  });

  it('stores nothing for a session that does not exist', async () => {
    const cache = createPrincipalCache<string>();
    expect(await cache.load('u1', 's1', async () => undefined)).toBeUndefined();
    expect(cache.get('u1', 's1')).toBeUndefined();
  });
});
