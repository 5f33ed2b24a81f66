import { ERROR_CODES } from '@airwave/shared';
import { describe, expect, it } from 'vitest';
import { sharedEn } from './en.ts';
import { sharedRu } from './ru.ts';

describe('the shared messages', () => {
  it.each([
    ['en', sharedEn],
    ['ru', sharedRu],
  ])('%s words every error code of the contract, and nothing else', (_, words) => {
    expect(Object.keys(words.errors).sort()).toEqual([...ERROR_CODES].sort());
    for (const text of Object.values(words.errors)) expect(text.trim()).not.toBe('');
  });

  it('Russian is a translation, not a copy', () => {
    const same = ERROR_CODES.filter((code) => sharedRu.errors[code] === sharedEn.errors[code]);
    expect(same).toEqual([]);
  });
});
