import type { BannedWordsAction } from '@airwave/shared';

const escapeRegExp = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Matches any of `words` as a whole word, case-insensitively, in any script: "ass" hits "Ass!" but
 * not "class". Letters, digits and underscore count as word characters, so Cyrillic works too.
 */
export function bannedWordsPattern(words: readonly string[]): RegExp | undefined {
  const list = [...new Set(words.map((w) => w.trim().toLowerCase()).filter(Boolean))];
  if (list.length === 0) return undefined;
  // Longest first, so "bad word" wins over "bad" when both are listed.
  list.sort((a, b) => b.length - a.length);
  return new RegExp(`(?<![\\p{L}\\p{N}_])(?:${list.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}_])`, 'giu');
}

export type Screened = { verdict: 'clean' | 'masked'; text: string } | { verdict: 'blocked' };

/** Applies the channel's banned-words rule to a message. */
export function screenMessage(
  text: string,
  pattern: RegExp | undefined,
  action: BannedWordsAction,
): Screened {
  if (!pattern) return { verdict: 'clean', text };
  pattern.lastIndex = 0;
  if (!pattern.test(text)) return { verdict: 'clean', text };
  if (action === 'block') return { verdict: 'blocked' };
  return { verdict: 'masked', text: text.replace(pattern, (m) => '*'.repeat([...m].length)) };
}
