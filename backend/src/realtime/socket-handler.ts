import { randomUUID } from 'node:crypto';
import {
  type Ack,
  type ClientAckResult,
  type ClientEventName,
  type ClientToServerEvents,
  clientEvents,
  type InterServerEvents,
  type ServerToClientEvents,
  type SocketData,
} from '@airwave/shared';
import type { Server, Socket } from 'socket.io';
import type { z } from 'zod';
import { asAppError, parseInput } from '../core/app-error.ts';
import type { Logger } from '../logger.ts';
import { reportError } from '../platform/error-reporting.ts';

export type AirwaveServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type AirwaveSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** The payload a handler of event `E` gets: what the contract's schema gave back (defaults applied). */
export type EventInput<E extends ClientEventName> = z.output<(typeof clientEvents)[E]['payload']>;

/** What handles client event `E`: the socket it came on, its validated payload, a logger naming it. */
export type EventHandler<E extends ClientEventName> = (
  socket: AirwaveSocket,
  payload: EventInput<E>,
  log: Logger,
) => Promise<ClientAckResult<E>>;

/**
 * A feature's client events, declared once per server (not once per connection: a connection costs
 * no closure per event, and an audience is mostly idle connections).
 */
export type EventHandlers = { [E in ClientEventName]?: EventHandler<E> };

/**
 * Answers one client→server event: the payload is validated against the event's schema in the
 * contract (`clientEvents`), the handler's answer is typed by its ack schema, the answer is always an
 * ack ({ ok: true, ... } or { ok: false, error }), and no error escapes to crash the node. Each
 * handling gets a logger of its own that names the event id, the socket and the user, like a REST
 * request's id, so every line one event causes can be found together.
 */
export async function answerEvent<E extends ClientEventName>(
  socket: AirwaveSocket,
  logger: Logger,
  event: E,
  handle: EventHandler<E>,
  payload: unknown,
  ack: ((reply: unknown) => void) | undefined,
) {
  const reply: (r: Ack<ClientAckResult<E>>) => void = ack ?? (() => {});
  const context = {
    eventId: randomUUID(),
    event,
    socketId: socket.id,
    userId: socket.data.principal?.userId,
  };
  const log = logger.child(context);
  try {
    // The schema is the map's entry for `event`, so its output is EventInput<E>; TypeScript widens a
    // generic lookup to the union of every entry and cannot see that itself.
    const input = parseInput(clientEvents[event].payload, payload, `${event} payload`) as EventInput<E>;
    reply({ ok: true, ...(await handle(socket, input, log)) });
    log.debug('socket event handled');
  } catch (err) {
    const known = asAppError(err);
    if (known) {
      log.debug({ code: known.code }, 'socket event refused');
      // Like REST: a 5xx raised on purpose (the database away) is reported; refusals never are.
      if (known.serverFault) reportError(err, context);
      reply({ ok: false, error: { code: known.code, message: known.message, details: known.details } });
      return;
    }
    log.error({ err }, 'socket handler failed');
    reportError(err, context);
    reply({ ok: false, error: { code: 'INTERNAL', message: 'Something went wrong on our side.' } });
  }
}
