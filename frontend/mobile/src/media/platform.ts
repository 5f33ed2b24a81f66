import { preferCodec, type VideoSendPlan, type VideoStats, videoStatsFrom } from '@airwave/client';
import { Linking } from 'react-native';
import {
  mediaDevices,
  type MediaStream as RNMediaStream,
  RTCIceCandidate,
  RTCPeerConnection,
  RTCRtpReceiver,
  RTCSessionDescription,
} from 'react-native-webrtc';
import { permissions } from './permissions';
import type { Description, Facing, IceCandidateInit, LocalMedia, MediaPlatform, Peer } from './types.ts';

type RNTrack = ReturnType<RNMediaStream['getTracks']>[number];
type EventTargetLike = { addEventListener(type: string, cb: (e: never) => void): void };

class NativePeer implements Peer {
  private pc: RTCPeerConnection;
  private pending: IceCandidateInit[] = [];

  constructor(iceServers: { urls: string[]; username?: string; credential?: string }[]) {
    this.pc = new RTCPeerConnection({ iceServers });
  }
  private on(type: string, cb: (e: never) => void) {
    (this.pc as unknown as EventTargetLike).addEventListener(type, cb);
  }
  addLocal(media: LocalMedia, plan: VideoSendPlan) {
    const stream = media.native as RNMediaStream;
    for (const track of stream.getTracks()) {
      const video = track.kind === 'video';
      const transceiver = this.pc.addTransceiver(track, {
        direction: 'sendonly',
        streams: [stream],
        ...(video ? { sendEncodings: plan.encodings.map((e) => ({ active: true, ...e })) } : {}),
      });
      if (video && plan.codec) {
        // A device without the codec keeps its own order rather than failing the publication.
        try {
          transceiver.setCodecPreferences(
            preferCodec(RTCRtpReceiver.getCapabilities('video').codecs, plan.codec),
          );
        } catch {}
      }
    }
  }
  async capVideo(maxBitrate: number) {
    for (const sender of this.pc.getSenders()) {
      if (sender.track?.kind !== 'video') continue;
      const params = sender.getParameters();
      // react-native-webrtc's encodings are objects with setters: set in place, do not copy.
      for (const e of params.encodings) e.maxBitrate = maxBitrate;
      await sender.setParameters(params);
    }
  }
  async createOffer(): Promise<Description> {
    const offer = (await this.pc.createOffer({})) as { sdp: string };
    await this.pc.setLocalDescription(new RTCSessionDescription({ type: 'offer', sdp: offer.sdp }));
    return { type: 'offer', sdp: offer.sdp };
  }
  async createAnswer(): Promise<Description> {
    const answer = (await this.pc.createAnswer()) as { sdp: string };
    await this.pc.setLocalDescription(new RTCSessionDescription({ type: 'answer', sdp: answer.sdp }));
    return { type: 'answer', sdp: answer.sdp };
  }
  async setRemote(d: Description) {
    await this.pc.setRemoteDescription(new RTCSessionDescription(d));
    for (const c of this.pending.splice(0)) await this.addCandidate(c);
  }
  async addCandidate(c: IceCandidateInit | null) {
    if (!c) return;
    if (!this.pc.remoteDescription) {
      this.pending.push(c);
      return;
    }
    await this.pc
      .addIceCandidate(
        new RTCIceCandidate({
          candidate: c.candidate,
          sdpMid: c.sdpMid ?? null,
          sdpMLineIndex: c.sdpMLineIndex ?? null,
        }),
      )
      .catch(() => undefined);
  }
  onCandidate(cb: (c: IceCandidateInit | null) => void) {
    this.on(
      'icecandidate',
      (e: { candidate: { candidate: string; sdpMid: string | null; sdpMLineIndex: number | null } | null }) =>
        cb(
          e.candidate
            ? {
                candidate: e.candidate.candidate,
                sdpMid: e.candidate.sdpMid,
                sdpMLineIndex: e.candidate.sdpMLineIndex,
              }
            : null,
        ),
    );
  }
  onRemote(cb: (m: { native: unknown }) => void) {
    this.on('track', (e: { streams: RNMediaStream[] }) => {
      if (e.streams[0]) cb({ native: e.streams[0] });
    });
  }
  onState(cb: (s: 'connected' | 'failed' | 'other') => void) {
    this.on('connectionstatechange', () => {
      const s = this.pc.connectionState;
      cb(s === 'connected' ? 'connected' : s === 'failed' ? 'failed' : 'other');
    });
  }
  async videoStats(): Promise<VideoStats> {
    // react-native-webrtc's getStats gives a Map of the standard stats objects.
    const stats = (await this.pc.getStats()) as Map<string, { type: string; kind?: string }>;
    return videoStatsFrom(stats.values());
  }
  close() {
    this.pc.close();
  }
}

class NativeLocal implements LocalMedia {
  constructor(
    public native: RNMediaStream,
    public facing: Facing,
  ) {}
  private tracks(kind: 'audio' | 'video'): RNTrack[] {
    return this.native.getTracks().filter((t) => t.kind === kind);
  }
  setMuted(muted: boolean) {
    for (const t of this.tracks('audio')) t.enabled = !muted;
  }
  setVideoPaused(paused: boolean) {
    for (const t of this.tracks('video')) t.enabled = !paused;
  }
  async switchCamera() {
    // react-native-webrtc flips the capturer in place: every peer keeps the same track.
    for (const t of this.tracks('video')) (t as unknown as { _switchCamera(): void })._switchCamera();
    this.facing = this.facing === 'user' ? 'environment' : 'user';
  }
  stop() {
    for (const t of this.native.getTracks()) t.stop();
    this.native.release();
  }
}

export const media: MediaPlatform = {
  createPeer: (iceServers) => new NativePeer(iceServers),
  permission: () => permissions.check(),
  requestPermission: () => permissions.request(),
  async openCamera(facing) {
    const stream = await mediaDevices.getUserMedia({
      audio: true,
      video: { facingMode: facing, width: 720, height: 1280, frameRate: 30 },
    });
    return new NativeLocal(stream, facing);
  },
  openSettings: () => void Linking.openSettings(),
};
