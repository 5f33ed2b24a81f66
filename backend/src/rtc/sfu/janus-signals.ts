import type { RtcSignal } from '@airwave/shared';
import type { JanusCandidate, Jsep, TrickleEvent } from 'janode';
import type { VideoRoomHandle } from 'janode/plugins/videoroom';
import { AppError } from '../../core/app-error.ts';

/** Janus's JSEP and trickle events as Airwave's rtc-signal payloads, and back. */
export const describe = (jsep: Jsep): RtcSignal => ({ description: { type: jsep.type, sdp: jsep.sdp } });

export const candidateSignal = (e: TrickleEvent): RtcSignal => ({
  candidate:
    e.completed || !e.candidate
      ? null
      : { candidate: e.candidate, sdpMid: e.sdpMid ?? null, sdpMLineIndex: e.sdpMLineIndex ?? null },
});

export const toJanusCandidate = (signal: { candidate: JanusCandidate | null }): JanusCandidate | null =>
  signal.candidate?.candidate
    ? {
        candidate: signal.candidate.candidate,
        sdpMid: signal.candidate.sdpMid,
        sdpMLineIndex: signal.candidate.sdpMLineIndex,
      }
    : null; // null, or an empty candidate string: the end of candidates

/** Frees a handle; one on a lost Janus is gone already. */
export const detach = (handle: Promise<VideoRoomHandle | undefined>) =>
  void handle.then((h) => h?.detach()).catch(() => {});

/**
 * Janus refused a request: its 4xx answers are about what the client sent (an SDP it cannot use);
 * anything else (connection lost mid-call, Redis away) means the media path is not there right now.
 */
export function refusal(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const code = (err as { _code?: unknown })._code;
  const reason = err instanceof Error ? err.message : String(err);
  if (typeof code === 'number' && code >= 400 && code < 500) {
    return new AppError('VALIDATION_FAILED', `The media server refused this description (${reason}).`);
  }
  return new AppError('SERVICE_UNAVAILABLE', 'The media server is not reachable right now; try again.', {
    retryAfterSeconds: 2,
  });
}
