import { iceServerSource } from '@airwave/client';
import type { ServerToClientEvents } from '@airwave/shared';
import { useEffect, useState } from 'react';
import { type AirwaveSocket, emitWithAck } from '../lib/socket.tsx';
import { media as platform } from './platform';
import type { LocalMedia, Peer } from './types.ts';

type SignalEvent = Parameters<ServerToClientEvents['rtc-signal']>[0];

/** The streamer's side of the P2P mesh: one peer connection per viewer who asks for media. */
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
    const close = (peerId: string) => {
      peers.get(peerId)?.close();
      peers.delete(peerId);
      setPeerCount(peers.size);
    };
    const onViewer = async ({ streamId: id, peerId }: { streamId: string; peerId: string }) => {
      if (id !== streamId) return;
      const iceServers = await ice.get();
      if (stopped) return;
      close(peerId);
      const pc = platform.createPeer(iceServers);
      peers.set(peerId, pc);
      setPeerCount(peers.size);
      pc.addLocal(local);
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
