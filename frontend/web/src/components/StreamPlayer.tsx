'use client';
import { iceServerSource, isRenegotiation, QUALITY_CHOICES } from '@airwave/client';
import { type MediaModeName, STREAMER_PEER, VideoQuality } from '@airwave/shared';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useI18n } from '../lib/i18n.tsx';
import { candidateQueue, type SignalEvent, toSignalCandidate } from '../lib/rtc.ts';
import { type AirwaveSocket, emitWithAck } from '../lib/socket-context.tsx';

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
 * The WebRTC viewer: asks for media through our signaling, answers the offer (from STREAMER_PEER,
 * whether the streamer or the SFU sends it), and plays the track with as little buffering as the
 * browser allows. Through the SFU there are three layers, so a quality menu picks one (or Auto).
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
  const video = useRef<HTMLVideoElement>(null);
  const pcRef = useRef<RTCPeerConnection | null>(null);
  const [state, setState] = useState<PlayerState>('connecting');
  const [muted, setMuted] = useState(true);
  const [needsTap, setNeedsTap] = useState(false);
  // The path the last rtc-request answer named; the menu only makes sense with the SFU's layers.
  const [mode, setMode] = useState<MediaModeName | null>(null);
  const [quality, setQuality] = useState<VideoQuality>('auto');
  const qualityRef = useRef(quality);

  const closePeer = useCallback(() => {
    pcRef.current?.close();
    pcRef.current = null;
  }, []);

  // TURN credentials come only to a socket in the stream; kept across re-joins until near expiry.
  const ice = useMemo(() => iceServerSource(socket, streamId), [socket, streamId]);

  // Ask for media whenever the room is (re)joined.
  useEffect(() => {
    if (ended || generation === 0) return;
    let cancelled = false;
    let queue: ReturnType<typeof candidateQueue> | null = null;

    const onSignal = async ({ streamId: id, peerId, signal }: SignalEvent) => {
      if (id !== streamId || peerId !== STREAMER_PEER) return;
      if ('description' in signal) {
        if (signal.description.type !== 'offer') return;
        performance.mark('airwave:offer');
        const current = pcRef.current;
        // The SFU may update a subscription in place; anything else is a new connection, with fresh ICE servers.
        let pc: RTCPeerConnection;
        if (current && queue && isRenegotiation(current.remoteDescription?.sdp, signal.description.sdp)) {
          pc = current;
        } else {
          const iceServers = await ice.get();
          if (cancelled) return;
          pc = openPeer(iceServers);
        }
        await pc.setRemoteDescription(signal.description);
        await queue?.flush();
        const answer = await pc.createAnswer();
        await pc.setLocalDescription(answer);
        await emitWithAck(socket, 'rtc-signal', {
          streamId,
          peerId: STREAMER_PEER,
          signal: { description: { type: 'answer', sdp: answer.sdp ?? '' } },
        });
      } else {
        await queue?.add(signal.candidate);
      }
    };
    const openPeer = (iceServers: RTCIceServer[]) => {
      closePeer();
      const pc = new RTCPeerConnection({ iceServers });
      pcRef.current = pc;
      queue = candidateQueue(pc);
      pc.onicecandidate = (e) =>
        void emitWithAck(socket, 'rtc-signal', {
          streamId,
          peerId: STREAMER_PEER,
          signal: toSignalCandidate(e.candidate),
        });
      pc.ontrack = (e) => {
        performance.mark('airwave:track');
        // Ask the browser to play out as soon as it can: latency matters more than smoothness here.
        const receiver = e.receiver as unknown as {
          playoutDelayHint?: number;
          jitterBufferTarget?: number;
        };
        receiver.jitterBufferTarget = 0;
        receiver.playoutDelayHint = 0;
        const el = video.current;
        if (!el) return;
        const media = e.streams[0] ?? new MediaStream([e.track]);
        if (el.srcObject !== media) el.srcObject = media;
        el.play().catch(() => setNeedsTap(true));
      };
      pc.onconnectionstatechange = () => {
        if (pc !== pcRef.current) return;
        if (pc.connectionState === 'failed') {
          setState('reconnecting');
          void request();
        }
      };
      return pc;
    };
    // One signal at a time, in order: the candidates behind an offer wait while it gets its ICE servers.
    let inOrder = Promise.resolve();
    const handler = (p: SignalEvent) => {
      inOrder = inOrder.then(() => onSignal(p)).catch(() => setState('reconnecting'));
    };

    async function request() {
      performance.mark('airwave:media-requested');
      const res = await emitWithAck(socket, 'rtc-request', { streamId });
      if (cancelled) return;
      if (!res.ok) {
        setState(res.error.code === 'STREAM_FULL' ? 'full' : 'reconnecting');
        return;
      }
      setMode(res.mode);
      // A new subscription starts on Auto server-side: keep the layer this viewer pinned.
      if (res.mode === 'sfu' && qualityRef.current !== 'auto') {
        void emitWithAck(socket, 'rtc-quality', { streamId, quality: qualityRef.current });
      }
    }

    socket.on('rtc-signal', handler);
    setState((s) => (s === 'playing' ? 'reconnecting' : s === 'full' ? 'connecting' : s));
    // Asked for beside the media request, not before it: the offer takes longer to come.
    void ice.get();
    void request();
    return () => {
      cancelled = true;
      socket.off('rtc-signal', handler);
    };
  }, [socket, streamId, generation, ended, ice, closePeer]);

  useEffect(() => {
    if (ended) {
      closePeer();
      // An ended stream stays ended: a late 'playing' event from the last frames must not revive it.
      if (video.current) video.current.srcObject = null;
      setState('ended');
    }
  }, [ended, closePeer]);
  useEffect(() => closePeer, [closePeer]);

  function chooseQuality(next: VideoQuality) {
    setQuality(next);
    qualityRef.current = next;
    void emitWithAck(socket, 'rtc-quality', { streamId, quality: next });
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
    <div className="player" data-testid="player" data-state={state}>
      <video
        ref={video}
        autoPlay
        playsInline
        muted={muted}
        aria-label={t.stream.videoLabel(streamerName)}
        data-testid="player-video"
        onPlaying={() => setState((s) => (s === 'ended' ? s : 'playing'))}
      />
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
          onClick={() => void video.current?.parentElement?.requestFullscreen?.()}
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
