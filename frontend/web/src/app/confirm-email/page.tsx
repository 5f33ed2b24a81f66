'use client';
import { Suspense } from 'react';
import { MailedLinkPage } from '../../components/MailedLinkPage.tsx';
import { useI18n } from '../../lib/i18n.tsx';

function ConfirmEmail() {
  const { t } = useI18n();
  return (
    <MailedLinkPage
      route="confirmEmailChange"
      title={t.account.confirmTitle}
      working={t.account.confirming}
      done={t.account.confirmDone}
      failedHint={null}
    />
  );
}

export default function ConfirmEmailPage() {
  return (
    <Suspense>
      <ConfirmEmail />
    </Suspense>
  );
}
