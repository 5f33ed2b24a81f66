export type Locale = 'en' | 'ru';
/** One cookie for both apps (same origin), so a language chosen in one holds in the other. */
export const LOCALE_COOKIE = 'airwave-lang';
