import { createBroadcaster, iceServerSource } from '@airwave/client';
import { useEffect, useState } from 'react';
import type { AirwaveSocket } from '../lib/socket.tsx';
import { media as platform } from './platform';
import type { LocalMedia } from './types.ts';

/**
 * The streamer's side: the shared broadcaster core (one connection per P2P viewer within the upload
 * budget, or one simulcast publication to the SFU) on this platform's peer connections.
 */
export function useBroadcast(
  socket: AirwaveSocket | null,
  streamId: string | null,
  local: LocalMedia | null,
) {
  const [peerCount, setPeerCount] = useState(0);

  useEffect(() => {
    if (!socket || !streamId || !local) return;
    const broadcaster = createBroadcaster({
      socket,
      streamId,
      // Asked for on the first viewer (the socket has joined by then), kept until near expiry.
      ice: iceServerSource(socket, streamId),
      createPeer: (iceServers) => platform.createPeer(iceServers),
      local: () => local,
      onPeers: ({ viewers }) => setPeerCount(viewers),
    });
    return () => broadcaster.dispose();
  }, [socket, streamId, local]);

  return { peerCount };
}
