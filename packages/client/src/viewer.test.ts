import { SFU_PEER, STREAMER_PEER } from '@airwave/shared';
import { describe, expect, it } from 'vitest';
import type { IceServerSource } from './ice-servers.ts';
import { fakeSocket } from './testing/fake-socket.ts';
import { createViewer, type Description, type PeerState, type ViewerPeer } from './viewer.ts';

class FakePeer implements ViewerPeer<string> {
  frames = 0;
  closed = false;
  offer?: string;
  private remote?: (m: string) => void;
  private state?: (s: PeerState) => void;
  async setRemote(d: Description) {
    this.offer = d.sdp;
    setTimeout(() => this.remote?.(`picture:${d.sdp}`), 0);
  }
  async createAnswer(): Promise<Description> {
    return { type: 'answer', sdp: `answer to ${this.offer}` };
  }
  async addCandidate() {}
  onCandidate() {}
  onRemote(cb: (m: string) => void) {
    this.remote = cb;
  }
  onState(cb: (s: PeerState) => void) {
    this.state = cb;
  }
  fail() {
    this.state?.('failed');
  }
  packets = { received: 0, lost: 0 };
  async videoStats() {
    return {
      framesDecoded: this.frames,
      packetsReceived: this.packets.received,
      packetsLost: this.packets.lost,
    };
  }
  close() {
    this.closed = true;
  }
}

const ice: IceServerSource = { get: async () => [], uplinkKbps: () => undefined };
const offer = (peerId: string, sdp: string) => ({
  streamId: 's1',
  peerId,
  signal: { description: { type: 'offer' as const, sdp: `v=0\r\na=ice-ufrag:${sdp}\r\n` } },
});
const settle = (ms = 30) => new Promise((r) => setTimeout(r, ms));

/** `onScreen`: when the view says a picture is on screen (default: at once). */
function setup(mode: 'p2p' | 'sfu' = 'p2p', onScreen?: () => Promise<void>) {
  const answer = { mode };
  const server = fakeSocket({ 'rtc-request': () => ({ ok: true, peerId: 'me', mode: answer.mode }) });
  const peers: FakePeer[] = [];
  const pictures: (string | null)[] = [];
  const statuses: string[] = [];
  const view = { height: 720 };
  const viewer = createViewer<string>({
    socket: server.socket,
    streamId: 's1',
    ice,
    createPeer: () => {
      const p = new FakePeer();
      peers.push(p);
      return p;
    },
    onPicture: (m) => {
      pictures.push(m);
      return onScreen?.();
    },
    onStatus: (s) => statuses.push(s),
    onMode: () => {},
    swapPollMs: 5,
    swapTimeoutMs: 2000,
    adaptEveryMs: 20,
    viewHeight: () => view.height,
  });
  return { ...server, viewer, peers, pictures, statuses, answer, view };
}

