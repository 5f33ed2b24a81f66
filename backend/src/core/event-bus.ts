import type { Stream, StreamEndedReason } from '@airwave/shared';
import type { RevokedTarget, RevokeReason } from '../auth/auth.service.ts';

/** The signals one feature sends and others act on, inside one process. */
export interface AppEvents {
  /** Sessions ended (logout, ban, password change): their sockets are cut, on every node. */
  'session.revoked': { target: RevokedTarget; reason: RevokeReason };
  /** A user's role or nickname moved: their open sockets act with the new one. */
  'principal.changed': { userId: string };
  'stream.updated': { stream: Stream };
  'stream.ended': { streamId: string; reason: StreamEndedReason };
  /** A committed transaction moved the user's coins or beans. */
  'wallet.changed': { userId: string };
}

type Listener<T> = (payload: T) => void;

/**
 * Synchronous delivery, in subscription order, so an emitter knows every listener has run when
 * `emit` returns. A listener that throws is logged; the emitter and the other listeners go on.
 * In-process only: what must reach other nodes goes through Socket.IO's adapter, as before.
 */
export function createEventBus<Events extends object = AppEvents>(
  onListenerError: (err: unknown, event: keyof Events) => void,
) {
  const listeners = new Map<keyof Events, Set<Listener<never>>>();
  return {
    on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): () => void {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => void set.delete(listener);
    },
    emit<K extends keyof Events>(event: K, payload: Events[K]): void {
      // A copy: a listener may unsubscribe (itself or another) while the event is delivered.
      for (const listener of [...(listeners.get(event) ?? [])] as Array<Listener<Events[K]>>) {
        try {
          listener(payload);
        } catch (err) {
          onListenerError(err, event);
        }
      }
    },
  };
}

export type EventBus = ReturnType<typeof createEventBus<AppEvents>>;
