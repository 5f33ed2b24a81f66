import type {
  Ack,
  AckCallback,
  ClientToServerEvents,
  InterServerEvents,
  ServerToClientEvents,
  SocketData,
} from '@airwave/shared';
import type { Server, Socket } from 'socket.io';
import type { z } from 'zod';
import { asAppError, parseInput } from '../http/errors.ts';
import type { Logger } from '../logger.ts';

export type AirwaveServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type AirwaveSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

type AckPayload<E extends keyof ClientToServerEvents> =
  Parameters<ClientToServerEvents[E]>[1] extends AckCallback<infer T> ? T : never;

/**
 * Registers a client→server event: the payload is validated against the contract, the answer is
 * always an ack ({ ok: true, ... } or { ok: false, error }), and no error escapes to crash the node.
 */
export function onEvent<E extends keyof ClientToServerEvents, S extends z.ZodType>(
  socket: AirwaveSocket,
  logger: Logger,
  event: E,
  schema: S,
  handle: (payload: z.output<S>) => Promise<AckPayload<E>>,
) {
  const listener = async (payload: unknown, ack: unknown) => {
    const reply = typeof ack === 'function' ? (ack as (r: Ack<AckPayload<E>>) => void) : () => {};
    try {
      const input = parseInput(schema, payload, `${String(event)} payload`);
      reply({ ok: true, ...(await handle(input)) });
    } catch (err) {
      const known = asAppError(err);
      if (known) {
        reply({ ok: false, error: { code: known.code, message: known.message, details: known.details } });
        return;
      }
      logger.error({ err, event }, 'socket handler failed');
      reply({ ok: false, error: { code: 'INTERNAL', message: 'Something went wrong on our side.' } });
    }
  };
  // Socket.IO's typed `on` cannot express "validated unknown payload"; the cast is confined here.
  (socket.on as (ev: string, fn: (...args: unknown[]) => void) => void)(String(event), listener);
}
