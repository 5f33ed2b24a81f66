/**
 * The bare baseline of the Socket.IO benches: plain Socket.IO 4 whose `join` joins a room and whose
 * `send` broadcasts a ChatMessage-shaped object to it (about the same bytes on the wire as Airwave's),
 * and, with BASELINE_REDIS, the same Redis streams adapter Airwave uses across nodes. Prints
 * `{"baselineListening":<port>}` once it listens. Started by socket-bench.ts as built JavaScript.
 */
import { createServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';

const httpServer = createServer();
const server = new Server(httpServer, { maxHttpBufferSize: 64 * 1024 });
const redisUrl = process.env.BASELINE_REDIS;
if (redisUrl) server.adapter(createAdapter(new Redis(redisUrl), { streamName: process.env.BASELINE_STREAM }));

let nextId = 1;
server.on('connection', (socket) => {
  socket.on('join', (payload: { streamId: string }, ack: (r: unknown) => void) => {
    void socket.join(`stream:${payload.streamId}`);
    ack({ ok: true });
  });
  socket.on('send', (payload: { streamId: string; text: string }, ack: (r: unknown) => void) => {
    const message = {
      id: nextId++,
      streamId: payload.streamId,
      text: payload.text,
      createdAt: new Date().toISOString(),
      author: { id: '00000000-0000-4000-8000-000000000000', nickname: 'bench_streamer', badge: 'streamer' },
    };
    server.to(`stream:${payload.streamId}`).emit('receive-message', message);
    ack({ ok: true, message });
  });
});
httpServer.listen(0, '127.0.0.1', () => {
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  console.log(JSON.stringify({ baselineListening: port }));
});
process.on('SIGTERM', () => {
  void server.close();
  process.exit(0);
});
