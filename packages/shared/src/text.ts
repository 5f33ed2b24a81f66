import { z } from 'zod';

/**
 * Text PostgreSQL can store as it was sent. A `text` column cannot hold NUL (U+0000): the driver
 * fails the whole statement, which would surface as a 500. An unpaired UTF-16 surrogate has no
 * UTF-8 form, so it would be silently turned into U+FFFD on the way in. Both are refused up front.
 * With the `u` flag a well-formed surrogate pair is one code point above U+FFFF, so only a lone
 * half falls in the excluded range.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what this refuses
const STORABLE = /^[^\u0000\uD800-\uDFFF]*$/u;

/** The check itself, for string formats (`z.url()`) that cannot start from {@link plainText}. */
export const storableText = z.regex(STORABLE, {
  message: 'must not contain NUL characters or unpaired UTF-16 surrogates',
});

/** Every string a client sends starts here instead of `z.string()`. */
export const plainText = () => z.string().check(storableText);
