import { DEFAULT_P2P_UPLINK_KBPS } from '@airwave/client';
import type { IceServersResponse, RtcSignal } from '@airwave/shared';
import { apiRequest } from './api.ts';

export type MediaConfig = { iceServers: RTCIceServer[]; p2pUplinkKbps: number };

/** STUN/TURN for this browser and the P2P upload budget; no servers and the default budget when the call fails. */
export async function fetchMediaConfig(token: string | null): Promise<MediaConfig> {
  try {
    return await apiRequest<IceServersResponse>('GET', '/api/rtc/ice-servers', { token });
  } catch {
    return { iceServers: [], p2pUplinkKbps: DEFAULT_P2P_UPLINK_KBPS };
  }
}

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

/** A fresh key per intended operation; repeated on retries of that same operation. */
export const newIdempotencyKey = () => crypto.randomUUID().replaceAll('-', '');

/** A relayed signaling message as a client receives it. */
export type SignalEvent = { streamId: string; peerId: string; signal: RtcSignal };
