'use client';
import Link from 'next/link';
import { Suspense } from 'react';
import { MailedLinkPage } from '../../components/MailedLinkPage.tsx';
import { ResendVerification } from '../../components/ResendVerification.tsx';
import { useAuth } from '../../lib/auth-context.tsx';
import { useI18n } from '../../lib/i18n.tsx';

function VerifyEmail() {
  const { t } = useI18n();
  const { user } = useAuth();
  return (
    <MailedLinkPage
      route="verifyEmail"
      title={t.account.verifyTitle}
      working={t.account.verifying}
      done={
        <>
          {t.account.verifyDone} <Link href="/live">{t.account.goLive}</Link>
        </>
      }
      failedHint={user && !user.emailVerified ? <ResendVerification /> : <p>{t.account.verifyResendHint}</p>}
    />
  );
}

export default function VerifyEmailPage() {
  return (
    <Suspense>
      <VerifyEmail />
    </Suspense>
  );
}
