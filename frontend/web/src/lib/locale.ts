import type { Locale } from '@airwave/ui';
import { en, type Messages } from '../messages/en.ts';
import { ru } from '../messages/ru.ts';

export type { Locale } from '@airwave/ui';
export { LOCALE_COOKIE } from '@airwave/ui';
export const messagesFor = (locale: Locale): Messages => (locale === 'ru' ? ru : en);
