/**
 * Many rooms at once: BENCH_SOCKETS anonymous viewers spread over BENCH_ROOMS live streams, every
 * streamer chatting at BENCH_ROOM_RATE msg/s. Measures the server's memory per socket, its event-loop
 * delay (p99, over the measured sends) and the chat delivery latency (send → a viewer's handler),
 * on one node and on two nodes behind Redis (viewers alternate between the nodes, so half of every
 * room's deliveries cross Redis). Next to bare Socket.IO 4 servers (bare-socket-server.ts), one node and two nodes
 * on the same Redis streams adapter Airwave uses, with the same clients at the same rate. Both run as
 * built JavaScript, as production runs.
 *
 *   npm run bench:many-rooms   (BENCH_SOCKETS=10000 BENCH_ROOMS=50 BENCH_ROOM_RATE=1 BENCH_SECONDS=10
 *                               BENCH_PG=postgres://postgres@127.0.0.1:5432/test REDIS=redis://127.0.0.1:6379)
 *
 * One node runs on the embedded database (PGlite, the default); two nodes need a shared database, so
 * they run on a fresh database on BENCH_PG. Both servers' nodes run in child processes; all clients
 * run here (one clock for the latency).
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Socket } from 'socket.io-client';
import { type Child, sleep, stopChild } from './child-process.ts';
import { withFreshDatabase } from './fresh-database.ts';
import {
  AIRWAVE,
  BASELINE,
  connect,
  emitAck,
  type LoopDelay,
  liveStream,
  loopDelayOf,
  memoryOf,
  type Protocol,
  percentile,
  startAirwaveNode,
  startBareNode,
} from './socket-bench.ts';

const SOCKETS = Number(process.env.BENCH_SOCKETS ?? 10_000);
const ROOMS = Number(process.env.BENCH_ROOMS ?? 50);
const ROOM_RATE = Number(process.env.BENCH_ROOM_RATE ?? 1);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECT_BATCH = Number(process.env.BENCH_CONNECT_BATCH ?? 200);
const PG_SERVER = process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.REDIS ?? 'redis://127.0.0.1:6379';
const DRAIN_MS = 30_000;

// ---------------------------------------------------------------------------------------------------
// One measured run.

interface Node {
  child: Child;
  url: string;
}

interface Room {
  streamId: string;
  /** The socket that sends the room's chat (the streamer on Airwave). */
  sender: Socket;
}

interface Measured {
  nodes: number;
  sockets: number;
  connectSeconds: number;
  /** Summed over the nodes, per connected socket, after a full GC. */
  heapPerSocket: number;
  /** Summed over the nodes, with every viewer connected (per socket it is noise: GC returns pages). */
  rssAfter: number;
  /** The worst node's event-loop delay over the measured sends. */
  loopDelay: LoopDelay;
  expectedDeliveries: number;
  deliveries: number;
  missing: number;
  sendErrors: number;
  deliveriesPerSecond: number;
  p50: number;
  p99: number;
  max: number;
}

