'use client';
import Link from 'next/link';
import { useI18n } from '../lib/i18n.tsx';

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  const { t } = useI18n();
  return (
    <div className="narrow card" style={{ textAlign: 'center' }} role="alert">
      <h1>{t.common.errorTitle}</h1>
      <p className="muted">{t.common.networkError}</p>
      <div className="row" style={{ justifyContent: 'center' }}>
        <button type="button" className="btn btn-primary" onClick={reset}>
          {t.common.retry}
        </button>
        <Link className="btn" href="/">
          {t.common.backHome}
        </Link>
      </div>
    </div>
  );
}