describe('the viewer core', () => {
  it('on Auto through the SFU asks for the layer its loss and its player size call for', async () => {
    const t = setup('sfu');
    t.viewer.rejoined();
    t.serverEmit('rtc-signal', offer(SFU_PEER, 'one'));
    await settle();
    const sfu = t.peers[0];
    if (!sfu) throw new Error('no connection');
    const layers = () => t.sent.filter((s) => s.event === 'rtc-quality').map((s) => s.payload.quality);
    sfu.packets = { received: 1000, lost: 0 };
    await settle(60);
    expect(layers()).toEqual([]);
    sfu.packets = { received: 1080, lost: 20 }; // 20 % lost since the last reading
    await settle(60);
    expect(layers()).toEqual(['medium']);
    // A smaller player: never more lines than it shows.
    t.view.height = 200;
    await settle(60);
    expect(layers()).toEqual(['medium', 'low']);
    // A pinned layer stops the adapting.
    t.viewer.setQuality('high');
    t.view.height = 1080;
    await settle(200);
    expect(layers()).toEqual(['medium', 'low', 'high']);
    t.viewer.dispose();
  });

  it('answers the streamer, then moves to the SFU make-before-break and releases the streamer', async () => {
    const t = setup();
    t.viewer.rejoined();
    await settle();
    expect(t.sent.map((s) => s.event)).toEqual(['rtc-request']);
    t.serverEmit('rtc-signal', offer(STREAMER_PEER, 'mesh'));
    await settle();
    expect(t.pictures).toEqual([`picture:${offer(STREAMER_PEER, 'mesh').signal.description.sdp}`]);
    expect(t.sent.at(-1)).toMatchObject({
      event: 'rtc-signal',
      payload: { peerId: STREAMER_PEER, signal: { description: { type: 'answer' } } },
    });

    // The stream moves: the viewer asks again and gets the SFU's offer, answered to the SFU.
    t.answer.mode = 'sfu';
    t.serverEmit('rtc-mode', { streamId: 's1', mode: 'sfu' });
    await settle();
    expect(t.sent.filter((s) => s.event === 'rtc-request')).toHaveLength(2);
    t.serverEmit('rtc-signal', offer(SFU_PEER, 'sfu'));
    await settle();
    const [mesh, sfu] = t.peers;
    expect(t.sent.at(-1)).toMatchObject({ event: 'rtc-signal', payload: { peerId: SFU_PEER } });
    // Not decoding yet: the mesh picture stays, and nothing is released.
    expect(t.pictures).toHaveLength(1);
    expect(mesh?.closed).toBe(false);
    expect(t.sent.some((s) => s.event === 'rtc-release')).toBe(false);

    if (sfu) sfu.frames = 1;
    await settle();
    expect(t.pictures.at(-1)).toContain('a=ice-ufrag:sfu');
    expect(mesh?.closed).toBe(true);
    expect(t.sent.filter((s) => s.event === 'rtc-release')).toEqual([
      { event: 'rtc-release', payload: { streamId: 's1' } },
    ]);
    // Only ever one status report: the picture never went away.
    expect(t.statuses).toEqual(['connecting']);
  });

  it('keeps the mesh connection until the view has the SFU picture on screen', async () => {
    let putOnScreen = () => {};
    const t = setup('p2p', () => new Promise<void>((resolve) => (putOnScreen = resolve)));
    t.viewer.rejoined();
    t.serverEmit('rtc-signal', offer(STREAMER_PEER, 'mesh'));
    await settle();
    putOnScreen();
    t.answer.mode = 'sfu';
    t.serverEmit('rtc-mode', { streamId: 's1', mode: 'sfu' });
    await settle();
    t.serverEmit('rtc-signal', offer(SFU_PEER, 'sfu'));
    await settle();
    const [mesh, sfu] = t.peers;
    if (sfu) sfu.frames = 1;
    await settle();
    // Decoded and handed to the view, but the view is still bringing it up: the mesh plays on.
    expect(t.pictures.at(-1)).toContain('a=ice-ufrag:sfu');
    expect(mesh?.closed).toBe(false);
    expect(t.sent.some((s) => s.event === 'rtc-release')).toBe(false);

    putOnScreen();
    await settle();
    expect(mesh?.closed).toBe(true);
    expect(t.sent.filter((s) => s.event === 'rtc-release')).toHaveLength(1);
    t.viewer.dispose();
  });

  it('a renegotiation of the same connection is answered on it; a failed shown connection asks again', async () => {
    const t = setup('sfu');
    t.viewer.rejoined();
    t.serverEmit('rtc-signal', offer(SFU_PEER, 'one'));
    await settle();
    t.serverEmit('rtc-signal', offer(SFU_PEER, 'one'));
    await settle();
    expect(t.peers).toHaveLength(1);
    // A new subscription from the same peer replaces the old one once it decodes.
    t.serverEmit('rtc-signal', offer(SFU_PEER, 'two'));
    await settle();
    expect(t.peers.map((p) => p.closed)).toEqual([false, false]);
    if (t.peers[1]) t.peers[1].frames = 1;
    await settle();
    expect(t.peers.map((p) => p.closed)).toEqual([true, false]);
    expect(t.sent.some((s) => s.event === 'rtc-release')).toBe(false);
    t.peers[1]?.fail();
    await settle();
    expect(t.statuses.at(-1)).toBe('reconnecting');
    expect(t.sent.filter((s) => s.event === 'rtc-request')).toHaveLength(2);
  });

  it('a pinned layer is sent again on every SFU subscription; a full stream says so; the end closes all', async () => {
    const t = setup('sfu');
    t.viewer.setQuality('low');
    t.viewer.rejoined();
    await settle();
    expect(t.sent.filter((s) => s.event === 'rtc-quality').map((s) => s.payload)).toEqual([
      { streamId: 's1', quality: 'low' },
      { streamId: 's1', quality: 'low' },
    ]);
    t.serverEmit('rtc-signal', offer(SFU_PEER, 'x'));
    await settle();
    t.viewer.end();
    expect(t.peers.every((p) => p.closed)).toBe(true);
    expect(t.pictures.at(-1)).toBeNull();
    expect(t.statuses.at(-1)).toBe('ended');
    // A late offer after the end opens nothing.
    t.serverEmit('rtc-signal', offer(SFU_PEER, 'late'));
    await settle();
    expect(t.peers).toHaveLength(1);

    const full = fakeSocket({
      'rtc-request': () => ({ ok: false, error: { code: 'STREAM_FULL', message: 'full' } }),
    });
    const statuses: string[] = [];
    createViewer<string>({
      socket: full.socket,
      streamId: 's1',
      ice,
      createPeer: () => new FakePeer(),
      onPicture: () => {},
      onStatus: (s) => statuses.push(s),
      onMode: () => {},
    }).rejoined();
    await settle();
    expect(statuses).toEqual(['connecting', 'full']);
  });
});
