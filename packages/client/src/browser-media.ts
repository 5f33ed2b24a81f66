import { preferCodec, type VideoSendPlan, withMaxBitrate } from './media.ts';

/**
 * The browser's side of a media plan (the web app, and the mobile app's web build): sends the
 * camera and microphone on a new connection, video with the plan's encodings and codec first.
 */
export function sendLocalMedia(
  pc: RTCPeerConnection,
  local: MediaStream,
  plan: VideoSendPlan,
): RTCRtpSender[] {
  return local.getTracks().map((track) => {
    const video = track.kind === 'video';
    const transceiver = pc.addTransceiver(track, {
      direction: 'sendonly',
      streams: [local],
      ...(video ? { sendEncodings: plan.encodings } : {}),
    });
    const codecs = RTCRtpReceiver.getCapabilities?.('video')?.codecs;
    if (video && plan.codec && codecs && transceiver.setCodecPreferences) {
      // A browser without the codec keeps its own order rather than failing the publication.
      try {
        transceiver.setCodecPreferences(preferCodec(codecs, plan.codec));
      } catch {}
    }
    return transceiver.sender;
  });
}

/** Caps the video of these senders at `maxBitrate` without renegotiating (the P2P upload budget). */
export async function capVideo(senders: readonly RTCRtpSender[], maxBitrate: number) {
  for (const sender of senders) {
    if (sender.track?.kind !== 'video') continue;
    const params = sender.getParameters();
    params.encodings = withMaxBitrate(params.encodings, maxBitrate);
    await sender.setParameters(params);
  }
}
