import type { Locale } from './locale.ts';

const tag = (locale: Locale) => (locale === 'ru' ? 'ru-RU' : 'en-GB');

export const fmtNumber = (n: number, locale: Locale) => n.toLocaleString(tag(locale));

export const fmtDateTime = (iso: string | null | undefined, locale: Locale) =>
  iso
    ? new Date(iso).toLocaleString(tag(locale), {
        year: 'numeric',
        month: 'short',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
      })
    : '—';

export const fmtDate = (iso: string, locale: Locale) =>
  new Date(iso).toLocaleDateString(tag(locale), { year: 'numeric', month: 'short', day: 'numeric' });

export const fmtMoney = (cents: number, currency: string, locale: Locale) =>
  (cents / 100).toLocaleString(locale === 'ru' ? 'ru-RU' : 'en-US', {
    style: 'currency',
    currency: currency.toUpperCase(),
  });

/** A short form of a UUID for dense tables; the full id is in the title attribute. */
export const shortId = (id: string) => id.slice(0, 8);
