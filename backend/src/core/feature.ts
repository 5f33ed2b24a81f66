import type { Router } from 'express';
import type { AirwaveServer, AirwaveSocket, EventHandlers } from '../realtime/socket-handler.ts';

/** What a feature gets once the socket server exists. */
export interface SocketHost {
  io: AirwaveServer;
  /** The feature's client events, declared once for the server (a connection holds no handler). */
  addEvents(handlers: EventHandlers): void;
  /** Called for each closed connection, after it left its rooms. */
  onDeparture(depart: (socket: AirwaveSocket) => void): void;
}

export type Mounts = Array<[prefix: string, router: Router]>;

/** One feature folder's part in the app; `createAirwave` only collects these. */
export interface Feature {
  /** Mounted under /api. Features that share a prefix are chained under one mount, in feature order. */
  routes?: Mounts;
  /** Routers that read the raw body themselves (signed webhooks), mounted before the JSON parser. */
  rawRoutes?: Mounts;
  /** Socket handlers and the bus listeners that fan out to sockets. */
  registerSocket?(host: SocketHost): void;
  /** Timers off, before the sockets close. */
  stop?(): void;
  /** Connections to outside services closed, after the sockets are. */
  close?(): Promise<void>;
}

/** Checks a feature's parts against `Feature` and keeps the rest it exposes (its services). */
export const defineFeature = <T extends Feature>(parts: T): T => parts;
