import { type Ack, type RtcRequestResult, type RtcSignal, STREAMER_PEER } from '@airwave/shared';
import wrtc from '@roamhq/wrtc';
import type { TestSocket } from './test-socket.ts';

// The package's own typings lean on DOM globals this Node project does not load; this is the part we use.
interface Track {
  stop(): void;
}
interface Description {
  type: 'offer' | 'answer';
  sdp: string;
}
interface Candidate {
  candidate: string;
  sdpMid?: string | null;
  sdpMLineIndex?: number | null;
}
interface Peer {
  connectionState: string;
  onicecandidate: ((e: { candidate: { toJSON(): Candidate } | null }) => void) | null;
  ontrack: ((e: { track: Track }) => void) | null;
  addTrack(track: Track): void;
  createOffer(): Promise<Description>;
  createAnswer(): Promise<Description>;
  setLocalDescription(d: Description): Promise<void>;
  setRemoteDescription(d: Description): Promise<void>;
  addIceCandidate(c: Candidate): Promise<void>;
  addEventListener(event: 'connectionstatechange', fn: () => void): void;
  close(): void;
}
interface Wrtc {
  RTCPeerConnection: new () => Peer;
  nonstandard: {
    RTCVideoSource: new () => {
      createTrack(): Track;
      onFrame(frame: { width: number; height: number; data: Uint8Array }): void;
    };
    RTCVideoSink: new (
      track: Track,
    ) => { onframe: ((e: { frame: { width: number; height: number } }) => void) | null; stop(): void };
  };
}
const { RTCPeerConnection, nonstandard } = wrtc as unknown as Wrtc;
const WIDTH = 320;
const HEIGHT = 240;

/** A Node streamer: synthetic I420 frames, one peer connection per viewer, only through our signaling. */
export function startBroadcaster(socket: TestSocket, streamId: string) {
  const source = new nonstandard.RTCVideoSource();
  const track = source.createTrack();
  const frame = new Uint8Array(WIDTH * HEIGHT * 1.5);
  let tick = 0;
  const pump = setInterval(() => {
    frame.fill(tick++ % 255, 0, WIDTH * HEIGHT); // a changing picture, so the encoder sends real frames
    source.onFrame({ width: WIDTH, height: HEIGHT, data: frame });
  }, 33);
  const peers = new Map<string, Peer>();
  const send = (peerId: string, signal: RtcSignal) =>
    socket.emit('rtc-signal', { streamId, peerId, signal }, () => {});

  socket.on('rtc-viewer-joined', async ({ peerId }) => {
    peers.get(peerId)?.close();
    const pc = new RTCPeerConnection();
    peers.set(peerId, pc);
    pc.addTrack(track);
    pc.onicecandidate = ({ candidate }) => send(peerId, { candidate: candidate ? candidate.toJSON() : null });
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    send(peerId, { description: { type: 'offer', sdp: offer.sdp ?? '' } });
  });
  socket.on('rtc-signal', async ({ peerId, signal }) => {
    const pc = peers.get(peerId);
    if (!pc) return;
    if ('description' in signal) await pc.setRemoteDescription(signal.description);
    else if (signal.candidate) await pc.addIceCandidate(signal.candidate);
  });
  socket.on('rtc-viewer-left', ({ peerId }) => {
    peers.get(peerId)?.close();
    peers.delete(peerId);
  });

  return {
    peers,
    stop() {
      clearInterval(pump);
      track.stop();
      for (const pc of peers.values()) pc.close();
    },
  };
}

/**
 * A Node viewer: asks for media, answers each offer (from the streamer or the SFU, each peer its own
 * connection) and counts decoded frames. Like the apps it moves make-before-break: a new connection
 * replaces the others on its first decoded frame, and leaving the streamer for the SFU sends rtc-release.
 */
export function startViewer(socket: TestSocket) {
  const pcs = new Map<string, Peer>();
  let shown: string | undefined;
  let releasedAt: number | undefined;
  let frames = 0;
  let width = 0;
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  let streamId = '';
  const send = (peerId: string, signal: RtcSignal) =>
    socket.emit('rtc-signal', { streamId, peerId, signal }, () => {});

  function decodedOn(peerId: string, peer: Peer, w: number) {
    if (pcs.get(peerId) !== peer) return;
    if (shown !== peerId) {
      for (const [id, other] of pcs) {
        if (id === peerId) continue;
        other.close();
        pcs.delete(id);
        if (id === STREAMER_PEER) {
          releasedAt = Date.now();
          socket.emit('rtc-release', { streamId }, () => {});
        }
      }
      shown = peerId;
    }
    frames++;
    width = w;
    for (const x of waiters.filter((x) => frames >= x.n)) x.resolve();
  }

  socket.on('rtc-signal', async ({ peerId, signal }) => {
    if ('description' in signal) {
      pcs.get(peerId)?.close();
      if (shown === peerId) shown = undefined;
      const peer = new RTCPeerConnection();
      pcs.set(peerId, peer);
      peer.onicecandidate = ({ candidate }) =>
        send(peerId, { candidate: candidate ? candidate.toJSON() : null });
      peer.ontrack = ({ track }) => {
        const sink = new nonstandard.RTCVideoSink(track);
        sink.onframe = ({ frame }) => decodedOn(peerId, peer, frame.width);
        peer.addEventListener('connectionstatechange', () => {
          if (peer.connectionState === 'closed') sink.stop();
        });
      };
      await peer.setRemoteDescription(signal.description);
      const answer = await peer.createAnswer();
      await peer.setLocalDescription(answer);
      send(peerId, { description: { type: 'answer', sdp: answer.sdp ?? '' } });
    } else if (signal.candidate) {
      await pcs.get(peerId)?.addIceCandidate(signal.candidate);
    }
  });
  // The stream moved path: ask again; the current picture plays until the new one decodes.
  socket.on('rtc-mode', ({ streamId: id }) => {
    if (id === streamId) socket.emit('rtc-request', { streamId }, () => {});
  });

  return {
    /** Frames decoded so far, over every connection this viewer has had. */
    get frames() {
      return frames;
    },
    /** Asks for media; resolves with the server's answer (the peer id and the path the media takes). */
    async request(id: string): Promise<RtcRequestResult> {
      streamId = id;
      const res = await new Promise<Ack<RtcRequestResult>>((resolve) =>
        socket.emit('rtc-request', { streamId: id }, resolve),
      );
      if (!res.ok) throw new Error(`rtc-request refused: ${JSON.stringify(res)}`);
      return { peerId: res.peerId, mode: res.mode };
    },
    /** Resolves once `more` frames beyond the current count have been decoded. */
    decoded(more: number, ms = 15_000): Promise<{ frames: number; width: number }> {
      const target = frames + more;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`only ${frames} frames decoded, wanted ${target}`)),
          ms,
        );
        waiters.push({
          n: target,
          resolve: () => {
            clearTimeout(timer);
            resolve({ frames, width });
          },
        });
      });
    },
    /** The peer whose picture is shown now, and every connection still open. */
    peers: () => ({ shown, open: [...pcs.keys()] }),
    /** When it left the streamer's direct connection for the SFU (after the SFU's first frame). */
    releasedAt: () => releasedAt,
    close() {
      for (const pc of pcs.values()) pc.close();
    },
  };
}
