import type { VideoSendPlan } from '@airwave/client';
import { BrowserPeer } from '@airwave/client';
import type { Facing, LocalMedia, MediaPlatform, Peer, Permission } from './types.ts';

/** The shared browser peer; sending also registers with the camera, so a camera switch reaches it. */
class WebPeer extends BrowserPeer implements Peer {
  addLocal(media: BrowserLocal, plan: VideoSendPlan) {
    super.addLocal(media, plan);
    media.attach(this);
  }
}

class BrowserLocal implements LocalMedia {
  private peers = new Set<WebPeer>();
  constructor(
    public native: MediaStream,
    public facing: Facing,
  ) {}
  attach(peer: WebPeer) {
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
  createPeer: (iceServers) => new WebPeer(iceServers),
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
