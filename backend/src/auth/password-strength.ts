import type { WeakPasswordDetails } from '@airwave/shared';
import type { ZxcvbnResult } from '@zxcvbn-ts/core';
import { AppError } from '../core/app-error.ts';

/** Words anyone guessing an Airwave password tries first, scored like the user's own name. */
const SITE_WORDS = ['airwave', 'stream', 'streamer', 'livestream', 'streaming'];

type Estimate = (password: string, userInputs: string[]) => ZxcvbnResult;

let estimator: Promise<Estimate> | undefined;

/**
 * zxcvbn-ts and its dictionaries (a few MB: the common-password list built from breach corpora,
 * English words, names) load on the first password that is set, not at start-up or on login.
 */
function loadEstimator(): Promise<Estimate> {
  estimator ??= (async () => {
    const [{ zxcvbn, zxcvbnOptions }, common, en] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-en'),
    ]);
    zxcvbnOptions.setOptions({
      dictionary: { ...common.dictionary, ...en.dictionary },
      graphs: common.adjacencyGraphs,
      translations: en.translations,
    });
    return zxcvbn;
  })();
  return estimator;
}

/**
 * Rules beyond length (which the contract checks): zxcvbn must score the password at least
 * `minScore` (0-4), counting the user's email and nickname and the site's name as known words.
 * Throws WEAK_PASSWORD with zxcvbn's warning and suggestions, for the form to show.
 */
export async function assertPasswordStrongEnough(
  password: string,
  personal: { email: string; nickname: string },
  minScore: number,
): Promise<void> {
  const estimate = await loadEstimator();
  const email = personal.email.toLowerCase();
  const result = estimate(password, [email, email.split('@')[0] ?? email, personal.nickname, ...SITE_WORDS]);
  if (result.score >= minScore) return;
  const { warning, suggestions } = result.feedback;
  const details: WeakPasswordDetails = {
    score: result.score,
    minScore,
    warning: warning || null,
    suggestions,
  };
  const message = ['This password is too easy to guess.', warning, ...suggestions].filter(Boolean).join(' ');
  throw new AppError('WEAK_PASSWORD', message, details);
}
