'use client';
import Link from 'next/link';
import { useAuth } from '../lib/auth-context.tsx';
import { useI18n } from '../lib/i18n.tsx';
import { ResendVerification } from './ResendVerification.tsx';

/** Where going live and buying coins happen: tells an unverified user why they will be refused, and how to fix it. */
export function VerifyEmailBanner() {
  const { t } = useI18n();
  const { user } = useAuth();
  if (!user || user.emailVerified) return null;
  return (
    <section
      className="alert alert-warn verify-banner"
      data-testid="verify-banner"
      aria-label={t.account.verifyTitle}
    >
      <p>{t.account.bannerText}</p>
      <ResendVerification />
      <Link href="/account">{t.account.bannerManage}</Link>
    </section>
  );
}
