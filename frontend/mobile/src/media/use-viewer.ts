import { iceServerSource, isRenegotiation } from '@airwave/client';
import { type IceServer, type MediaModeName, STREAMER_PEER, type VideoQuality } from '@airwave/shared';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type AirwaveSocket, emitWithAck } from '../lib/socket.tsx';
import { media as platform } from './platform';
import type { MediaHandle, Peer } from './types.ts';

export type PlayerState = 'connecting' | 'playing' | 'reconnecting' | 'ended' | 'full';
type SignalEvent = Parameters<import('@airwave/shared').ServerToClientEvents['rtc-signal']>[0];

/**
 * The viewer's side: asks for media (`rtc-request`), answers the offer (peerId "streamer", whether
 * the streamer or the SFU sends it) and hands the remote stream to a VideoView. Asks again on
 * every (re)join of the room (`generation`), e.g. after a reconnect or the app returning to the
 * foreground. Through the SFU the viewer can pin a layer (`quality`); it is re-sent on every request.
 */
export function useViewer(
  socket: AirwaveSocket | null,
  streamId: string | undefined,
  generation: number,
  ended: boolean,
) {
  const [state, setState] = useState<PlayerState>('connecting');
  const [remote, setRemote] = useState<MediaHandle | null>(null);
  const peer = useRef<Peer | null>(null);
  // TURN credentials come only to a socket in the stream; kept across re-joins until near expiry.
  const ice = useMemo(
    () => (socket && streamId ? iceServerSource(socket, streamId) : null),
    [socket, streamId],
  );
  // The offer the current connection was made from: an SFU update of it keeps the connection.
  const offerSdp = useRef<string | null>(null);
  const [mode, setMode] = useState<MediaModeName | null>(null);
  const [quality, setQualityState] = useState<VideoQuality>('auto');
  const qualityRef = useRef(quality);

  useEffect(() => {
    if (!socket || !streamId || !ice || ended || generation === 0) return;
    let cancelled = false;

    async function request() {
      if (!socket || !streamId) return;
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
    const onSignal = async ({ streamId: id, peerId, signal }: SignalEvent) => {
      if (id !== streamId || peerId !== STREAMER_PEER) return;
      if ('description' in signal) {
        if (signal.description.type !== 'offer') return;
        const current = peer.current;
        const update = current && isRenegotiation(offerSdp.current, signal.description.sdp);
        offerSdp.current = signal.description.sdp;
        let pc: Peer;
        if (current && update) {
          pc = current;
        } else {
          const iceServers = await ice.get();
          if (cancelled) return;
          pc = openPeer(iceServers);
        }
        await pc.setRemote(signal.description);
        const answer = await pc.createAnswer();
        await emitWithAck(socket, 'rtc-signal', {
          streamId,
          peerId: STREAMER_PEER,
          signal: { description: answer },
        });
      } else await peer.current?.addCandidate(signal.candidate);
    };
    const openPeer = (iceServers: IceServer[]) => {
      peer.current?.close();
      const pc = platform.createPeer(iceServers);
      peer.current = pc;
      pc.onCandidate((candidate) => {
        void emitWithAck(socket, 'rtc-signal', { streamId, peerId: STREAMER_PEER, signal: { candidate } });
      });
      pc.onRemote((m) => {
        setRemote(m);
        setState('playing');
      });
      pc.onState((s) => {
        if (pc !== peer.current) return;
        if (s === 'failed') {
          setState('reconnecting');
          void request();
        }
      });
      return pc;
    };
    // One signal at a time, in order: the candidates behind an offer wait while it gets its ICE servers.
    let inOrder = Promise.resolve();
    const handler = (p: SignalEvent) => {
      inOrder = inOrder.then(() => onSignal(p)).catch(() => setState('reconnecting'));
    };
    socket.on('rtc-signal', handler);
    setState((s) => (s === 'playing' ? 'reconnecting' : s === 'full' ? 'connecting' : s));
    // Asked for beside the media request, not before it: the offer takes longer to come.
    void ice.get();
    void request();
    return () => {
      cancelled = true;
      socket.off('rtc-signal', handler);
    };
  }, [socket, streamId, ice, generation, ended]);

  useEffect(() => {
    if (!ended) return;
    peer.current?.close();
    peer.current = null;
    setRemote(null);
    setState('ended');
  }, [ended]);
  useEffect(
    () => () => {
      peer.current?.close();
      peer.current = null;
    },
    [],
  );

  const setQuality = useCallback(
    (next: VideoQuality) => {
      setQualityState(next);
      qualityRef.current = next;
      if (socket && streamId) void emitWithAck(socket, 'rtc-quality', { streamId, quality: next });
    },
    [socket, streamId],
  );

  return { state, remote, mode, quality, setQuality };
}
