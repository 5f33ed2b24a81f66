export const MAIL_LANGUAGES = ['en', 'ru'] as const;
export type MailLanguage = (typeof MAIL_LANGUAGES)[number];

/**
 * The language to write a mail in, from the Accept-Language of the request that caused it
 * (`ru-RU,ru;q=0.9,en;q=0.8` → ru): the first language we have by the sender's weights, else English.
 */
export function mailLanguage(acceptLanguage: string | undefined): MailLanguage {
  const wanted = (acceptLanguage ?? '')
    .split(',')
    .map((part, order) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: tag.split('-')[0]?.toLowerCase() ?? '', q: q ? Number(q.slice(2)) : 1, order };
    })
    .filter((w) => w.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order);
  const found = wanted.find((w) => (MAIL_LANGUAGES as readonly string[]).includes(w.lang));
  return (found?.lang as MailLanguage | undefined) ?? 'en';
}
