import {
  type ChatMessage,
  type ClientAckResult,
  type ClientEvent,
  type ClientPayload,
  clientEvents,
  type GiftEvent,
  SendMessagePayload,
} from '@airwave/shared';
import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import type { TestSocket } from '../test/test-socket.ts';
import type { AirwaveServer, EventHandlers, EventInput } from './socket-handler.ts';

/**
 * The socket contract is enforced by the compiler: `npm run typecheck` fails when a line marked
 * `@ts-expect-error` below compiles (the mistake it shows would go through) as much as when the
 * correct lines do not. The functions are never called; the compiler is what runs them.
 */
declare const io: AirwaveServer;
declare const client: TestSocket;
declare const message: ChatMessage;
declare const gift: GiftEvent;

export function serverHandlers(): EventHandlers[] {
  return [
    {
      // Right: the payload and the ack are the event's own.
      'send-gift': async (_socket, payload) => {
        expectTypeOf(payload.count).toEqualTypeOf<number>();
        return { gift, coins: 1 };
      },
    },
    {
      // @ts-expect-error a handler written for another event's payload
      'send-gift': async (_socket, payload: SendMessagePayload) => ({ gift, coins: payload.text.length }),
    },
    {
      // @ts-expect-error the ack of another event
      'send-gift': async () => ({ message }),
    },
    {
      // @ts-expect-error an event the contract does not have
      'send-gifts': async () => ({}),
    },
  ];
}

export function mapEntries() {
  // @ts-expect-error an event's schema is exactly the one in the map: another event's does not fit
  const wrong: (typeof clientEvents)['send-gift']['payload'] = SendMessagePayload;
  // @ts-expect-error an ack must be an object, so `{ ok: true, ...result }` can be built
  const notAnObject = { doc: '', payload: z.object({}), ack: z.string() } satisfies ClientEvent;
  return [wrong, notAnObject];
}

export function emitsBothWays() {
  client.emit('send-message', { streamId: 's', text: 'hi' }, (res) => {
    if (res.ok) expectTypeOf(res.message).toEqualTypeOf<ChatMessage>();
  });
  // @ts-expect-error a client sending the payload of another event
  client.emit('send-gift', { streamId: 's', text: 'hi' }, () => {});
  client.emit('join-stream', { streamId: 's' }, (res) => {
    // @ts-expect-error reading an ack field the event does not answer with
    if (res.ok) return res.gift;
  });
  io.to('room').emit('receive-gift', gift);
  // @ts-expect-error the server broadcasting a payload of the wrong event
  io.to('room').emit('receive-gift', message);
}

describe('socket contract types', () => {
  it('gives handlers the parsed payload (defaults applied) and clients the raw one', () => {
    expectTypeOf<EventInput<'send-gift'>['count']>().toEqualTypeOf<number>();
    expectTypeOf<ClientPayload<'send-gift'>['count']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<ClientAckResult<'send-message'>>().toEqualTypeOf<{ message: ChatMessage }>();
    expectTypeOf(clientEvents['send-message'].payload).toEqualTypeOf(SendMessagePayload);
  });
});
