import { cookies } from 'next/headers';
import type { Messages } from '../messages/en.ts';
import { LOCALE_COOKIE, type Locale, messagesFor } from './locale.ts';

/** The reader's language for server-rendered pages: their choice (cookie), else English. */
export async function serverLocale(): Promise<{ locale: Locale; t: Messages }> {
  const locale: Locale = (await cookies()).get(LOCALE_COOKIE)?.value === 'ru' ? 'ru' : 'en';
  return { locale, t: messagesFor(locale) };
}
