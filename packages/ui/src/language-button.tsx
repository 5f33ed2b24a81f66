'use client';
import { useRouter } from 'next/navigation';
import { LOCALE_COOKIE, type Locale } from './locale.ts';

/** Switches between English and Russian: sets the cookie the server renders by, then re-renders. */
export function LanguageButton({ locale, label }: { locale: Locale; label: string }) {
  const router = useRouter();
  const other: Locale = locale === 'ru' ? 'en' : 'ru';
  const switchLanguage = () => {
    // biome-ignore lint/suspicious/noDocumentCookie: a plain preference cookie the server reads for SSR
    document.cookie = `${LOCALE_COOKIE}=${other}; path=/; max-age=31536000; samesite=lax`;
    router.refresh();
  };
  return (
    <button type="button" className="btn btn-small" onClick={switchLanguage} lang={other}>
      {label}
    </button>
  );
}
