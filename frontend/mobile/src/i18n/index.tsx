import { createContext, type ReactNode, useContext, useMemo, useState } from 'react';
import { type Locale, type Messages, messages } from './messages.ts';

function deviceLocale(): Locale {
  try {
    return Intl.DateTimeFormat().resolvedOptions().locale.toLowerCase().startsWith('ru') ? 'ru' : 'en';
  } catch {
    return 'en';
  }
}

interface I18n {
  t: Messages;
  locale: Locale;
  setLocale(l: Locale): void;
}

const I18nContext = createContext<I18n>({ t: messages.en, locale: 'en', setLocale: () => {} });

export function I18nProvider({ children, initial }: { children: ReactNode; initial?: Locale }) {
  const [locale, setLocale] = useState<Locale>(initial ?? deviceLocale());
  const value = useMemo(() => ({ t: messages[locale], locale, setLocale }), [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export const useI18n = () => useContext(I18nContext);
