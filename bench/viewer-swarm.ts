/**
 * A child process of bench/sfu-viewers.ts holding receive-only viewers, each one an anonymous
 * socket that joins the stream, asks for its video (`rtc-request`), pins `BENCH_QUALITY` and answers
 * the offers it gets, exactly as a player does. BENCH_CLIENT picks the WebRTC stack:
 *   werift: counts RTP frames (video packets with the marker bit: one per frame), decodes nothing;
 *   wrtc:   @roamhq/wrtc (libwebrtc), counts decoded frames (backend/src/test/wrtc-peers.ts).
 * Driven over IPC:
 *   { add: n } → opens n more viewers → { added, failed }
 *   { frames: true } → { frames: number[] } (frames so far, one entry per viewer)
 */
import { type RtcSignal, STREAMER_PEER, type VideoQuality } from '@airwave/shared';
import { RTCPeerConnection } from 'werift';
import { connectSocket, ok, type TestSocket } from '../backend/src/test/test-socket.ts';
import { startViewer } from '../backend/src/test/wrtc-peers.ts';

const url = process.env.BENCH_URL ?? '';
const streamId = process.env.BENCH_STREAM_ID ?? '';
const quality = (process.env.BENCH_QUALITY ?? 'low') as VideoQuality;
const client = process.env.BENCH_CLIENT ?? 'werift';
/** Viewers opened at once: enough to be quick, few enough that signaling does not time out. */
const BATCH = 10;

interface Viewer {
  readonly frames: number;
  close(): void;
}

/** A werift viewer: answers every offer with a fresh connection and counts the video frames that arrive. */
function weriftViewer(socket: TestSocket): Viewer {
  let pc: RTCPeerConnection | undefined;
  let frames = 0;
  // Answers whoever offered: the streamer on the mesh, the SFU (SFU_PEER) through Janus.
  let remote = STREAMER_PEER;
  const send = (signal: RtcSignal) =>
    socket.emit('rtc-signal', { streamId, peerId: remote, signal }, () => {});
  socket.on('rtc-signal', async ({ peerId, signal }) => {
    if ('description' in signal) {
      remote = peerId;
      pc?.close();
      const peer = new RTCPeerConnection({});
      pc = peer;
      peer.onIceCandidate.subscribe((c) =>
        send({
          candidate: c?.candidate
            ? { candidate: c.candidate, sdpMid: c.sdpMid ?? null, sdpMLineIndex: c.sdpMLineIndex ?? null }
            : null,
        }),
      );
      peer.onTrack.subscribe((track) => {
        if (track.kind !== 'video') return;
        track.onReceiveRtp.subscribe((rtp) => {
          if (rtp.header.marker) frames++;
        });
      });
      await peer.setRemoteDescription({ type: 'offer', sdp: signal.description.sdp });
      await peer.setLocalDescription(await peer.createAnswer());
      send({ description: { type: 'answer', sdp: peer.localDescription?.sdp ?? '' } });
    } else if (signal.candidate && pc) {
      await pc.addIceCandidate({ ...signal.candidate, sdpMid: signal.candidate.sdpMid ?? undefined });
    }
  });
  return {
    get frames() {
      return frames;
    },
    close: () => void pc?.close(),
  };
}

const viewers: Viewer[] = [];

async function addViewer() {
  const socket = await connectSocket(url);
  await ok(socket, 'join-stream', { streamId });
  if (client === 'wrtc') {
    const viewer = startViewer(socket);
    viewers.push(viewer);
    await viewer.request(streamId);
  } else {
    viewers.push(weriftViewer(socket));
    await ok(socket, 'rtc-request', { streamId });
  }
  await ok(socket, 'rtc-quality', { streamId, quality });
}

async function add(n: number) {
  let failed = 0;
  for (let i = 0; i < n; i += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, n - i) }, () => addViewer());
    for (const r of await Promise.allSettled(batch)) if (r.status === 'rejected') failed++;
  }
  return { added: n - failed, failed };
}

process.on('message', (msg: { add?: number; frames?: boolean }) => {
  if (msg.add) void add(msg.add).then((r) => process.send?.(r));
  if (msg.frames) process.send?.({ frames: viewers.map((v) => v.frames) });
});
process.on('SIGTERM', () => {
  for (const v of viewers) v.close();
  process.exit(0);
});
process.send?.({ ready: true });
