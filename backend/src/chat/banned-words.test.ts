import { describe, expect, it } from 'vitest';
import { bannedWordsPattern, screenMessage } from './banned-words.ts';

describe('banned words', () => {
  const pattern = bannedWordsPattern(['ass', 'Дурак', 'bad word', 'a.b']);

  it('matches whole words only, in any case and script', () => {
    expect(screenMessage('you ASS!', pattern, 'block')).toEqual({ verdict: 'blocked' });
    expect(screenMessage('a classic pass', pattern, 'block')).toEqual({
      verdict: 'clean',
      text: 'a classic pass',
    });
    expect(screenMessage('ну ты дурак.', pattern, 'block')).toEqual({ verdict: 'blocked' });
    expect(screenMessage('дураки', pattern, 'block').verdict).toBe('clean');
    expect(screenMessage('x a.b y', pattern, 'block').verdict).toBe('blocked');
    expect(screenMessage('x aXb y', pattern, 'block').verdict).toBe('clean');
  });

  it('masks every hit, keeping the length, when the action is mask', () => {
    expect(screenMessage('ass and a bad word, ass', pattern, 'mask')).toEqual({
      verdict: 'masked',
      text: '*** and a ********, ***',
    });
    expect(screenMessage('Дурак', pattern, 'mask')).toEqual({ verdict: 'masked', text: '*****' });
  });

  it('lets everything through with an empty list', () => {
    expect(bannedWordsPattern([' ', ''])).toBeUndefined();
    expect(screenMessage('anything', undefined, 'block')).toEqual({ verdict: 'clean', text: 'anything' });
  });
});
