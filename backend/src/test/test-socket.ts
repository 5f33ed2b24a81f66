import type { Ack, ClientToServerEvents, ServerToClientEvents } from '@airwave/shared';
import { io, type Socket } from 'socket.io-client';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

type AckOf<E extends keyof ClientToServerEvents> = Parameters<ClientToServerEvents[E]>[1] extends (
  r: infer R,
) => void
  ? R
  : never;
type PayloadOf<E extends keyof ClientToServerEvents> = Parameters<ClientToServerEvents[E]>[0];

const open: TestSocket[] = [];

/** A real Socket.IO client over loopback websocket; resolves once connected (or rejects with the refusal). */
export async function connectSocket(
  url: string,
  auth: { token?: string; viewerKey?: string } = {},
  options: {
    reconnection?: boolean;
    transports?: Array<'websocket' | 'polling'>;
    /** Request headers (a forged Origin, an X-Forwarded-For from a "proxy"). */
    headers?: Record<string, string>;
    /** Called before the connection opens, so no early event is missed. */
    listen?: (socket: TestSocket) => void;
  } = {},
): Promise<TestSocket> {
  const socket: TestSocket = io(url, {
    auth,
    transports: options.transports ?? ['websocket'],
    reconnection: options.reconnection ?? false,
    forceNew: true,
    extraHeaders: options.headers,
  });
  open.push(socket);
  options.listen?.(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
  return socket;
}

/**
 * An anonymous client as the apps are: it presents the key it kept (if any) and keeps the one the
 * server issues when it had none (or a key the server did not sign).
 */
export async function connectAnonymous(
  url: string,
  viewerKey?: string,
  options: Parameters<typeof connectSocket>[2] = {},
): Promise<{ socket: TestSocket; issued: Promise<string> }> {
  let resolveIssued: (key: string) => void = () => {};
  const issued = new Promise<string>((resolve) => {
    resolveIssued = resolve;
  });
  const socket = await connectSocket(
    url,
    { viewerKey },
    {
      ...options,
      listen: (s) => {
        s.on('viewer-key', ({ viewerKey: key }) => resolveIssued(key));
        options.listen?.(s);
      },
    },
  );
  return { socket, issued };
}

/** Emits an event and waits for its ack (rejects after a timeout so a broken server cannot hang a test). */
export function emitAck<E extends keyof ClientToServerEvents>(
  socket: TestSocket,
  event: E,
  payload: PayloadOf<E> | unknown,
): Promise<AckOf<E>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ack for ${String(event)} within 5 s`)), 5000);
    const emit = socket.emit as unknown as (ev: string, p: unknown, cb: (r: unknown) => void) => void;
    emit.call(socket, String(event), payload, (response: unknown) => {
      clearTimeout(timer);
      resolve(response as AckOf<E>);
    });
  });
}

/** Unwraps an ok ack, failing the test with the error otherwise. */
export async function ok<E extends keyof ClientToServerEvents>(
  socket: TestSocket,
  event: E,
  payload: PayloadOf<E>,
): Promise<Extract<AckOf<E>, { ok: true }>> {
  const res = (await emitAck(socket, event, payload)) as Ack<object>;
  if (!res.ok) throw new Error(`${String(event)} failed: ${res.error.code} ${res.error.message}`);
  return res as Extract<AckOf<E>, { ok: true }>;
}

/** The next `event` on this socket, optionally the first that matches; rejects after `ms`. */
export function nextEvent<E extends keyof ServerToClientEvents>(
  socket: TestSocket,
  event: E,
  match: (...args: Parameters<ServerToClientEvents[E]>) => boolean = () => true,
  ms = 5000,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const on = socket.on as unknown as (ev: string, fn: (...a: unknown[]) => void) => void;
    const off = socket.off as unknown as (ev: string, fn: (...a: unknown[]) => void) => void;
    const listener = (...args: unknown[]) => {
      if (!match(...(args as Parameters<ServerToClientEvents[E]>))) return;
      clearTimeout(timer);
      off.call(socket, String(event), listener);
      resolve(args[0] as Parameters<ServerToClientEvents[E]>[0]);
    };
    const timer = setTimeout(() => {
      off.call(socket, String(event), listener);
      reject(new Error(`no ${String(event)} within ${ms} ms`));
    }, ms);
    on.call(socket, String(event), listener);
  });
}

export function closeAllSockets() {
  for (const s of open.splice(0)) s.disconnect();
}
