import type {
  BroadcastPeer,
  MediaPlatform as CoreMediaPlatform,
  Description,
  IceCandidateInit,
  MediaHandle,
  ViewerPeer,
} from '@airwave/client';

export type { Description, IceCandidateInit, MediaHandle };

/**
 * The one small media interface the screens use. `platform.ts` implements it with
 * react-native-webrtc on iOS/Android, `platform.web.ts` with the browser's WebRTC. Receiving is the
 * shared viewer core's `ViewerPeer`, sending the shared broadcaster's `BroadcastPeer`.
 */
export interface Peer extends ViewerPeer<MediaHandle>, BroadcastPeer<LocalMedia> {}

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

/** The shared cores' platform, with what the screens need besides: permissions and the camera. */
export interface MediaPlatform extends CoreMediaPlatform<Peer> {
  /** What the OS/browser says now, without prompting. */
  permission(): Promise<Permission>;
  /** Prompts (once) for camera and microphone. */
  requestPermission(): Promise<Permission>;
  openCamera(facing: Facing): Promise<LocalMedia>;
  /** Where the user can change a denied permission (device settings), if the platform has one. */
  openSettings?(): void;
}
