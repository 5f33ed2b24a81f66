'use client';
import { type AdminStream, apiRoutes } from '@airwave/shared';
import { useAuth } from '../lib/auth-context.tsx';
import { useI18n } from '../lib/i18n.tsx';
import { ConfirmDialog } from './Dialog.tsx';
import { useToast } from './Toasts.tsx';

/** Force-ending a live stream: a reason, then the room gets `stream-ended` (ended-by-moderator). */
export function EndStreamDialog({
  stream,
  onClose,
  onEnded,
}: {
  stream: Pick<AdminStream, 'id' | 'title'> | null;
  onClose(): void;
  onEnded(): void;
}) {
  const { t } = useI18n();
  const { api } = useAuth();
  const toast = useToast();
  return (
    <ConfirmDialog
      open={stream !== null}
      title={t.streams.endTitle(stream?.title ?? '')}
      body={t.streams.endBody}
      confirmLabel={t.streams.end}
      onConfirm={async (reason) => {
        if (!stream) return;
        await api(apiRoutes.adminEndStream, { params: { id: stream.id }, body: { reason } });
        toast(t.streams.done);
        onEnded();
      }}
      onClose={onClose}
    />
  );
}
