import { capVideo, sendLocalMedia, type VideoSendPlan } from '@airwave/client';
import type {
  Description,
  Facing,
  IceCandidateInit,
  LocalMedia,
  MediaPlatform,
  Peer,
  Permission,
} from './types.ts';

class BrowserPeer implements Peer {
  private pc: RTCPeerConnection;
  private pending: IceCandidateInit[] = [];
  private senders: RTCRtpSender[] = [];

  constructor(iceServers: RTCIceServer[]) {
    this.pc = new RTCPeerConnection({ iceServers });
  }
  addLocal(media: LocalMedia, plan: VideoSendPlan) {
    this.senders.push(...sendLocalMedia(this.pc, media.native as MediaStream, plan));
    (media as BrowserLocal).attach(this);
  }
  capVideo(maxBitrate: number) {
    return capVideo(this.senders, maxBitrate);
  }
  replaceTrack(track: MediaStreamTrack) {
    for (const s of this.senders) if (s.track?.kind === track.kind) void s.replaceTrack(track);
  }
  async createOffer(): Promise<Description> {
    const offer = await this.pc.createOffer();
    await this.pc.setLocalDescription(offer);
    return { type: 'offer', sdp: offer.sdp ?? '' };
  }
  async createAnswer(): Promise<Description> {
    const answer = await this.pc.createAnswer();
    await this.pc.setLocalDescription(answer);
    return { type: 'answer', sdp: answer.sdp ?? '' };
  }
  async setRemote(d: Description) {
    await this.pc.setRemoteDescription(d);
    for (const c of this.pending.splice(0)) await this.pc.addIceCandidate(c).catch(() => undefined);
  }
  async addCandidate(c: IceCandidateInit | null) {
    if (!c) return;
    if (this.pc.remoteDescription) await this.pc.addIceCandidate(c).catch(() => undefined);
    else this.pending.push(c);
  }
  onCandidate(cb: (c: IceCandidateInit | null) => void) {
    this.pc.onicecandidate = (e) => cb(e.candidate ? (e.candidate.toJSON() as IceCandidateInit) : null);
  }
  onRemote(cb: (m: { native: unknown }) => void) {
    this.pc.ontrack = (e) => {
      const receiver = e.receiver as unknown as { jitterBufferTarget?: number };
      receiver.jitterBufferTarget = 0;
      cb({ native: e.streams[0] ?? new MediaStream([e.track]) });
    };
  }
  onState(cb: (s: 'connected' | 'failed' | 'other') => void) {
    this.pc.onconnectionstatechange = () => {
      const s = this.pc.connectionState;
      cb(s === 'connected' ? 'connected' : s === 'failed' ? 'failed' : 'other');
    };
  }
  close() {
    this.pc.close();
  }
}

class BrowserLocal implements LocalMedia {
  private peers = new Set<BrowserPeer>();
  constructor(
    public native: MediaStream,
    public facing: Facing,
  ) {}
  attach(peer: BrowserPeer) {
    this.peers.add(peer);
  }
  setMuted(muted: boolean) {
    for (const t of this.native.getAudioTracks()) t.enabled = !muted;
  }
  setVideoPaused(paused: boolean) {
    for (const t of this.native.getVideoTracks()) t.enabled = !paused;
  }
  async switchCamera() {
    const next: Facing = this.facing === 'user' ? 'environment' : 'user';
    const fresh = await navigator.mediaDevices.getUserMedia({ video: { facingMode: next } });
    const track = fresh.getVideoTracks()[0];
    if (!track) return;
    for (const old of this.native.getVideoTracks()) {
      this.native.removeTrack(old);
      old.stop();
    }
    this.native.addTrack(track);
    for (const p of this.peers) p.replaceTrack(track);
    this.facing = next;
  }
  stop() {
    for (const t of this.native.getTracks()) t.stop();
  }
}

async function query(): Promise<Permission> {
  try {
    const [cam, mic] = await Promise.all([
      navigator.permissions.query({ name: 'camera' as PermissionName }),
      navigator.permissions.query({ name: 'microphone' as PermissionName }),
    ]);
    if (cam.state === 'denied' || mic.state === 'denied') return 'denied';
    if (cam.state === 'granted' && mic.state === 'granted') return 'granted';
    return 'undetermined';
  } catch {
    return 'undetermined';
  }
}

export const media: MediaPlatform = {
  createPeer: (iceServers) => new BrowserPeer(iceServers),
  permission: query,
  async requestPermission() {
    try {
      const probe = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
      for (const t of probe.getTracks()) t.stop();
      return 'granted';
    } catch {
      return 'denied';
    }
  },
  async openCamera(facing) {
    const stream = await navigator.mediaDevices.getUserMedia({
      video: { facingMode: facing, width: { ideal: 720 }, height: { ideal: 1280 } },
      audio: { echoCancellation: true, noiseSuppression: true },
    });
    return new BrowserLocal(stream, facing);
  },
};