async function measure(name: string, nodes: Node[], rooms: Room[], proto: Protocol): Promise<Measured> {
  const before = await Promise.all(nodes.map((n) => memoryOf(n.child)));
  const viewers: Socket[] = [];
  const connectStarted = performance.now();
  for (let i = 0; i < SOCKETS; i += CONNECT_BATCH) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(CONNECT_BATCH, SOCKETS - i) }, async (_, j) => {
        const k = i + j;
        const node = nodes[k % nodes.length] as Node;
        const room = rooms[k % rooms.length] as Room;
        const socket = await connect(node.url, { viewerKey: `bench-viewer-${k}` });
        const joined = await emitAck(socket, proto.join, { streamId: room.streamId });
        if (!joined.ok) throw new Error(`${name}: join failed: ${JSON.stringify(joined.error)}`);
        return socket;
      }),
    );
    viewers.push(...batch);
  }
  const connectSeconds = (performance.now() - connectStarted) / 1000;
  console.error(
    `${name}: ${viewers.length} viewers joined ${rooms.length} rooms in ${connectSeconds.toFixed(1)} s`,
  );
  await sleep(3000); // let the join storm's viewer-count recounts settle
  const after = await Promise.all(nodes.map((n) => memoryOf(n.child)));

  const messagesPerRoom = Math.round(ROOM_RATE * SECONDS);
  const viewersPerRoom = SOCKETS / rooms.length;
  const expected = Math.round(messagesPerRoom * rooms.length * viewersPerRoom);
  const latencies = new Float64Array(expected);
  let deliveries = 0;
  let lastDeliveryAt = 0;
  for (const socket of viewers) {
    socket.on('receive-message', (message: { text: string }) => {
      const now = performance.now();
      if (deliveries < expected) latencies[deliveries] = now - Number(message.text.split(' ')[1]);
      deliveries++;
      lastDeliveryAt = now;
    });
  }

  await Promise.all(nodes.map((n) => loopDelayOf(n.child))); // start the delay histograms here
  let sendErrors = 0;
  const started = performance.now();
  // Every room sends at ROOM_RATE, the rooms' sends spread evenly over each period.
  const total = messagesPerRoom * rooms.length;
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / (ROOM_RATE * rooms.length);
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const room = rooms[i % rooms.length] as Room;
    emitAck(room.sender, proto.send, { streamId: room.streamId, text: `m ${performance.now()}` }).then(
      (r) => {
        if (!r.ok && sendErrors++ === 0)
          console.error(`${name}: first refused send: ${JSON.stringify(r.error)}`);
      },
      () => sendErrors++,
    );
  }
  const deadline = performance.now() + DRAIN_MS;
  while (deliveries < expected && performance.now() < deadline) await sleep(20);
  const delays = await Promise.all(nodes.map((n) => loopDelayOf(n.child)));
  const seconds = ((deliveries >= expected ? lastDeliveryAt : performance.now()) - started) / 1000;
  for (const socket of viewers) socket.disconnect();

  const sorted = latencies.subarray(0, Math.min(deliveries, expected)).sort();
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return {
    nodes: nodes.length,
    sockets: SOCKETS,
    connectSeconds,
    heapPerSocket: (sum(after.map((m) => m.heapUsed)) - sum(before.map((m) => m.heapUsed))) / SOCKETS,
    rssAfter: sum(after.map((m) => m.rss)),
    loopDelay: {
      p50: Math.max(...delays.map((d) => d.p50)),
      p99: Math.max(...delays.map((d) => d.p99)),
      max: Math.max(...delays.map((d) => d.max)),
    },
    expectedDeliveries: expected,
    deliveries,
    missing: Math.max(0, expected - deliveries),
    sendErrors,
    deliveriesPerSecond: deliveries / seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: percentile(sorted, 100),
  };
}

// ---------------------------------------------------------------------------------------------------
// The four setups.

/** Airwave on `count` nodes: ROOMS streamers live, each connected (to the first node) and joined. */
async function airwave(count: number, children: Child[], sockets: Socket[], env: Record<string, string>) {
  const nodes: Node[] = [];
  for (let i = 0; i < count; i++) nodes.push(await startAirwaveNode(children, env));
  const first = nodes[0] as Node;
  const rooms: Room[] = [];
  // A few at a time: each registration is a bcrypt hash at cost 12.
  for (let i = 0; i < ROOMS; i += 4) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(4, ROOMS - i) }, async (_, j) => {
        const live = await liveStream(first.url, `Many rooms ${i + j}`);
        const sender = await connect(first.url, { token: live.token });
        sockets.push(sender);
        const joined = await emitAck(sender, AIRWAVE.join, { streamId: live.streamId });
        if (!joined.ok) throw new Error(`a streamer could not join: ${JSON.stringify(joined.error)}`);
        return { streamId: live.streamId, sender };
      }),
    );
    rooms.push(...batch);
  }
  const measured = await measure(`Airwave ×${count}`, nodes, rooms, AIRWAVE);
  for (const node of nodes) await stopChild(node.child);
  return measured;
}

async function baseline(count: number, children: Child[], sockets: Socket[]) {
  const redis =
    count > 1 ? { url: REDIS_URL, stream: `bench-rooms-${randomBytes(4).toString('hex')}` } : undefined;
  const nodes: Node[] = [];
  for (let i = 0; i < count; i++) nodes.push(await startBareNode(children, redis));
  const first = nodes[0] as Node;
  const rooms: Room[] = await Promise.all(
    Array.from({ length: ROOMS }, async (_, i) => {
      const sender = await connect(first.url, {});
      sockets.push(sender);
      const streamId = `room-${i}`;
      await emitAck(sender, BASELINE.join, { streamId });
      return { streamId, sender };
    }),
  );
  const measured = await measure(`baseline ×${count}`, nodes, rooms, BASELINE);
  for (const node of nodes) await stopChild(node.child);
  return measured;
}

