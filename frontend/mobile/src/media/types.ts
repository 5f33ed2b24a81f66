import type { VideoSendPlan } from '@airwave/client';

/**
 * The one small media interface the screens use. `platform.ts` implements it with
 * react-native-webrtc on iOS/Android, `platform.web.ts` with the browser's WebRTC.
 */
export type IceCandidateInit = {
  candidate: string;
  sdpMid?: string | null;
  sdpMLineIndex?: number | null;
};
export type Description = { type: 'offer' | 'answer'; sdp: string };

/** A stream to show in a VideoView: the platform's own MediaStream, kept opaque to the screens. */
export interface MediaHandle {
  readonly native: unknown;
}

export interface Peer {
  /** Sends the camera and microphone, video with the plan's encodings (simulcast to the SFU) and codec first. */
  addLocal(media: LocalMedia, video: VideoSendPlan): void;
  /** Caps the video this connection sends, without renegotiating (the P2P upload budget). */
  capVideo(maxBitrate: number): Promise<void>;
  createOffer(): Promise<Description>;
  createAnswer(): Promise<Description>;
  setRemote(d: Description): Promise<void>;
  /** Candidates that arrive before the remote description are held until it is set. */
  addCandidate(c: IceCandidateInit | null): Promise<void>;
  onCandidate(cb: (c: IceCandidateInit | null) => void): void;
  onRemote(cb: (media: MediaHandle) => void): void;
  onState(cb: (state: 'connected' | 'failed' | 'other') => void): void;
  close(): void;
}

export interface LocalMedia extends MediaHandle {
  readonly facing: Facing;
  setMuted(muted: boolean): void;
  /** Stops sending video (the app went to the background) without tearing connections down. */
  setVideoPaused(paused: boolean): void;
  /** Swaps front/back; peers already sending get the new track without renegotiation. */
  switchCamera(): Promise<void>;
  stop(): void;
}

export type Facing = 'user' | 'environment';
export type Permission = 'granted' | 'denied' | 'undetermined';

export interface MediaPlatform {
  createPeer(iceServers: { urls: string[]; username?: string; credential?: string }[]): Peer;
  /** What the OS/browser says now, without prompting. */
  permission(): Promise<Permission>;
  /** Prompts (once) for camera and microphone. */
  requestPermission(): Promise<Permission>;
  openCamera(facing: Facing): Promise<LocalMedia>;
  /** Where the user can change a denied permission (device settings), if the platform has one. */
  openSettings?(): void;
}
