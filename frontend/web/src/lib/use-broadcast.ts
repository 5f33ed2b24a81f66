'use client';
import {
  type Broadcaster,
  BrowserPeer,
  createBroadcaster,
  iceServerSource,
  type UplinkQuality,
  uplinkQuality,
} from '@airwave/client';
import { type RefObject, useEffect, useRef, useState } from 'react';
import type { AirwaveSocket } from './socket-context.tsx';

export type Quality = UplinkQuality | null;
const THUMBNAIL_EVERY_MS = 30_000;

/**
 * The streamer's side of the media plane: the shared broadcaster core (one connection per P2P viewer
 * within the upload budget, or one simulcast publication to the SFU) on the browser's peer
 * connections; a still frame for the home page now and then, and a rough connection-quality
 * reading from the receivers' reports.
 */
export function useBroadcast(
  socket: AirwaveSocket | null,
  streamId: string,
  media: RefObject<MediaStream | null>,
  preview: RefObject<HTMLVideoElement | null>,
  token: () => string | null,
) {
  const broadcaster = useRef<Broadcaster<BrowserPeer> | null>(null);
  const [peerCount, setPeerCount] = useState(0);
  // Whether the picture currently goes to the SFU (one upload, whatever the audience).
  const [publishing, setPublishing] = useState(false);
  const [quality, setQuality] = useState<UplinkQuality | null>(null);

  useEffect(() => {
    if (!socket) return;
    const b = createBroadcaster({
      socket,
      streamId,
      // Asked for on the first viewer (the socket has joined by then), kept until near expiry.
      ice: iceServerSource(socket, streamId),
      createPeer: (iceServers) => new BrowserPeer(iceServers),
      local: () => (media.current ? { native: media.current } : null),
      onPeers(p) {
        setPeerCount(p.viewers);
        setPublishing(p.publishing);
      },
    });
    broadcaster.current = b;

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
      const stats = await Promise.all(
        b.peers().map((p) => p.uplinkStats().catch(() => ({ fractionLost: 0, roundTripTime: 0 }))),
      );
      setQuality(uplinkQuality(stats));
    }

    const firstThumb = setTimeout(() => void uploadThumbnail(), 3000);
    const thumbs = setInterval(() => void uploadThumbnail(), THUMBNAIL_EVERY_MS);
    const stats = setInterval(() => void measureQuality(), 3000);
    return () => {
      clearTimeout(firstThumb);
      clearInterval(thumbs);
      clearInterval(stats);
      broadcaster.current = null;
      b.dispose();
    };
  }, [socket, streamId, media, preview, token]);

  /** After a device change: swap tracks on every connection, no renegotiation needed. */
  function replaceTracks(next: MediaStream) {
    for (const peer of broadcaster.current?.peers() ?? []) {
      for (const track of next.getTracks()) peer.replaceTrack(track);
    }
  }

  return { peerCount, publishing, quality, replaceTracks };
}
