import type { VideoSendPlan } from '@airwave/client';
import type { Description, LocalMedia, MediaPlatform, Peer, Permission } from '../src/media/types.ts';

export const calls: string[] = [];
/** The ICE servers each peer connection was created with, in order. */
export const peerIceServers: Parameters<MediaPlatform['createPeer']>[0][] = [];
export const state: { permission: Permission; grant: Permission; cameraFails: boolean } = {
  permission: 'granted',
  grant: 'granted',
  cameraFails: false,
};

/** Every connection the app opened, in order: the remote offer it got, its decoded frames, whether closed. */
export const peers: { offer?: string; frames: number; closed: boolean }[] = [];
/** While set, new connections decode nothing (the test then says when their first frame is decoded). */
export const decoding = { held: false };

export function resetMedia() {
  calls.length = 0;
  peers.length = 0;
  decoding.held = false;
  peerIceServers.length = 0;
  sent.length = 0;
  state.permission = 'granted';
  state.grant = 'granted';
  state.cameraFails = false;
}

/** What each connection the app opened was told to send, in order: its encodings and the caps set since. */
export const sent: { plan: VideoSendPlan; caps: number[]; closed: boolean }[] = [];

class DoublePeer implements Peer {
  private remote: ((m: { native: unknown }) => void) | null = null;
  private seen: (typeof peers)[number] = { frames: 0, closed: false };
  private record: (typeof sent)[number] | null = null;
  addLocal(_media: LocalMedia, plan: VideoSendPlan) {
    calls.push('addLocal');
    this.record = { plan, caps: [], closed: false };
    sent.push(this.record);
  }
  async capVideo(maxBitrate: number) {
    this.record?.caps.push(maxBitrate);
  }
  async createOffer(): Promise<Description> {
    return { type: 'offer', sdp: 'v=0 offer' };
  }
  async createAnswer(): Promise<Description> {
    return { type: 'answer', sdp: 'v=0 answer' };
  }
  async setRemote(d: Description) {
    calls.push(`setRemote:${d.type}`);
    // A remote offer means the streamer's track arrives right after, and (unless held) its frames.
    if (d.type === 'offer') {
      this.seen.offer = d.sdp;
      if (!decoding.held) this.seen.frames = 1;
      setTimeout(() => this.remote?.({ native: `remote-stream:${d.sdp}` }), 0);
    }
  }
  async videoStats() {
    return { framesDecoded: this.seen.frames, packetsReceived: this.seen.frames * 10, packetsLost: 0 };
  }
  async addCandidate() {}
  onCandidate() {}
  onRemote(cb: (m: { native: unknown }) => void) {
    this.remote = cb;
  }
  onState() {}
  close() {
    calls.push('close');
    this.seen.closed = true;
    if (this.record) this.record.closed = true;
  }
  constructor() {
    peers.push(this.seen);
  }
}

class DoubleLocal implements LocalMedia {
  native = 'local-stream';
  facing: 'user' | 'environment' = 'user';
  setMuted(m: boolean) {
    calls.push(`muted:${m}`);
  }
  setVideoPaused(p: boolean) {
    calls.push(`paused:${p}`);
  }
  async switchCamera() {
    this.facing = this.facing === 'user' ? 'environment' : 'user';
    calls.push(`facing:${this.facing}`);
  }
  stop() {
    calls.push('stop');
  }
}

export const media: MediaPlatform = {
  createPeer: (iceServers) => {
    peerIceServers.push(iceServers);
    return new DoublePeer();
  },
  permission: async () => state.permission,
  requestPermission: async () => state.grant,
  openCamera: async () => {
    if (state.cameraFails) throw new Error('NotAllowedError');
    return new DoubleLocal();
  },
  openSettings: () => calls.push('settings'),
};
