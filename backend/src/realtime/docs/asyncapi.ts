import { clientEvents, serverEvents } from '@airwave/shared';
import { errorAckSchema, errorBodySchema, jsonSchema, okAckSchema } from './event-schemas.ts';
import type { RealtimeFacts } from './realtime-facts.ts';

const SCHEMA_FORMAT = 'application/schema+json;version=draft-07';
const ERROR_REF = '#/components/schemas/Error';
const CHANNEL = '#/channels/socket';

const message = (name: string, summary: string, payload: Record<string, unknown>) => ({
  name,
  summary,
  contentType: 'application/json',
  payload: { schemaFormat: SCHEMA_FORMAT, schema: payload },
});

/**
 * The realtime API as an AsyncAPI 3.0 document describing the server: it receives every client
 * event (and replies with its ack) and sends every server event, all over one Socket.IO namespace.
 * Socket.IO framing (acks, the recovery offset) has no AsyncAPI binding; `description` and
 * `/api/docs/realtime` spell it out.
 */
export function asyncApiDocument(facts: RealtimeFacts, server: { host: string; secure: boolean }) {
  const messages: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  for (const [event, { doc, payload, ack }] of Object.entries(clientEvents)) {
    messages[event] = message(event, doc, jsonSchema(payload, 'input'));
    messages[`${event}.ack`] = message(`${event} ack`, `The acknowledgement of ${event}.`, {
      oneOf: [okAckSchema(ack), errorAckSchema(ERROR_REF)],
    });
    operations[event] = {
      action: 'receive',
      summary: doc,
      channel: { $ref: CHANNEL },
      messages: [{ $ref: `${CHANNEL}/messages/${event}` }],
      reply: { channel: { $ref: CHANNEL }, messages: [{ $ref: `${CHANNEL}/messages/${event}.ack` }] },
      'x-points': facts.eventCost[event as keyof typeof facts.eventCost],
    };
  }
  for (const [event, { doc, payload }] of Object.entries(serverEvents)) {
    // `rtc-signal` goes both ways: the server's copy gets its own key.
    const key = event in clientEvents ? `${event}.relayed` : event;
    messages[key] = message(event, doc, jsonSchema(payload, 'output'));
    operations[key] = {
      action: 'send',
      summary: doc,
      channel: { $ref: CHANNEL },
      messages: [{ $ref: `${CHANNEL}/messages/${key}` }],
    };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Airwave realtime API',
      version: '1',
      description:
        'Socket.IO v5 (Engine.IO v4) at path ' +
        `${facts.path}. Connect with auth { token?, viewerKey? }. Every client event takes an ` +
        'acknowledgement answering { ok: true, ... } or { ok: false, error }. Every broadcast to a room ' +
        'carries one more argument after its payload: the connection-state-recovery offset; send it ' +
        'back with the session pid in auth { pid, offset } when reconnecting. See /api/docs/realtime.',
    },
    servers: {
      airwave: {
        host: server.host,
        protocol: server.secure ? 'wss' : 'ws',
        pathname: facts.path,
        description: 'Socket.IO over WebSocket (HTTP long-polling works too, at the same path).',
      },
    },
    defaultContentType: 'application/json',
    channels: {
      socket: {
        address: '/',
        title: 'The default Socket.IO namespace',
        servers: [{ $ref: '#/servers/airwave' }],
        messages,
      },
    },
    operations,
    components: { schemas: { Error: errorBodySchema() } },
  };
}
