import { describe, expect, it } from 'vitest';
import { safeRedirectPath } from './redirect.ts';

const ORIGIN = 'https://airwave.example';

describe('safeRedirectPath', () => {
  it('keeps a same-origin path with its query and hash', () => {
    expect(safeRedirectPath('/live/abc?x=1#chat', ORIGIN)).toBe('/live/abc?x=1#chat');
    expect(safeRedirectPath('/wallet', ORIGIN)).toBe('/wallet');
    expect(safeRedirectPath(`${ORIGIN}/me`, ORIGIN)).toBe('/me');
    // A scheme-relative spelling of this same origin stays here.
    expect(safeRedirectPath('https:evil.example', ORIGIN)).toBe('/evil.example');
  });

  it('refuses every spelling of another host', () => {
    for (const next of [
      '/\\evil.example/x',
      '//evil.example/x',
      '\\\\evil.example',
      '/\t/evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
      'data:text/html,hi',
      'http://airwave.example/',
    ]) {
      expect(safeRedirectPath(next, ORIGIN), next).toBe('/');
    }
  });

  it('falls back when there is nothing to follow', () => {
    expect(safeRedirectPath(null, ORIGIN)).toBe('/');
    expect(safeRedirectPath('', ORIGIN, '/streams')).toBe('/streams');
  });
});
