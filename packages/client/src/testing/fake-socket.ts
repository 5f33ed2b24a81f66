import type { ClientToServerEvents, ServerToClientEvents } from '@airwave/shared';
import type { AirwaveSocket } from '../socket.ts';

type Payload<E extends keyof ClientToServerEvents> = Parameters<ClientToServerEvents[E]>[0];
type AckOf<E extends keyof ClientToServerEvents> = Parameters<ClientToServerEvents[E]>[1] extends (
  r: infer R,
) => void
  ? R
  : never;

/** One event the client sent, typed by the contract. */
export type Sent = {
  [E in keyof ClientToServerEvents]: { event: E; payload: Payload<E> };
}[keyof ClientToServerEvents];

/** How the fake server answers each event; an event left out is answered `{ ok: true }`. */
export type Answers = { [E in keyof ClientToServerEvents]?: (payload: Payload<E>) => AckOf<E> };

/**
 * A socket typed by the contract: records what the client sends, answers acks as `answers` say,
 * and lets the test play the server (events, a disconnect, a reconnect recovered or not).
 */
export function fakeSocket(answers: Answers = {}) {
  const sent: Sent[] = [];
  const handlers = new Map<string, Set<(p: unknown) => void>>();
  const fire = (event: string, payload?: unknown) => {
    for (const fn of [...(handlers.get(event) ?? [])]) fn(payload);
  };
  const send = (event: keyof ClientToServerEvents, payload: unknown) => {
    sent.push({ event, payload } as Sent);
    const answer = answers[event] as ((p: unknown) => unknown) | undefined;
    return answer ? answer(payload) : { ok: true };
  };
  const socket = {
    connected: true,
    recovered: false,
    on(event: string, fn: (p: unknown) => void) {
      if (!handlers.has(event)) handlers.set(event, new Set());
      handlers.get(event)?.add(fn);
    },
    off(event: string, fn: (p: unknown) => void) {
      handlers.get(event)?.delete(fn);
    },
    emit(event: keyof ClientToServerEvents, payload: unknown, cb?: (r: unknown) => void) {
      cb?.(send(event, payload));
    },
    timeout: () => ({
      emit(event: keyof ClientToServerEvents, payload: unknown, cb: (err: null, r: unknown) => void) {
        cb(null, send(event, payload));
      },
    }),
  };
  return {
    socket: socket as unknown as AirwaveSocket,
    sent,
    /** What the client sent of one event, in order. */
    payloads<E extends keyof ClientToServerEvents>(event: E): Payload<E>[] {
      return sent.filter((s) => s.event === event).map((s) => s.payload as Payload<E>);
    },
    serverEmit<E extends keyof ServerToClientEvents>(
      event: E,
      payload: Parameters<ServerToClientEvents[E]>[0],
    ) {
      fire(event, payload);
    },
    disconnect() {
      socket.connected = false;
      fire('disconnect', 'transport close');
    },
    /** Connects again; `recovered` says whether Socket.IO restored the session (rooms and missed events). */
    reconnect(recovered: boolean) {
      socket.connected = true;
      socket.recovered = recovered;
      fire('connect');
    },
  };
}
