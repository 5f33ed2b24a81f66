import { createViewer, iceServerSource, type Viewer } from '@airwave/client';
import type { MediaModeName, VideoQuality } from '@airwave/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Dimensions, PixelRatio } from 'react-native';
import type { AirwaveSocket } from '../lib/socket.tsx';
import { media as platform } from './platform';
import type { MediaHandle } from './types.ts';

export type PlayerState = 'connecting' | 'playing' | 'reconnecting' | 'ended' | 'full';

/**
 * The viewer's side: the shared viewer core (`createViewer`) asks for media, answers the offers
 * (from the streamer or the SFU) and swaps connections make-before-break; this hands its picture to
 * a VideoView. Asks again on every (re)join of the room (`generation`), e.g. after a reconnect or the
 * app returning to the foreground. Through the SFU the viewer can pin a layer (`quality`).
 */
export function useViewer(
  socket: AirwaveSocket | null,
  streamId: string | undefined,
  generation: number,
  ended: boolean,
) {
  const [state, setState] = useState<PlayerState>('connecting');
  const [remote, setRemote] = useState<MediaHandle | null>(null);
  const [mode, setMode] = useState<MediaModeName | null>(null);
  const [quality, setQualityState] = useState<VideoQuality>('auto');
  const viewer = useRef<Viewer | null>(null);

  useEffect(() => {
    if (!socket || !streamId) return;
    const v = createViewer<MediaHandle>({
      socket,
      streamId,
      // TURN credentials come only to a socket in the stream; kept across re-joins until near expiry.
      ice: iceServerSource(socket, streamId),
      createPeer: (iceServers) => platform.createPeer(iceServers),
      onPicture(picture) {
        setRemote(picture);
        if (picture) setState('playing');
      },
      onStatus: setState,
      onMode: setMode,
      // The player fills the screen: Auto never asks for more lines than the screen has.
      viewHeight: () => {
        const { width, height } = Dimensions.get('window');
        return Math.min(width, height) * PixelRatio.get();
      },
    });
    viewer.current = v;
    return () => {
      viewer.current = null;
      v.dispose();
    };
  }, [socket, streamId]);

  // A new viewer (socket or stream changed) asks too.
  useEffect(() => {
    if (socket && streamId && !ended && generation > 0) viewer.current?.rejoined();
  }, [socket, streamId, generation, ended]);

  useEffect(() => {
    if (ended) viewer.current?.end();
  }, [ended]);

  const setQuality = useCallback((next: VideoQuality) => {
    setQualityState(next);
    viewer.current?.setQuality(next);
  }, []);

  return { state, remote, mode, quality, setQuality };
}
