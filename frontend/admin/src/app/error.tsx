'use client';
import { ErrorView } from '@airwave/ui';
import { useI18n } from '../lib/i18n.tsx';

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return <ErrorView texts={useI18n().t.common} onRetry={reset} />;
}
