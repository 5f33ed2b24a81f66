import {
  type IceServer,
  type MediaModeName,
  type RtcSignal,
  SFU_PEER,
  STREAMER_PEER,
  type VideoQuality,
} from '@airwave/shared';
import type { IceServerSource } from './ice-servers.ts';
import { autoLayer, type Layer, type VideoStats } from './layer-choice.ts';
import { isRenegotiation } from './media.ts';
import { type AirwaveSocket, emitWithAck } from './socket.ts';

export type Description = { type: 'offer' | 'answer'; sdp: string };
export type IceCandidateInit = { candidate: string; sdpMid?: string | null; sdpMLineIndex?: number | null };
export type PeerState = 'connected' | 'failed' | 'other';

/**
 * A receive-only peer connection as the viewer needs it. The browser (`BrowserPeer`) and
 * react-native-webrtc implement it; `Media` is what the platform's video view shows.
 */
export interface ViewerPeer<Media> {
  setRemote(d: Description): Promise<void>;
  /** Creates the answer and sets it as the local description. */
  createAnswer(): Promise<Description>;
  /** Candidates that arrive before the remote description are held until it is set. */
  addCandidate(c: IceCandidateInit | null): Promise<void>;
  onCandidate(cb: (c: IceCandidateInit | null) => void): void;
  onRemote(cb: (media: Media) => void): void;
  onState(cb: (state: PeerState) => void): void;
  /**
   * What its video receiver counted so far: a new connection replaces the shown one on its first
   * decoded frame, and Auto quality follows the packets lost.
   */
  videoStats(): Promise<VideoStats>;
  close(): void;
}

/** What the player shows besides the picture; `playing` is the view's to say (it sees the frames). */
export type ViewerStatus = 'connecting' | 'reconnecting' | 'full' | 'ended';

export interface ViewerOptions<Media> {
  socket: AirwaveSocket;
  streamId: string;
  ice: IceServerSource;
  createPeer(iceServers: IceServer[]): ViewerPeer<Media>;
  /**
   * The picture to show now (null: none). A view that needs time to put a new picture on screen
   * (a second video element reaching its first frame) returns a promise: the connection it
   * replaces keeps playing until that settles.
   */
  onPicture(media: Media | null): void | Promise<void>;
  onStatus(status: ViewerStatus): void;
  /** The path the server named for this viewer's media (the quality menu needs the SFU's layers). */
  onMode(mode: MediaModeName): void;
  /** The player's height in device pixels, if known: Auto never asks for a layer taller than it. */
  viewHeight?(): number | null;
  /** How often a new connection is asked for its first decoded frame, and for how long. */
  swapPollMs?: number;
  swapTimeoutMs?: number;
  /** How often Auto quality re-reads the receive stats through the SFU. */
  adaptEveryMs?: number;
}

interface Connection<Media> {
  peerId: string;
  peer: ViewerPeer<Media>;
  offerSdp: string;
  /** Creation order: showing one closes every older one. */
  seq: number;
  media?: Media;
  closed: boolean;
}

type SignalEvent = { streamId: string; peerId: string; signal: RtcSignal };
const PEERS = new Set([STREAMER_PEER, SFU_PEER]);

/**
 * The viewer's side of a stream's media, for web and mobile alike: asks for media (`rtc-request`),
 * answers each offer (from the streamer on the mesh, or from the SFU) and hands the picture to the
 * view. A connection that replaces another (the stream moved to the SFU, the streamer came back, the
 * SFU resubscribed) is made before the old one is broken: the old picture stays up until the new
 * connection has decoded a frame. Leaving the streamer for the SFU tells the server (`rtc-release`),
 * so the streamer stops uploading to this viewer.
 */
