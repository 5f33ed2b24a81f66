'use client';
import { createContext, type ReactNode, useContext } from 'react';
import { en, type Messages } from '../messages/en.ts';
import { type Locale, messagesFor } from './locale.ts';

const I18n = createContext<{ locale: Locale; t: Messages }>({ locale: 'en', t: en });

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return <I18n.Provider value={{ locale, t: messagesFor(locale) }}>{children}</I18n.Provider>;
}

export const useI18n = () => useContext(I18n);
