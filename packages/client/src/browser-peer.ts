import type { BroadcastPeer, UplinkStats } from './broadcaster.ts';
import { capVideo, sendLocalMedia } from './browser-media.ts';
import { type VideoStats, videoStatsFrom } from './layer-choice.ts';
import type { VideoSendPlan } from './media.ts';
import type { Description, IceCandidateInit, PeerState, ViewerPeer } from './viewer.ts';

/** A stream a video view can show: the platform's own MediaStream, opaque to the screens. */
export interface MediaHandle<Native = unknown> {
  readonly native: Native;
}

/**
 * One browser RTCPeerConnection as the apps use it: the web player, and the phone app's web build
 * (which sends with it too). Plays received video with as little buffering as the browser allows.
 */
export class BrowserPeer
  implements ViewerPeer<MediaHandle<MediaStream>>, BroadcastPeer<MediaHandle<MediaStream>>
{
  private readonly pc: RTCPeerConnection;
  private pending: RTCIceCandidateInit[] = [];
  private senders: RTCRtpSender[] = [];

  constructor(iceServers: RTCIceServer[]) {
    this.pc = new RTCPeerConnection({ iceServers });
  }
  /** Sends the camera and microphone, video with the plan's encodings and codec first. */
  addLocal(local: MediaHandle<MediaStream>, plan: VideoSendPlan) {
    this.senders.push(...sendLocalMedia(this.pc, local.native, plan));
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
  onRemote(cb: (m: MediaHandle<MediaStream>) => void) {
    this.pc.ontrack = (e) => {
      // Latency matters more than smoothness here: play out as soon as the browser can.
      const receiver = e.receiver as unknown as { jitterBufferTarget?: number; playoutDelayHint?: number };
      receiver.jitterBufferTarget = 0;
      receiver.playoutDelayHint = 0;
      cb({ native: e.streams[0] ?? new MediaStream([e.track]) });
    };
  }
  onState(cb: (s: PeerState) => void) {
    this.pc.onconnectionstatechange = () => {
      const s = this.pc.connectionState;
      cb(s === 'connected' ? 'connected' : s === 'failed' ? 'failed' : 'other');
    };
  }
  async videoStats(): Promise<VideoStats> {
    const reports: { type: string }[] = [];
    (await this.pc.getStats()).forEach((s: { type: string }) => {
      reports.push(s);
    });
    return videoStatsFrom(reports);
  }
  /** The worst loss and round trip the receivers of what this connection sends report. */
  async uplinkStats(): Promise<UplinkStats> {
    const worst = { fractionLost: 0, roundTripTime: 0 };
    (await this.pc.getStats()).forEach(
      (s: { type: string; fractionLost?: number; roundTripTime?: number }) => {
        if (s.type !== 'remote-inbound-rtp') return;
        worst.fractionLost = Math.max(worst.fractionLost, s.fractionLost ?? 0);
        worst.roundTripTime = Math.max(worst.roundTripTime, s.roundTripTime ?? 0);
      },
    );
    return worst;
  }
  close() {
    this.pc.close();
  }
}
