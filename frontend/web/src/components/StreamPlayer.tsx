'use client';
import { BrowserPeer, createViewer, iceServerSource, QUALITY_CHOICES, type Viewer } from '@airwave/client';
import { type MediaModeName, VideoQuality } from '@airwave/shared';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useI18n } from '../lib/i18n.tsx';
import type { AirwaveSocket } from '../lib/socket-context.tsx';
import { usePictureSwap } from '../lib/use-picture-swap.ts';

export type PlayerState = 'connecting' | 'playing' | 'reconnecting' | 'ended' | 'full';

interface Props {
  socket: AirwaveSocket;
  streamId: string;
  streamerName: string;
  /** Bumped by the page whenever the room was (re)joined or the streamer came back: ask for media again. */
  generation: number;
  ended: boolean;
  streamerAway: boolean;
  children?: React.ReactNode;
}

/**
 * The WebRTC viewer: the shared viewer core (`createViewer`) does the signaling and swaps
 * connections make-before-break; this shows its picture. Through the SFU there are three layers,
 * so a quality menu picks one (or Auto).
 */
export function StreamPlayer({
  socket,
  streamId,
  streamerName,
  generation,
  ended,
  streamerAway,
  children,
}: Props) {
  const { t } = useI18n();
  const player = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<PlayerState>('connecting');
  const [muted, setMuted] = useState(true);
  const [needsTap, setNeedsTap] = useState(false);
  const picture = usePictureSwap(useCallback(() => setNeedsTap(true), []));
  const { show } = picture;
  const video = picture.slots[picture.front];
  // The path the last rtc-request answer named; the menu only makes sense with the SFU's layers.
  const [mode, setMode] = useState<MediaModeName | null>(null);
  const [quality, setQuality] = useState<VideoQuality>('auto');
  const viewer = useRef<Viewer | null>(null);

  // TURN credentials come only to a socket in the stream; kept across re-joins until near expiry.
  const ice = useMemo(() => iceServerSource(socket, streamId), [socket, streamId]);

  useEffect(() => {
    const v = createViewer({
      socket,
      streamId,
      ice,
      createPeer: (iceServers) => new BrowserPeer(iceServers),
      onPicture(media) {
        if (media) performance.mark('airwave:track');
        return show(media?.native ?? null);
      },
      onStatus: setState,
      onMode: setMode,
      // Auto never asks for more lines than the player shows.
      viewHeight: () => (player.current ? player.current.clientHeight * window.devicePixelRatio : null),
    });
    viewer.current = v;
    return () => {
      viewer.current = null;
      v.dispose();
    };
  }, [socket, streamId, ice, show]);

  // Ask for media whenever the room is (re)joined (and when a new viewer replaced the last).
  useEffect(() => {
    if (ended || generation === 0 || !ice) return;
    performance.mark('airwave:media-requested');
    viewer.current?.rejoined();
  }, [ice, generation, ended]);

  // An ended stream stays ended: a late 'playing' event from the last frames must not revive it.
  useEffect(() => {
    if (ended) viewer.current?.end();
  }, [ended]);

  function chooseQuality(next: VideoQuality) {
    setQuality(next);
    viewer.current?.setQuality(next);
  }

  const overlay =
    state === 'ended'
      ? t.stream.ended
      : state === 'full'
        ? t.stream.full
        : streamerAway
          ? t.stream.streamerAway
          : state === 'connecting'
            ? t.stream.connecting
            : state === 'reconnecting'
              ? t.stream.reconnecting
              : null;

  return (
    <div className="player" data-testid="player" data-state={state} ref={player}>
      {picture.slots.map((slot, i) => {
        const onScreen = i === picture.front;
        return (
          <video
            // The element behind starts the next stream; see usePictureSwap.
            key={i === 0 ? 'first' : 'second'}
            ref={slot}
            className={onScreen ? 'player-front' : 'player-behind'}
            autoPlay
            playsInline
            muted={muted || !onScreen}
            aria-hidden={!onScreen}
            aria-label={onScreen ? t.stream.videoLabel(streamerName) : undefined}
            data-testid={onScreen ? 'player-video' : 'player-video-behind'}
            onPlaying={() => setState((s) => (s === 'ended' ? s : 'playing'))}
          />
        );
      })}
      {overlay && (
        <div className="player-overlay" role="status" aria-live="polite">
          {overlay}
        </div>
      )}
      {needsTap && state === 'playing' && (
        <button
          type="button"
          className="player-overlay btn"
          onClick={() => {
            setNeedsTap(false);
            void video.current?.play();
          }}
        >
          {t.stream.tapToPlay}
        </button>
      )}
      <div className="player-state">
        {state === 'playing' && !streamerAway && (
          <span className="badge-live" style={{ position: 'static' }}>
            {t.common.live}
          </span>
        )}
      </div>
      <div className="player-controls">
        {mode === 'sfu' && state !== 'ended' && (
          <select
            className="btn btn-small"
            aria-label={t.stream.quality}
            data-testid="quality-menu"
            value={quality}
            onChange={(e) => chooseQuality(VideoQuality.parse(e.target.value))}
          >
            {QUALITY_CHOICES.map((q) => (
              <option key={q} value={q}>
                {t.stream.qualities[q]}
              </option>
            ))}
          </select>
        )}
        <button
          type="button"
          className="btn btn-small"
          onClick={() => setMuted((m) => !m)}
          aria-pressed={!muted}
        >
          {muted ? `🔇 ${t.stream.unmute}` : `🔊 ${t.stream.mute}`}
        </button>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => void player.current?.requestFullscreen?.()}
        >
          <svg
            width="16"
            height="16"
            viewBox="0 0 24 24"
            aria-hidden="true"
            fill="none"
            stroke="currentColor"
            strokeWidth="2.5"
          >
            <path d="M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5" />
          </svg>
          <span className="visually-hidden">{t.stream.fullscreen}</span>
        </button>
      </div>
      {children}
    </div>
  );
}
