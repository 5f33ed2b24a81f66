import type { ApiRoutes } from '@airwave/shared';
import type { Handlers } from '../http/register-routes.ts';
import type { AirwaveServer, AirwaveSocket, EventHandlers } from '../realtime/socket-handler.ts';

/** What a feature gets once the socket server exists. */
export interface SocketHost {
  io: AirwaveServer;
  /** The feature's client events, declared once for the server (a connection holds no handler). */
  addEvents(handlers: EventHandlers): void;
  /** Called for each closed connection, after it left its rooms. */
  onDeparture(depart: (socket: AirwaveSocket) => void): void;
}

/** One feature folder's part in the app; `createAirwave` only collects these. */
export interface Feature {
  /** Its handlers of the route table's routes (`packages/shared/src/routes`); each route has one. */
  routes?: Partial<Handlers<ApiRoutes>>;
  /** Socket handlers and the bus listeners that fan out to sockets. */
  registerSocket?(host: SocketHost): void;
  /** Timers off, before the sockets close. */
  stop?(): void;
  /** Connections to outside services closed, after the sockets are. */
  close?(): Promise<void>;
}

/** Checks a feature's parts against `Feature` and keeps the rest it exposes (its services). */
export const defineFeature = <T extends Feature>(parts: T): T => parts;
