import { en, type Messages } from '../messages/en.ts';
import { ru } from '../messages/ru.ts';

export type Locale = 'en' | 'ru';
/** The same cookie as the web app, so one choice holds on both. */
export const LOCALE_COOKIE = 'airwave-lang';
export const messagesFor = (locale: Locale): Messages => (locale === 'ru' ? ru : en);
