import { en, type Messages } from '../messages/en.ts';
import { ru } from '../messages/ru.ts';

export type Locale = 'en' | 'ru';
export const LOCALE_COOKIE = 'airwave-lang';
export const messagesFor = (locale: Locale): Messages => (locale === 'ru' ? ru : en);
