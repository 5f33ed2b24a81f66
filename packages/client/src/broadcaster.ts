import { type IceServer, type RtcSignal, SFU_PEER } from '@airwave/shared';
import type { IceServerSource } from './ice-servers.ts';
import { p2pViewerCount, uplinkBudget, type VideoSendPlan } from './media.ts';
import { type AirwaveSocket, emitWithAck } from './socket.ts';
import type { Description, IceCandidateInit, PeerState } from './viewer.ts';

/**
 * A sending peer connection as the streamer needs it; the browser (`BrowserPeer`) and
 * react-native-webrtc implement it. `Local` is the platform's camera and microphone.
 */
export interface BroadcastPeer<Local> {
  /** Adds the local tracks, video with the plan's send encodings (simulcast to the SFU) and codec first. */
  addLocal(local: Local, plan: VideoSendPlan): void;
  /** Caps the video this connection sends through `setParameters`, without renegotiating (the P2P budget). */
  capVideo(maxBitrate: number): Promise<void>;
  /** Creates the offer and sets it as the local description. */
  createOffer(): Promise<Description>;
  createAnswer(): Promise<Description>;
  /** Candidates that arrive before the remote description are held until it is set. */
  setRemote(d: Description): Promise<void>;
  addCandidate(c: IceCandidateInit | null): Promise<void>;
  onCandidate(cb: (c: IceCandidateInit | null) => void): void;
  onState(cb: (state: PeerState) => void): void;
  close(): void;
}

/**
 * What the media cores need of a platform (the browser, react-native-webrtc): a peer connection
 * made with the stream's ICE servers. Its peers implement `ViewerPeer` to receive, `BroadcastPeer` to send.
 */
export interface MediaPlatform<P> {
  createPeer(iceServers: IceServer[]): P;
}

export interface BroadcasterOptions<Local, P extends BroadcastPeer<Local>> extends MediaPlatform<P> {
  socket: AirwaveSocket;
  streamId: string;
  ice: IceServerSource;
  /** The camera and microphone now; a viewer asking while there is none gets nothing. */
  local(): Local | null;
  /** Told whenever a connection opens or closes: P2P viewers, and whether the SFU gets the picture. */
  onPeers?(peers: { viewers: number; publishing: boolean }): void;
}

export interface Broadcaster<P> {
  /** The open connections (the SFU publication included), e.g. to swap tracks or read their stats. */
  peers(): P[];
  dispose(): void;
}

type PeerRef = { streamId: string; peerId: string };
type SignalEvent = PeerRef & { signal: RtcSignal };

/**
 * The streamer's side of a stream's media, for web and mobile alike: one connection per viewer who
 * asks for media (P2P), or one simulcast publication to the SFU (peer id SFU_PEER, asked for with
 * `rtc-viewer-joined` like a viewer; asked again after a Janus failure, which republishes). Offers
 * and ICE go through our signaling; the P2P upload budget (`P2P_UPLINK_KBPS`, from the ICE answer)
 * is re-spread over the viewer connections as they come and go.
 */
export function createBroadcaster<Local, P extends BroadcastPeer<Local>>(
  o: BroadcasterOptions<Local, P>,
): Broadcaster<P> {
  const { socket, streamId } = o;
  const peers = new Map<string, P>();
  let stopped = false;
  const budget = uplinkBudget(peers, (peer, bps) => peer.capVideo(bps));
  const changed = () =>
    o.onPeers?.({ viewers: p2pViewerCount(peers.keys()), publishing: peers.has(SFU_PEER) });

  function close(peerId: string) {
    const peer = peers.get(peerId);
    if (!peer) return;
    peer.close();
    peers.delete(peerId);
    changed();
    void budget.spread();
  }

  const signal = (peerId: string, s: RtcSignal) =>
    emitWithAck(socket, 'rtc-signal', { streamId, peerId, signal: s });

  async function onViewer(peerId: string) {
    const local = o.local();
    if (!local) return;
    const iceServers = await o.ice.get();
    if (stopped) return;
    // The same answer carries the server's P2P upload budget.
    const kbps = o.ice.uplinkKbps();
    if (kbps !== undefined) void budget.setBudget(kbps);
    // Asked again for the same peer (the SFU republishing, a viewer's fresh request): a new connection.
    close(peerId);
    const peer = o.createPeer(iceServers);
    peers.set(peerId, peer);
    changed();
    peer.addLocal(local, budget.plan(peerId));
    // The newcomer starts at its share; the others come down to theirs.
    void budget.spread();
    peer.onCandidate((candidate) => {
      if (peers.get(peerId) === peer) void signal(peerId, { candidate });
    });
    peer.onState((state) => {
      if (state === 'failed' && peers.get(peerId) === peer) close(peerId);
    });
    const offer = await peer.createOffer();
    await signal(peerId, { description: offer });
  }

  async function onSignal({ peerId, signal: s }: SignalEvent) {
    const peer = peers.get(peerId);
    if (!peer) return;
    if (!('description' in s)) return peer.addCandidate(s.candidate);
    await peer.setRemote(s.description);
    // The far side renegotiating: answer on the same connection.
    if (s.description.type === 'offer') await signal(peerId, { description: await peer.createAnswer() });
  }

  const handleViewer = ({ streamId: id, peerId }: PeerRef) => {
    if (id === streamId) void onViewer(peerId).catch(() => close(peerId));
  };
  const handleSignal = (p: SignalEvent) => {
    if (p.streamId === streamId) void onSignal(p).catch(() => undefined);
  };
  const handleLeft = ({ streamId: id, peerId }: PeerRef) => {
    if (id === streamId) close(peerId);
  };
  socket.on('rtc-viewer-joined', handleViewer);
  socket.on('rtc-signal', handleSignal);
  socket.on('rtc-viewer-left', handleLeft);

  return {
    peers: () => [...peers.values()],
    dispose() {
      stopped = true;
      socket.off('rtc-viewer-joined', handleViewer);
      socket.off('rtc-signal', handleSignal);
      socket.off('rtc-viewer-left', handleLeft);
      for (const id of [...peers.keys()]) close(id);
    },
  };
}

/** What the streamer's connections report about the way to their receivers (worst of all). */
export interface UplinkStats {
  /** Fraction of packets lost, 0..1. */
  fractionLost: number;
  /** Round-trip time in seconds. */
  roundTripTime: number;
}

export type UplinkQuality = 'good' | 'fair' | 'poor';

/** A rough reading for the streamer's screen; null with no connection to read. */
export function uplinkQuality(stats: readonly UplinkStats[]): UplinkQuality | null {
  if (stats.length === 0) return null;
  const loss = Math.max(...stats.map((s) => s.fractionLost));
  const rtt = Math.max(...stats.map((s) => s.roundTripTime));
  if (loss > 0.1 || rtt > 0.4) return 'poor';
  if (loss > 0.02 || rtt > 0.15) return 'fair';
  return 'good';
}
