import { IceServersResponse, RtcSignalPayload, SFU_PEER } from '@airwave/shared';
import { describe, expect, it } from 'vitest';
import { type BroadcastPeer, createBroadcaster, uplinkQuality } from './broadcaster.ts';
import { iceServerSource } from './ice-servers.ts';
import type { VideoSendPlan } from './media.ts';
import { fakeSocket } from './testing/fake-socket.ts';
import { ids } from './testing/fixtures.ts';
import type { Description, IceCandidateInit, PeerState } from './viewer.ts';

/** A sending peer as the platforms implement it, recording what the broadcaster asks of it. */
class FakePeer implements BroadcastPeer<'camera'> {
  static made: FakePeer[] = [];
  plan?: VideoSendPlan;
  caps: number[] = [];
  remote: Description[] = [];
  candidates: (IceCandidateInit | null)[] = [];
  closed = false;
  private candidate?: (c: IceCandidateInit | null) => void;
  private state?: (s: PeerState) => void;
  constructor(readonly iceServers: unknown) {
    FakePeer.made.push(this);
  }
  addLocal(_: 'camera', plan: VideoSendPlan) {
    this.plan = plan;
  }
  async capVideo(bps: number) {
    this.caps.push(bps);
  }
  async createOffer(): Promise<Description> {
    return { type: 'offer', sdp: `offer ${FakePeer.made.indexOf(this)}` };
  }
  async createAnswer(): Promise<Description> {
    return { type: 'answer', sdp: `answer ${FakePeer.made.indexOf(this)}` };
  }
  async setRemote(d: Description) {
    this.remote.push(d);
  }
  async addCandidate(c: IceCandidateInit | null) {
    this.candidates.push(c);
  }
  onCandidate(cb: (c: IceCandidateInit | null) => void) {
    this.candidate = cb;
  }
  onState(cb: (s: PeerState) => void) {
    this.state = cb;
  }
  gather(c: IceCandidateInit) {
    this.candidate?.(c);
  }
  fail() {
    this.state?.('failed');
  }
  close() {
    this.closed = true;
  }
}

const iceAnswer = IceServersResponse.parse({
  iceServers: [{ urls: ['stun:stun.example.org'] }],
  ttlSeconds: 3600,
  p2pUplinkKbps: 3000,
});
const settle = () => new Promise((r) => setTimeout(r, 10));
const joined = (peerId: string) => ({ streamId: ids.stream, peerId });
const answer = { type: 'answer' as const, sdp: 'answer from the viewer' };
const answerFrom = (peerId: string) =>
  RtcSignalPayload.parse({ streamId: ids.stream, peerId, signal: { description: answer } });

function setup(camera: 'camera' | null = 'camera') {
  FakePeer.made = [];
  const server = fakeSocket({ 'rtc-ice-servers': () => ({ ok: true, ...iceAnswer }) });
  const counts: { viewers: number; publishing: boolean }[] = [];
  const broadcaster = createBroadcaster({
    socket: server.socket,
    streamId: ids.stream,
    ice: iceServerSource(server.socket, ids.stream),
    createPeer: (iceServers) => new FakePeer(iceServers),
    local: () => camera,
    onPeers: (p) => counts.push(p),
  });
  const signals = () => server.payloads('rtc-signal').map((p) => RtcSignalPayload.parse(p));
  return { ...server, broadcaster, counts, signals, peers: () => FakePeer.made };
}