export function createViewer<Media>(o: ViewerOptions<Media>) {
  const { socket, streamId } = o;
  const pollMs = o.swapPollMs ?? 50;
  const timeoutMs = o.swapTimeoutMs ?? 10_000;
  /** Per peer, the connection its signals go to. */
  const latest = new Map<string, Connection<Media>>();
  let shown: Connection<Media> | undefined;
  let seq = 0;
  let mode: MediaModeName | undefined;
  let quality: VideoQuality = 'auto';
  let ended = false;
  let inOrder = Promise.resolve();
  // Auto quality through the SFU: the layer last asked for, and the rule deciding the next, per connection.
  let asked: Layer = 'high';
  let adapting: { conn: Connection<Media>; rule: ReturnType<typeof autoLayer> } | undefined;

  const open = () => [...new Set([...latest.values(), ...(shown ? [shown] : [])])].filter((c) => !c.closed);

  function close(conn: Connection<Media>) {
    conn.closed = true;
    conn.peer.close();
    if (latest.get(conn.peerId) === conn) latest.delete(conn.peerId);
  }

  async function show(conn: Connection<Media>) {
    if (conn.closed || ended || conn.media === undefined) return;
    const before = open();
    shown = conn;
    await Promise.resolve(o.onPicture(conn.media)).catch(() => undefined);
    let leftStreamer = false;
    for (const c of before) {
      if (c.seq >= conn.seq) continue;
      leftStreamer ||= c.peerId === STREAMER_PEER && conn.peerId !== STREAMER_PEER;
      close(c);
    }
    if (leftStreamer && !ended) void emitWithAck(socket, 'rtc-release', { streamId });
  }

  /** Shows a new connection's picture once it has a decoded frame (at once if nothing plays). */
  async function swapIn(conn: Connection<Media>) {
    if (!shown || shown.closed) return show(conn);
    const deadline = Date.now() + timeoutMs;
    while (!conn.closed && Date.now() < deadline) {
      const stats = await conn.peer.videoStats().catch(() => undefined);
      if ((stats?.framesDecoded ?? 0) > 0) break;
      await new Promise((r) => setTimeout(r, pollMs));
    }
    // Past the deadline it is shown anyway: the old connection is going away regardless.
    if (!conn.closed && (!shown || shown.seq < conn.seq)) await show(conn);
  }

  async function connect(peerId: string, offer: Description) {
    const iceServers = await o.ice.get();
    if (ended) return;
    const previous = latest.get(peerId);
    // A replaced connection that is not on screen has nothing to keep; the one on screen stays until swapped.
    if (previous && previous !== shown) close(previous);
    const conn: Connection<Media> = {
      peerId,
      peer: o.createPeer(iceServers),
      offerSdp: offer.sdp,
      seq: ++seq,
      closed: false,
    };
    latest.set(peerId, conn);
    conn.peer.onCandidate((candidate) => {
      if (!conn.closed) void emitWithAck(socket, 'rtc-signal', { streamId, peerId, signal: { candidate } });
    });
    conn.peer.onRemote((media) => {
      conn.media = media;
      void swapIn(conn);
    });
    conn.peer.onState((state) => {
      if (state !== 'failed' || conn.closed) return;
      if (conn === shown) {
        o.onStatus('reconnecting');
        void request();
      } else close(conn);
    });
    await answer(conn, offer);
  }

  async function answer(conn: Connection<Media>, offer: Description) {
    await conn.peer.setRemote(offer);
    const local = await conn.peer.createAnswer();
    await emitWithAck(socket, 'rtc-signal', {
      streamId,
      peerId: conn.peerId,
      signal: { description: local },
    });
  }

  async function onSignal({ peerId, signal }: SignalEvent) {
    if (ended || !PEERS.has(peerId)) return;
    if (!('description' in signal)) {
      await latest.get(peerId)?.peer.addCandidate(signal.candidate);
      return;
    }
    if (signal.description.type !== 'offer') return;
    const current = latest.get(peerId);
    // The SFU may update a subscription in place; anything else is a new connection.
    if (current && isRenegotiation(current.offerSdp, signal.description.sdp)) {
      current.offerSdp = signal.description.sdp;
      await answer(current, signal.description);
    } else await connect(peerId, signal.description);
  }

  /** Auto quality: asks the SFU for the layer the shown connection's stats and the player's size call for. */
  async function adapt() {
    const conn = shown;
    if (ended || mode !== 'sfu' || quality !== 'auto' || !conn || conn.peerId !== SFU_PEER) return;
    if (adapting?.conn !== conn) adapting = { conn, rule: autoLayer() };
    const stats = await conn.peer.videoStats().catch(() => undefined);
    if (!stats || conn !== shown) return;
    const layer = adapting.rule.next(stats, o.viewHeight?.() ?? null);
    if (layer === asked) return;
    asked = layer;
    await emitWithAck(socket, 'rtc-quality', { streamId, quality: layer });
  }
  const adaptTimer = setInterval(() => void adapt(), o.adaptEveryMs ?? 2000);

  async function request() {
    const res = await emitWithAck(socket, 'rtc-request', { streamId });
    if (ended) return;
    if (!res.ok) {
      o.onStatus(res.error.code === 'STREAM_FULL' ? 'full' : 'reconnecting');
      return;
    }
    mode = res.mode;
    o.onMode(res.mode);
    // A new subscription starts on the top layer.
    asked = 'high';
    // A new subscription starts on Auto server-side: keep the layer this viewer pinned.
    if (res.mode === 'sfu' && quality !== 'auto') {
      void emitWithAck(socket, 'rtc-quality', { streamId, quality });
    }
  }

  // One signal at a time, in order: the candidates behind an offer wait while it gets its ICE servers.
  const onSignalEvent = (p: SignalEvent) => {
    if (p.streamId !== streamId) return;
    inOrder = inOrder
      .then(() => onSignal(p))
      .catch(() => {
        if (!ended) o.onStatus('reconnecting');
      });
  };
  // The stream moved to another path: ask again, and keep the picture until the new one decodes.
  const onMode = (p: { streamId: string; mode: MediaModeName }) => {
    if (p.streamId === streamId && p.mode !== mode && !ended) void request();
  };
  socket.on('rtc-signal', onSignalEvent);
  socket.on('rtc-mode', onMode);

  return {
    /** Asks for media: after every (re)join of the room, e.g. a reconnect or the app coming back. */
    rejoined() {
      if (ended) return;
      o.onStatus(shown ? 'reconnecting' : 'connecting');
      // Asked for beside the media request, not before it: the offer takes longer to come.
      void o.ice.get();
      void request();
    },
    setQuality(next: VideoQuality) {
      quality = next;
      asked = 'high'; // `auto` puts the SFU back on the top layer; Auto then adapts from there
      void emitWithAck(socket, 'rtc-quality', { streamId, quality: next });
    },
    /** The stream ended: nothing more to show, and a late frame must not revive it. */
    end() {
      ended = true;
      clearInterval(adaptTimer);
      for (const c of open()) close(c);
      shown = undefined;
      void o.onPicture(null);
      o.onStatus('ended');
    },
    dispose() {
      clearInterval(adaptTimer);
      socket.off('rtc-signal', onSignalEvent);
      socket.off('rtc-mode', onMode);
      for (const c of open()) close(c);
      shown = undefined;
    },
  };
}

export type Viewer = ReturnType<typeof createViewer>;
