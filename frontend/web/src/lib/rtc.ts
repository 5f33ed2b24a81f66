import type { RtcSignal } from '@airwave/shared';

/** Candidates that arrive before the remote description are held until it is set. */
export function candidateQueue(pc: RTCPeerConnection) {
  const pending: RTCIceCandidateInit[] = [];
  return {
    async add(candidate: RTCIceCandidateInit | null) {
      if (!candidate) return;
      if (pc.remoteDescription) await pc.addIceCandidate(candidate).catch(() => undefined);
      else pending.push(candidate);
    },
    async flush() {
      for (const c of pending.splice(0)) await pc.addIceCandidate(c).catch(() => undefined);
    },
  };
}

export function toSignalCandidate(c: RTCIceCandidate | null): RtcSignal {
  return {
    candidate: c
      ? (c.toJSON() as { candidate: string; sdpMid?: string | null; sdpMLineIndex?: number | null })
      : null,
  };
}

/** A relayed signaling message as a client receives it. */
export type SignalEvent = { streamId: string; peerId: string; signal: RtcSignal };
