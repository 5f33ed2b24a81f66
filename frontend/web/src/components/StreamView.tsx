'use client';
import type { Stream } from '@airwave/shared';
import Link from 'next/link';
import { useI18n } from '../lib/i18n.tsx';
import { useStreamRoom } from '../lib/use-stream-room.ts';
import { Chat } from './Chat.tsx';
import { FollowButton } from './FollowButton.tsx';
import { GiftOverlay } from './GiftOverlay.tsx';
import { GiftPanel } from './GiftPanel.tsx';
import { StreamPlayer } from './StreamPlayer.tsx';
import { TopGiftersList } from './TopGiftersList.tsx';

/** The watch page's live part: joins the room, keeps chat and counts current, and plays the video. */
export function StreamView({ initial }: { initial: Stream }) {
  const { t } = useI18n();
  const {
    socket,
    stream,
    messages,
    settings,
    canModerate,
    restriction,
    viewerCount,
    ended,
    streamerAway,
    generation,
    gifts,
    topGifters,
    joinError,
    joined,
  } = useStreamRoom(initial);
  const streamId = initial.id;

  return (
    <div className="watch">
      <div>
        {socket ? (
          <StreamPlayer
            socket={socket}
            streamId={streamId}
            streamerName={stream.streamer.nickname}
            generation={generation}
            ended={ended}
            streamerAway={streamerAway}
          >
            <GiftOverlay gifts={gifts} />
          </StreamPlayer>
        ) : (
          <div className="player">
            <div className="player-overlay">{ended ? t.stream.ended : t.stream.connecting}</div>
          </div>
        )}
        {joinError && (
          <p className="alert alert-error" role="alert">
            {joinError}
          </p>
        )}
        <div className="stream-meta">
          <h1>{stream.title}</h1>
          <div className="row muted">
            <Link href={`/u/${stream.streamer.id}`}>{stream.streamer.nickname}</Link>
            <span>·</span>
            <span>{t.categories[stream.category]}</span>
            <span>·</span>
            <span data-testid="viewer-count">{t.common.viewers(viewerCount)}</span>
            {ended && <span className="chip">{t.common.ended}</span>}
          </div>
          <FollowButton streamerId={stream.streamer.id} nickname={stream.streamer.nickname} />
          {stream.description && <p>{stream.description}</p>}
        </div>
      </div>
      <aside className="side">
        {socket && (
          <Chat
            socket={socket}
            streamId={streamId}
            messages={messages}
            settings={settings}
            canModerate={canModerate}
            restriction={restriction}
            ended={ended}
            joined={joined}
          />
        )}
        {socket && <GiftPanel socket={socket} streamId={streamId} disabled={ended || !joined} />}
      </aside>
      <TopGiftersList
        title={t.stream.topGifters}
        items={topGifters}
        empty={ended ? undefined : t.stream.noGifters}
        testId="stream-top-gifters"
        className="watch-gifters"
      />
    </div>
  );
}
