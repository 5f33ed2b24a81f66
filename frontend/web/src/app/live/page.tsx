'use client';
import { StreamBroadcaster } from '../../components/StreamBroadcaster.tsx';
import { useRequireAuth } from '../../lib/auth-context.tsx';
import { useI18n } from '../../lib/i18n.tsx';

export default function GoLivePage() {
  const user = useRequireAuth();
  const { t } = useI18n();
  if (!user) return <p className="muted">{t.common.loading}</p>;
  return <StreamBroadcaster />;
}
