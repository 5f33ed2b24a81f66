'use client';
import { capVideo, iceServerSource, p2pViewerCount, sendLocalMedia, uplinkBudget } from '@airwave/client';
import { SFU_PEER } from '@airwave/shared';
import { type RefObject, useEffect, useRef, useState } from 'react';
import { candidateQueue, type SignalEvent, toSignalCandidate } from './rtc.ts';
import { type AirwaveSocket, emitWithAck } from './socket-context.tsx';

export type Quality = 'good' | 'fair' | 'poor' | null;
const THUMBNAIL_EVERY_MS = 30_000;

/**
 * The streamer's side of the media plane: one peer connection per viewer who asks for media (P2P),
 * or one simulcast publication to the SFU (peer id SFU_PEER), offers and ICE through our signaling;
 * the P2P upload budget re-spread as viewers come and go; a still frame for the home page now and
 * then, and a rough connection-quality reading from the receivers' reports.
 */
export function useBroadcast(
  socket: AirwaveSocket | null,
  streamId: string,
  media: RefObject<MediaStream | null>,
  preview: RefObject<HTMLVideoElement | null>,
  token: () => string | null,
) {
  const peers = useRef(
    new Map<string, { pc: RTCPeerConnection; queue: ReturnType<typeof candidateQueue> }>(),
  );
  const [peerCount, setPeerCount] = useState(0);
  // Whether the picture currently goes to the SFU (one upload, whatever the audience).
  const [publishing, setPublishing] = useState(false);
  const [quality, setQuality] = useState<Quality>(null);

  useEffect(() => {
    if (!socket) return;
    const all = peers.current;
    let stopped = false;
    // Asked for on the first viewer (the socket has joined by then), kept until near expiry.
    const ice = iceServerSource(socket, streamId);
    const budget = uplinkBudget(all, (peer, bps) => capVideo(peer.pc.getSenders(), bps));
    const closePeer = (peerId: string) => {
      const peer = all.get(peerId);
      if (!peer) return;
      peer.pc.close();
      all.delete(peerId);
      setPeerCount(p2pViewerCount(all.keys()));
      setPublishing(all.has(SFU_PEER));
      void budget.spread();
    };
    const onViewer = async ({ streamId: id, peerId }: { streamId: string; peerId: string }) => {
      const local = media.current;
      if (id !== streamId || !local) return;
      const iceServers = await ice.get();
      if (stopped) return;
      // The same answer carries the server's P2P upload budget.
      const kbps = ice.uplinkKbps();
      if (kbps !== undefined) void budget.setBudget(kbps);
      closePeer(peerId);
      const pc = new RTCPeerConnection({ iceServers });
      const queue = candidateQueue(pc);
      all.set(peerId, { pc, queue });
      setPeerCount(p2pViewerCount(all.keys()));
      setPublishing(all.has(SFU_PEER));
      sendLocalMedia(pc, local, budget.plan(peerId));
      // The newcomer starts at its share; the others come down to theirs.
      void budget.spread();
      pc.onicecandidate = (e) =>
        void emitWithAck(socket, 'rtc-signal', { streamId, peerId, signal: toSignalCandidate(e.candidate) });
      pc.onconnectionstatechange = () => {
        if (pc.connectionState === 'failed') closePeer(peerId);
      };
      const offer = await pc.createOffer();
      await pc.setLocalDescription(offer);
      await emitWithAck(socket, 'rtc-signal', {
        streamId,
        peerId,
        signal: { description: { type: 'offer', sdp: offer.sdp ?? '' } },
      });
    };
    const onSignal = async ({ streamId: id, peerId, signal }: SignalEvent) => {
      const peer = all.get(peerId);
      if (id !== streamId || !peer) return;
      if ('description' in signal) {
        await peer.pc.setRemoteDescription(signal.description);
        await peer.queue.flush();
      } else await peer.queue.add(signal.candidate);
    };
    const onLeft = ({ streamId: id, peerId }: { streamId: string; peerId: string }) => {
      if (id === streamId) closePeer(peerId);
    };
    const handleViewer = (p: { streamId: string; peerId: string }) =>
      void onViewer(p).catch(() => closePeer(p.peerId));
    const handleSignal = (p: SignalEvent) => void onSignal(p).catch(() => undefined);
    socket.on('rtc-viewer-joined', handleViewer);
    socket.on('rtc-signal', handleSignal);
    socket.on('rtc-viewer-left', onLeft);

    async function uploadThumbnail() {
      const el = preview.current;
      const access = token();
      if (!el?.videoWidth || !access) return;
      const canvas = document.createElement('canvas');
      canvas.width = 480;
      canvas.height = Math.round((480 * el.videoHeight) / el.videoWidth);
      canvas.getContext('2d')?.drawImage(el, 0, 0, canvas.width, canvas.height);
      const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, 'image/jpeg', 0.7));
      if (!blob) return;
      await fetch(`/api/streams/${streamId}/thumbnail`, {
        method: 'PUT',
        headers: { 'content-type': 'image/jpeg', authorization: `Bearer ${access}` },
        body: blob,
      }).catch(() => undefined);
    }

    async function measureQuality() {
      let loss = 0;
      let rtt = 0;
      for (const { pc } of all.values()) {
        const report = await pc.getStats().catch(() => null);
        report?.forEach((s: { type: string; fractionLost?: number; roundTripTime?: number }) => {
          if (s.type !== 'remote-inbound-rtp') return;
          loss = Math.max(loss, s.fractionLost ?? 0);
          rtt = Math.max(rtt, s.roundTripTime ?? 0);
        });
      }
      if (all.size === 0) setQuality(null);
      else if (loss > 0.1 || rtt > 0.4) setQuality('poor');
      else if (loss > 0.02 || rtt > 0.15) setQuality('fair');
      else setQuality('good');
    }

    const firstThumb = setTimeout(() => void uploadThumbnail(), 3000);
    const thumbs = setInterval(() => void uploadThumbnail(), THUMBNAIL_EVERY_MS);
    const stats = setInterval(() => void measureQuality(), 3000);
    return () => {
      stopped = true;
      socket.off('rtc-viewer-joined', handleViewer);
      socket.off('rtc-signal', handleSignal);
      socket.off('rtc-viewer-left', onLeft);
      clearTimeout(firstThumb);
      clearInterval(thumbs);
      clearInterval(stats);
      for (const id of [...all.keys()]) closePeer(id);
    };
  }, [socket, streamId, media, preview, token]);

  /** After a device change: swap tracks on every connection, no renegotiation needed. */
  function replaceTracks(next: MediaStream) {
    for (const { pc } of peers.current.values()) {
      for (const sender of pc.getSenders()) {
        const replacement = next.getTracks().find((tr) => tr.kind === sender.track?.kind);
        if (replacement) void sender.replaceTrack(replacement);
      }
    }
  }

  return { peerCount, publishing, quality, replaceTracks };
}
