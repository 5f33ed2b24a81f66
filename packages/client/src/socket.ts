import type { Ack, ClientToServerEvents, ServerToClientEvents } from '@airwave/shared';
import type { Socket } from 'socket.io-client';

export type AirwaveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

type AckOf<E extends keyof ClientToServerEvents> = Parameters<ClientToServerEvents[E]>[1] extends (
  r: infer R,
) => void
  ? R
  : never;

/** Emits with an ack and a timeout, so a dead connection surfaces as an error, not a hang. */
export function emitWithAck<E extends keyof ClientToServerEvents>(
  socket: AirwaveSocket,
  event: E,
  payload: Parameters<ClientToServerEvents[E]>[0],
  timeoutMs = 10_000,
): Promise<AckOf<E>> {
  return new Promise((resolve) => {
    const timed = socket.timeout(timeoutMs);
    // The typed emitter cannot express "any event of the map" generically; the cast stays here.
    const emit = timed.emit as unknown as (
      ev: string,
      p: unknown,
      cb: (err: Error | null, r: unknown) => void,
    ) => void;
    emit.call(timed, String(event), payload, (err, response) => {
      if (err) {
        resolve({
          ok: false,
          error: { code: 'SERVICE_UNAVAILABLE', message: 'No answer from the server.' },
        } as Ack<never> as AckOf<E>);
      } else resolve(response as AckOf<E>);
    });
  });
}