describe('the broadcaster core', () => {
  it('offers to a viewer who joins, takes the answer and candidates, and sends its own', async () => {
    const t = setup();
    t.serverEmit('rtc-viewer-joined', joined('v1'));
    await settle();
    const [v1] = t.peers();
    if (!v1) throw new Error('no connection');
    expect(v1.iceServers).toEqual(iceAnswer.iceServers);
    expect(t.signals()).toEqual([
      { streamId: ids.stream, peerId: 'v1', signal: { description: { type: 'offer', sdp: 'offer 0' } } },
    ]);
    t.serverEmit('rtc-signal', answerFrom('v1'));
    t.serverEmit('rtc-signal', {
      streamId: ids.stream,
      peerId: 'v1',
      signal: { candidate: { candidate: 'c1' } },
    });
    // Signals for a peer it has no connection to, or for another stream, are not its business.
    t.serverEmit('rtc-signal', answerFrom('stranger'));
    t.serverEmit('rtc-signal', { ...answerFrom('v1'), streamId: ids.viewer });
    await settle();
    expect(v1.remote).toEqual([answer]);
    expect(v1.candidates).toEqual([{ candidate: 'c1' }]);
    v1.gather({ candidate: 'mine', sdpMid: '0', sdpMLineIndex: 0 });
    await settle();
    expect(t.signals().at(-1)).toEqual({
      streamId: ids.stream,
      peerId: 'v1',
      signal: { candidate: { candidate: 'mine', sdpMid: '0', sdpMLineIndex: 0 } },
    });
    expect(t.counts.at(-1)).toEqual({ viewers: 1, publishing: false });
  });

  it('spreads the P2P upload budget over the viewers as they come and go', async () => {
    const t = setup();
    t.serverEmit('rtc-viewer-joined', joined('v1'));
    await settle();
    t.serverEmit('rtc-viewer-joined', joined('v2'));
    await settle();
    const [v1, v2] = t.peers();
    // 3000 kbit/s from the ICE answer: one viewer gets 2.5 Mbit/s at most, two get 1.5 each.
    expect(v1?.plan).toEqual({ encodings: [{ maxBitrate: 2_500_000 }], codec: null });
    expect(v2?.plan).toEqual({ encodings: [{ maxBitrate: 1_500_000 }], codec: null });
    expect(v1?.caps.at(-1)).toBe(1_500_000);
    t.serverEmit('rtc-viewer-left', joined('v2'));
    await settle();
    expect(v2?.closed).toBe(true);
    expect(v1?.caps.at(-1)).toBe(2_500_000);
    expect(t.counts.at(-1)).toEqual({ viewers: 1, publishing: false });
  });

  it('publishes simulcast to the SFU, and republishes on a fresh connection after a Janus failure', async () => {
    const t = setup();
    t.serverEmit('rtc-viewer-joined', joined(SFU_PEER));
    await settle();
    const [sfu] = t.peers();
    expect(sfu?.plan?.codec).toBe('video/VP8');
    expect(sfu?.plan?.encodings.map((e) => e.rid)).toEqual(['h', 'm', 'l']);
    expect(t.counts.at(-1)).toEqual({ viewers: 0, publishing: true });
    // The SFU publication is not a P2P viewer: it is never capped to a share.
    expect(sfu?.caps).toEqual([]);

    // The Janus is lost: the server says the publication left, then asks for it again.
    t.serverEmit('rtc-viewer-left', joined(SFU_PEER));
    t.serverEmit('rtc-viewer-joined', joined(SFU_PEER));
    await settle();
    const [, again] = t.peers();
    expect(sfu?.closed).toBe(true);
    expect(again?.plan?.encodings).toHaveLength(3);
    expect(t.signals().filter((s) => s.peerId === SFU_PEER && 'description' in s.signal)).toHaveLength(2);
    expect(t.counts.at(-1)).toEqual({ viewers: 0, publishing: true });
  });

  it('answers a renegotiation on the same connection; a failed one is closed; dispose closes all', async () => {
    const t = setup();
    t.serverEmit('rtc-viewer-joined', joined(SFU_PEER));
    t.serverEmit('rtc-viewer-joined', joined('v1'));
    await settle();
    t.serverEmit(
      'rtc-signal',
      RtcSignalPayload.parse({
        streamId: ids.stream,
        peerId: SFU_PEER,
        signal: { description: { type: 'offer', sdp: 'new offer' } },
      }),
    );
    await settle();
    expect(t.peers()).toHaveLength(2);
    expect(t.signals().at(-1)).toEqual({
      streamId: ids.stream,
      peerId: SFU_PEER,
      signal: { description: { type: 'answer', sdp: 'answer 0' } },
    });
    t.peers()[1]?.fail();
    expect(t.peers()[1]?.closed).toBe(true);
    expect(t.broadcaster.peers()).toHaveLength(1);
    t.broadcaster.dispose();
    expect(t.peers().every((p) => p.closed)).toBe(true);
    // Gone: a late viewer opens nothing.
    t.serverEmit('rtc-viewer-joined', joined('v9'));
    await settle();
    expect(t.peers()).toHaveLength(2);
  });

  it('with no camera yet a viewer gets nothing', async () => {
    const t = setup(null);
    t.serverEmit('rtc-viewer-joined', joined('v1'));
    await settle();
    expect(t.peers()).toEqual([]);
    expect(t.sent).toEqual([]);
  });

  it('reads the uplink as the worst of its connections', () => {
    expect(uplinkQuality([])).toBeNull();
    expect(uplinkQuality([{ fractionLost: 0, roundTripTime: 0.05 }])).toBe('good');
    expect(uplinkQuality([{ fractionLost: 0.05, roundTripTime: 0.05 }])).toBe('fair');
    expect(
      uplinkQuality([
        { fractionLost: 0, roundTripTime: 0.05 },
        { fractionLost: 0, roundTripTime: 0.5 },
      ]),
    ).toBe('poor');
  });
});
