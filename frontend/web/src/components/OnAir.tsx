'use client';
import { apiRoutes, type Stream } from '@airwave/shared';
import Link from 'next/link';
import { type ReactNode, type RefObject, useEffect, useState } from 'react';
import { useAuth } from '../lib/auth-context.tsx';
import { useI18n } from '../lib/i18n.tsx';
import { useBroadcast } from '../lib/use-broadcast.ts';
import { useStreamRoom } from '../lib/use-stream-room.ts';
import { Chat } from './Chat.tsx';
import { errorText } from './error-text.ts';
import { GiftOverlay } from './GiftOverlay.tsx';
import { TopGiftersList } from './TopGiftersList.tsx';

function formatDuration(ms: number) {
  const s = Math.max(0, Math.floor(ms / 1000));
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return s >= 3600 ? `${Math.floor(s / 3600)}:${mm}:${ss}` : `${mm}:${ss}`;
}

interface Props {
  initial: Stream;
  media: RefObject<MediaStream | null>;
  mediaVersion: number;
  preview: RefObject<HTMLVideoElement | null>;
  videoBox: ReactNode;
  devicePickers: ReactNode;
  onEnded: () => void;
}

/** The streamer while live: their room's chat and gifts, viewers, duration, quality, and the end button. */
export function OnAir({ initial, media, mediaVersion, preview, videoBox, devicePickers, onEnded }: Props) {
  const { t } = useI18n();
  const { user, api, token } = useAuth();
  const room = useStreamRoom(initial);
  const { peerCount, publishing, quality, replaceTracks } = useBroadcast(
    room.socket,
    initial.id,
    media,
    preview,
    token,
  );
  const [now, setNow] = useState(() => Date.now());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the devices change, not when the function identity does
  useEffect(() => {
    if (media.current) replaceTracks(media.current);
  }, [mediaVersion]);
  useEffect(() => {
    if (room.ended) onEnded();
  }, [room.ended, onEnded]);

  async function end() {
    setBusy(true);
    try {
      await api(apiRoutes.endStream, { params: { id: initial.id }, body: {} });
      onEnded();
    } catch (err) {
      setError(errorText(err, t));
      setBusy(false);
    }
  }

  const qualityText = { good: t.live.qualityGood, fair: t.live.qualityFair, poor: t.live.qualityPoor };
  return (
    <div className="broadcast">
      <div>
        <div style={{ position: 'relative' }}>
          {videoBox}
          <div className="player-state">
            <span className="badge-live" style={{ position: 'static' }}>
              {t.common.live}
            </span>
            <span
              className="badge-viewers live-timer"
              style={{ position: 'static' }}
              data-testid="live-timer"
            >
              {t.live.duration} {formatDuration(now - new Date(room.stream.startedAt).getTime())}
            </span>
          </div>
          <GiftOverlay gifts={room.gifts} />
        </div>
        <div className="row" style={{ marginTop: 12 }}>
          <strong>{room.stream.title}</strong>
          <span data-testid="broadcast-viewers">{t.common.viewers(room.viewerCount)}</span>
          {(peerCount > 0 || !publishing) && <span className="muted">· {t.live.peers(peerCount)}</span>}
          {publishing && (
            <span className="muted" data-testid="broadcast-sfu">
              · {t.live.viaMediaServer}
            </span>
          )}
          {quality && (
            <span className="muted">
              · {t.live.quality}: {qualityText[quality]}
            </span>
          )}
          <span className="muted" data-testid="broadcast-beans">
            · 🫘 {user?.beans ?? 0} {t.common.beans}
          </span>
          <span className="spacer" />
          <Link className="btn btn-small" href={`/streams/${initial.id}`} target="_blank">
            {t.live.openStreamPage}
          </Link>
          <button
            type="button"
            className="btn btn-danger"
            onClick={() => void end()}
            disabled={busy}
            data-testid="end-stream"
          >
            {busy ? t.live.ending : t.live.end}
          </button>
        </div>
        {error && (
          <p className="alert alert-error" role="alert">
            {error}
          </p>
        )}
        <details style={{ marginTop: 12 }}>
          <summary>
            {t.live.camera} / {t.live.microphone}
          </summary>
          {devicePickers}
        </details>
      </div>
      <aside className="side">
        {room.socket && (
          <Chat
            socket={room.socket}
            streamId={initial.id}
            messages={room.messages}
            settings={room.settings}
            canModerate={room.canModerate}
            restriction={room.restriction}
            ended={room.ended}
            joined={room.joined}
          />
        )}
        <TopGiftersList
          title={t.stream.topGifters}
          items={room.topGifters}
          empty={t.stream.noGifters}
          testId="stream-top-gifters"
        />
      </aside>
    </div>
  );
}