function table(title: string, a: Measured, b: Measured): string[] {
  const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));
  const kib = (v: number) => (v / 1024).toFixed(1);
  const row = (server: string, m: Measured) =>
    `| ${server} | ${m.connectSeconds.toFixed(1)} | ${kib(m.heapPerSocket)} | ${(m.rssAfter / 2 ** 20).toFixed(0)} | ` +
    `${ms(m.loopDelay.p99)} | ${m.deliveriesPerSecond.toFixed(0)} | ${ms(m.p50)} | ${ms(m.p99)} | ${m.missing} |`;
  const r = (x: number, y: number) => (x / y).toFixed(2);
  return [
    title,
    '',
    '| Server | join s | heap/socket KiB | RSS MiB | loop delay p99 ms | deliveries/s | chat p50 ms | chat p99 ms | missing |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    row('Airwave', a),
    row('bare Socket.IO 4', b),
    `| **ratio** | ${r(a.connectSeconds, b.connectSeconds)} | ${r(a.heapPerSocket, b.heapPerSocket)} | ` +
      `${r(a.rssAfter, b.rssAfter)} | ${r(a.loopDelay.p99, b.loopDelay.p99)} | ` +
      `${r(a.deliveriesPerSecond, b.deliveriesPerSecond)} | ${r(a.p50, b.p50)} | ${r(a.p99, b.p99)} | |`,
    '',
  ];
}

async function runBench() {
  const fdLimit = Number(execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim());
  // Each viewer is one descriptor here and one in a server (another process), plus slack.
  if (Number.isFinite(fdLimit) && fdLimit < SOCKETS + 500) {
    throw new Error(`ulimit -n is ${fdLimit}: raise it above ${SOCKETS + 500} (ulimit -n 65536) and rerun`);
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'airwave-bench-rooms-'));
  const children: Child[] = [];
  const sockets: Socket[] = [];
  try {
    const one = await airwave(1, children, sockets, { DATA_DIR: dataDir });
    const bareOne = await baseline(1, children, sockets);
    const two = await withFreshDatabase(PG_SERVER, (url) =>
      airwave(2, children, sockets, {
        DATA_DIR: dataDir,
        DATABASE_URL: url,
        REDIS_URL,
        REDIS_KEY_PREFIX: `bench-rooms-${randomBytes(4).toString('hex')}:`,
      }),
    );
    const bareTwo = await baseline(2, children, sockets);
    const header =
      `${SOCKETS} viewers over ${ROOMS} rooms, each room's streamer chatting ${ROOM_RATE} msg/s for ${SECONDS} s ` +
      `(offered ${SOCKETS * ROOM_RATE} deliveries/s), Node ${process.version}, ${os.availableParallelism()} cores`;
    const lines = [
      header,
      '',
      ...table('One node (Airwave on PGlite)', one, bareOne),
      ...table(
        'Two nodes behind Redis (Airwave on PostgreSQL; viewers alternate between the nodes)',
        two,
        bareTwo,
      ),
      '| two nodes / one node | join s | heap/socket | RSS | loop delay p99 | deliveries/s | chat p50 | chat p99 |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...(
        [
          ['Airwave', two, one],
          ['bare Socket.IO 4', bareTwo, bareOne],
        ] as const
      ).map(
        ([server, x, y]) =>
          `| ${server} | ${(x.connectSeconds / y.connectSeconds).toFixed(2)} | ${(x.heapPerSocket / y.heapPerSocket).toFixed(2)} | ` +
          `${(x.rssAfter / y.rssAfter).toFixed(2)} | ${(x.loopDelay.p99 / y.loopDelay.p99).toFixed(2)} | ` +
          `${(x.deliveriesPerSecond / y.deliveriesPerSecond).toFixed(2)} | ${(x.p50 / y.p50).toFixed(2)} | ${(x.p99 / y.p99).toFixed(2)} |`,
      ),
    ];
    console.log(lines.join('\n'));
    mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
    writeFileSync(
      new URL('./results/many-rooms.json', import.meta.url),
      `${JSON.stringify({ sockets: SOCKETS, rooms: ROOMS, roomRate: ROOM_RATE, seconds: SECONDS, one, bareOne, two, bareTwo }, null, 2)}\n`,
    );
    const all = [one, bareOne, two, bareTwo];
    if (all.some((m) => m.missing > 0 || m.sendErrors > 0)) {
      throw new Error('some messages were refused or not delivered (see the table and the JSON)');
    }
  } finally {
    for (const s of sockets) s.disconnect();
    for (const child of children) await stopChild(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await runBench();
process.exit(0);
