import { iceServerSource, p2pViewerCount, uplinkBudget } from '@airwave/client';
import type { ServerToClientEvents } from '@airwave/shared';
import { useEffect, useState } from 'react';
import { type AirwaveSocket, emitWithAck } from '../lib/socket.tsx';
import { media as platform } from './platform';
import type { LocalMedia, Peer } from './types.ts';

type SignalEvent = Parameters<ServerToClientEvents['rtc-signal']>[0];

/**
 * The streamer's side: one peer connection per viewer who asks for media (P2P) with the upload
 * budget re-spread as they come and go, or one simulcast publication to the SFU (SFU_PEER).
 */
export function useBroadcast(
  socket: AirwaveSocket | null,
  streamId: string | null,
  local: LocalMedia | null,
) {
  const [peerCount, setPeerCount] = useState(0);

  useEffect(() => {
    if (!socket || !streamId || !local) return;
    const peers = new Map<string, Peer>();
    let stopped = false;
    // Asked for on the first viewer (the socket has joined by then), kept until near expiry.
    const ice = iceServerSource(socket, streamId);
    const budget = uplinkBudget(peers, (peer, bps) => peer.capVideo(bps));
    const close = (peerId: string) => {
      const pc = peers.get(peerId);
      if (!pc) return;
      pc.close();
      peers.delete(peerId);
      setPeerCount(p2pViewerCount(peers.keys()));
      void budget.spread();
    };
    const onViewer = async ({ streamId: id, peerId }: { streamId: string; peerId: string }) => {
      if (id !== streamId) return;
      const iceServers = await ice.get();
      if (stopped) return;
      // The same answer carries the server's P2P upload budget.
      const kbps = ice.uplinkKbps();
      if (kbps !== undefined) void budget.setBudget(kbps);
      close(peerId);
      const pc = platform.createPeer(iceServers);
      peers.set(peerId, pc);
      setPeerCount(p2pViewerCount(peers.keys()));
      pc.addLocal(local, budget.plan(peerId));
      // The newcomer starts at its share; the others come down to theirs.
      void budget.spread();
      pc.onCandidate(
        (candidate) => void emitWithAck(socket, 'rtc-signal', { streamId, peerId, signal: { candidate } }),
      );
      pc.onState((s) => {
        if (s === 'failed') close(peerId);
      });
      const offer = await pc.createOffer();
      await emitWithAck(socket, 'rtc-signal', { streamId, peerId, signal: { description: offer } });
    };
    const onSignal = async ({ streamId: id, peerId, signal }: SignalEvent) => {
      const pc = peers.get(peerId);
      if (id !== streamId || !pc) return;
      if ('description' in signal) await pc.setRemote(signal.description);
      else await pc.addCandidate(signal.candidate);
    };
    const onLeft = ({ streamId: id, peerId }: { streamId: string; peerId: string }) => {
      if (id === streamId) close(peerId);
    };
    const handleViewer = (p: { streamId: string; peerId: string }) =>
      void onViewer(p).catch(() => close(p.peerId));
    const handleSignal = (p: SignalEvent) => void onSignal(p).catch(() => undefined);
    socket.on('rtc-viewer-joined', handleViewer);
    socket.on('rtc-signal', handleSignal);
    socket.on('rtc-viewer-left', onLeft);
    return () => {
      stopped = true;
      socket.off('rtc-viewer-joined', handleViewer);
      socket.off('rtc-signal', handleSignal);
      socket.off('rtc-viewer-left', onLeft);
      for (const id of [...peers.keys()]) close(id);
    };
  }, [socket, streamId, local]);

  return { peerCount };
}
