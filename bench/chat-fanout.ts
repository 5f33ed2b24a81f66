/**
 * Chat fan-out on ONE node: one room, N anonymous viewers connected over websocket, the streamer
 * (or, with BENCH_SENDERS > 1, that many signed-in chatting viewers taking turns) sending M messages
 * at a fixed total rate. Measures deliveries per second summed over all viewers, the
 * delivery latency (send → a viewer's `receive-message` handler), and the memory each connected
 * viewer costs the server. Next to a bare Socket.IO 4 server (bare-socket-server.ts) whose `join` joins a
 * room and whose `send` broadcasts to it, with the same clients at the same rate. Both run as built
 * JavaScript, as production runs.
 *
 *   Airwave:  `send-message` → every chat rule (stream live, moderator check, settings, banned words),
 *             a row insert in PGlite → `io.to(room).emit('receive-message', message)` → ack.
 *   Baseline: `send` → build a ChatMessage-shaped object → `io.to(room).emit('receive-message', …)` → ack.
 *
 * Both servers run in child processes; all clients run here, on the same machine (one clock, so the
 * latency is `performance.now()` at receipt minus the value embedded in the text at send time).
 *
 *   npm run bench:chat-fanout   (BENCH_VIEWERS=2000 BENCH_RATE=20 BENCH_SECONDS=10
 *                                BENCH_WARMUP_SECONDS=2 BENCH_CONNECT_BATCH=100 BENCH_SENDERS=1)
 *
 * One sender is capped by its own event budget near 100 msg/s; a busy room's load comes from many
 * chatters, each well within the chat limit: BENCH_SENDERS=100 BENCH_RATE=300 is 3 msg/s each.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Socket } from 'socket.io-client';
import { type Child, sleep, stopChild } from './child-process.ts';
import { cpuSeconds, machineCpuSeconds } from './proc-cpu.ts';
import {
  AIRWAVE,
  api,
  BASELINE,
  connect,
  emitAck,
  liveStream,
  type Memory,
  memoryOf,
  type Protocol,
  percentile,
  startAirwaveNode,
  startBareNode,
} from './socket-bench.ts';

const VIEWERS = Number(process.env.BENCH_VIEWERS ?? 2000);
const RATE = Number(process.env.BENCH_RATE ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const CONNECT_BATCH = Number(process.env.BENCH_CONNECT_BATCH ?? 100);
/** 1: the streamer sends everything. More: that many chatters (signed-in viewers, not moderators) take turns. */
const SENDERS = Number(process.env.BENCH_SENDERS ?? 1);
/** How long to wait for the last deliveries after the last send. */
const DRAIN_MS = 30_000;

function startAirwave(dataDir: string, children: Child[]) {
  return startAirwaveNode(children, { DATA_DIR: dataDir });
}

// ---------------------------------------------------------------------------------------------------
// Clients.

interface Measured {
  viewers: number;
  messages: number;
  sendRatePerSecond: number;
  expectedDeliveries: number;
  deliveries: number;
  missing: number;
  deliveriesPerSecond: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** Median over messages of the time until the LAST viewer had it. */
  p50AllViewers: number;
  senders: number;
  sendErrors: number;
  serverCpuPercent: number;
  benchCpuPercent: number;
  memoryBefore: Memory;
  memoryAfter: Memory;
  rssPerViewer: number;
  heapPerViewer: number;
  connectSeconds: number;
  /** 1-minute load average of the machine when the measured sends started. */
  loadAverage: number;
  /** CPU that processes other than this bench and the server under test used meanwhile (% of one core). */
  otherCpuPercent: number;
}

async function measure(
  name: string,
  server: { child: Child; url: string },
  senders: Socket[],
  streamId: string,
  proto: Protocol,
): Promise<Measured> {
  // Warm up the connect/join path (JIT, buffers, lazily built state) with one batch that then leaves,
  // so the "before" figure already holds what does not grow with the number of viewers.
  const warm = await Promise.all(
    Array.from({ length: Math.min(CONNECT_BATCH, VIEWERS) }, async (_, j) => {
      const socket = await connect(server.url, { viewerKey: `bench-warm-${j}` });
      await emitAck(socket, proto.join, { streamId });
      return socket;
    }),
  );
  for (const socket of warm) socket.disconnect();
  await sleep(2000);
  await memoryOf(server.child);
  const memoryBefore = await memoryOf(server.child);

  // Connect the viewers in batches, each one joined (acked) before the next batch starts.
  const viewers: Socket[] = [];
  const connectStarted = performance.now();
  for (let i = 0; i < VIEWERS; i += CONNECT_BATCH) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(CONNECT_BATCH, VIEWERS - i) }, async (_, j) => {
        const socket = await connect(server.url, { viewerKey: `bench-viewer-${i + j}` });
        const joined = await emitAck(socket, proto.join, { streamId });
        if (!joined.ok) throw new Error(`${name}: join failed: ${JSON.stringify(joined.error)}`);
        return socket;
      }),
    );
    viewers.push(...batch);
  }
  const connectSeconds = (performance.now() - connectStarted) / 1000;
  console.error(`${name}: ${viewers.length} viewers joined in ${connectSeconds.toFixed(1)} s`);
  await sleep(2000); // let the join storm's viewer-count recounts settle
  const memoryAfter = await memoryOf(server.child);

  // Every viewer records each measured delivery's latency; warm-up messages only count.
  const messages = Math.round(RATE * SECONDS);
  const latencies = new Float64Array(messages * VIEWERS);
  const perMessageLast = new Float64Array(messages);
  let deliveries = 0;
  let warmupDeliveries = 0;
  let lastDeliveryAt = 0;
  for (const socket of viewers) {
    socket.on('receive-message', (message: { text: string }) => {
      const now = performance.now();
      const parts = message.text.split(' ');
      if (parts[0] !== 'm') {
        warmupDeliveries++;
        return;
      }
      const seq = Number(parts[1]);
      const latency = now - Number(parts[2]);
      latencies[deliveries++] = latency;
      if (latency > (perMessageLast[seq] as number)) perMessageLast[seq] = latency;
      lastDeliveryAt = now;
    });
  }

  let sendErrors = 0;
  let turn = 0;
  const send = (text: string) => {
    const sender = senders[turn++ % senders.length] as Socket;
    emitAck(sender, proto.send, { streamId, text }).then(
      (r) => {
        if (!r.ok && sendErrors++ === 0)
          console.error(`${name}: first refused send: ${JSON.stringify(r.error)}`);
      },
      () => sendErrors++,
    );
  };
  /** Sends `count` messages at RATE per second, each at its due time (no drift). */
  async function sendAtRate(count: number, text: (i: number) => string) {
    const started = performance.now();
    for (let i = 0; i < count; i++) {
      const due = started + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      send(text(i));
    }
    return performance.now() - started;
  }

  const warmupMessages = Math.round(RATE * WARMUP_SECONDS);
  if (warmupMessages > 0) {
    await sendAtRate(warmupMessages, (i) => `w ${i} ${performance.now()}`);
    const deadline = performance.now() + DRAIN_MS;
    while (warmupDeliveries < warmupMessages * VIEWERS && performance.now() < deadline) await sleep(50);
    await sleep(500);
  }

  const loadAverage = os.loadavg()[0] as number;
  const cpuBefore = cpuSeconds(server.child.proc.pid as number);
  const benchCpuBefore = process.cpuUsage();
  const machineCpuBefore = machineCpuSeconds();
  const firstSendAt = performance.now();
  const sendMs = await sendAtRate(messages, (i) => `m ${i} ${performance.now()}`);
  const expected = messages * VIEWERS;
  const deadline = performance.now() + DRAIN_MS;
  while (deliveries < expected && performance.now() < deadline) await sleep(20);
  const elapsedMs = (deliveries >= expected ? lastDeliveryAt : performance.now()) - firstSendAt;
  const serverCpu = cpuSeconds(server.child.proc.pid as number) - cpuBefore;
  const benchCpu = process.cpuUsage(benchCpuBefore);
  const machineCpu = machineCpuSeconds() - machineCpuBefore;

  for (const socket of viewers) socket.disconnect();
  if (deliveries < expected) {
    console.error(`${name}: ${expected - deliveries} of ${expected} deliveries missing after ${DRAIN_MS} ms`);
  }

  const sorted = latencies.subarray(0, deliveries).sort();
  const lastSorted = perMessageLast.slice().sort();
  const seconds = elapsedMs / 1000;
  return {
    viewers: VIEWERS,
    messages,
    sendRatePerSecond: messages / (sendMs / 1000),
    expectedDeliveries: expected,
    deliveries,
    missing: expected - deliveries,
    deliveriesPerSecond: deliveries / seconds,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: percentile(sorted, 100),
    p50AllViewers: percentile(lastSorted, 50),
    senders: senders.length,
    sendErrors,
    serverCpuPercent: (serverCpu / seconds) * 100,
    benchCpuPercent: ((benchCpu.user + benchCpu.system) / 1e6 / seconds) * 100,
    memoryBefore,
    memoryAfter,
    rssPerViewer: (memoryAfter.rss - memoryBefore.rss) / VIEWERS,
    heapPerViewer: (memoryAfter.heapUsed - memoryBefore.heapUsed) / VIEWERS,
    connectSeconds,
    loadAverage,
    otherCpuPercent:
      (Math.max(0, machineCpu - serverCpu - (benchCpu.user + benchCpu.system) / 1e6) / seconds) * 100,
  };
}

// ---------------------------------------------------------------------------------------------------
// The bench.

/** SENDERS signed-in viewers (plain users: every chat rule applies to them), each joined to the stream. */
async function joinChatters(url: string, streamId: string, sockets: Socket[]): Promise<Socket[]> {
  const chatters: Socket[] = [];
  // A few at a time: each registration is a bcrypt hash at cost 12.
  for (let i = 0; i < SENDERS; i += 4) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(4, SENDERS - i) }, async () => {
        const id = randomBytes(6).toString('hex');
        const account = await api<{ accessToken: string }>(`${url}/api/auth/register`, 'POST', {
          email: `chatter-${id}@bench.test`,
          password: `bench-${randomBytes(12).toString('hex')}`,
          nickname: `chatter_${id}`,
        });
        const socket = await connect(url, { token: account.accessToken });
        sockets.push(socket);
        const joined = await emitAck(socket, AIRWAVE.join, { streamId });
        if (!joined.ok) throw new Error(`a chatter could not join: ${JSON.stringify(joined.error)}`);
        return socket;
      }),
    );
    chatters.push(...batch);
  }
  console.error(`Airwave: ${chatters.length} chatters registered and joined`);
  return chatters;
}

async function runBench() {
  const fdLimit = Number(execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim());
  // Each viewer is one descriptor here and one in the server (a different process), plus slack.
  if (Number.isFinite(fdLimit) && fdLimit < VIEWERS + 200) {
    throw new Error(`ulimit -n is ${fdLimit}: raise it above ${VIEWERS + 200} (ulimit -n 65536) and rerun`);
  }

  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'airwave-bench-chat-'));
  const children: Child[] = [];
  const sockets: Socket[] = [];
  try {
    // Airwave: register the streamer, go live, connect and join as the streamer.
    console.error('Airwave: starting…');
    const airwave = await startAirwave(dataDir, children);
    const stream = await liveStream(airwave.url, 'Chat fan-out bench');
    const host = await connect(airwave.url, { token: stream.token });
    sockets.push(host);
    const hostJoined = await emitAck(host, AIRWAVE.join, { streamId: stream.streamId });
    if (!hostJoined.ok) throw new Error(`the streamer could not join: ${JSON.stringify(hostJoined.error)}`);
    const chatters = SENDERS > 1 ? await joinChatters(airwave.url, stream.streamId, sockets) : [host];
    const a = await measure('Airwave', airwave, chatters, stream.streamId, AIRWAVE);
    host.disconnect();
    for (const chatter of chatters) chatter.disconnect();
    await stopChild(airwave.child);

    console.error('baseline: starting…');
    const baseline = await startBareNode(children);
    const baseSenders = await Promise.all(
      Array.from({ length: SENDERS }, async () => {
        const socket = await connect(baseline.url, {});
        sockets.push(socket);
        await emitAck(socket, BASELINE.join, { streamId: stream.streamId });
        return socket;
      }),
    );
    const b = await measure('baseline', baseline, baseSenders, stream.streamId, BASELINE);
    for (const socket of baseSenders) socket.disconnect();

    const ratio = {
      deliveriesPerSecond: a.deliveriesPerSecond / b.deliveriesPerSecond,
      p50: a.p50 / b.p50,
      p99: a.p99 / b.p99,
      serverCpu: a.serverCpuPercent / b.serverCpuPercent,
      rssPerViewer: a.rssPerViewer / b.rssPerViewer,
      heapPerViewer: a.heapPerViewer / b.heapPerViewer,
    };

    const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));
    const kib = (v: number) => (v / 1024).toFixed(1);
    const lines = [
      `Chat fan-out, 1 room, ${VIEWERS} viewers, ${RATE} msg/s from ${SENDERS === 1 ? 'one sender' : `${SENDERS} senders`} ` +
        `for ${SECONDS} s after ${WARMUP_SECONDS} s ` +
        `warm-up (offered ${RATE * VIEWERS} deliveries/s), Node ${process.version}, ` +
        `${os.availableParallelism()} cores`,
      '',
      '| Server | deliveries/s | p50 ms | p99 ms | max ms | missing | server CPU | RSS/viewer KiB | heap/viewer KiB |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ];
    const row = (server: string, m: Measured) =>
      `| ${server} | ${m.deliveriesPerSecond.toFixed(0)} | ${ms(m.p50)} | ${ms(m.p99)} | ${ms(m.max)} | ` +
      `${m.missing} | ${m.serverCpuPercent.toFixed(0)} % | ${kib(m.rssPerViewer)} | ${kib(m.heapPerViewer)} |`;
    lines.push(row('Airwave', a), row('bare Socket.IO 4', b));
    lines.push(
      `| **ratio Airwave / baseline** | **${ratio.deliveriesPerSecond.toFixed(2)}** | ${ratio.p50.toFixed(2)} | ` +
        `${ratio.p99.toFixed(2)} | | | ${ratio.serverCpu.toFixed(2)} | ${ratio.rssPerViewer.toFixed(2)} | ${ratio.heapPerViewer.toFixed(2)} |`,
    );
    for (const [server, m] of [
      ['Airwave', a],
      ['baseline', b],
    ] as const) {
      if (m.otherCpuPercent > 10) {
        lines.push(
          '',
          `Warning: other processes used ${m.otherCpuPercent.toFixed(0)} % of a core while ${server} was ` +
            'measured; the figures are not clean.',
        );
      }
    }
    console.log(lines.join('\n'));

    const result = {
      viewers: VIEWERS,
      ratePerSecond: RATE,
      senders: SENDERS,
      seconds: SECONDS,
      warmupSeconds: WARMUP_SECONDS,
      connectBatch: CONNECT_BATCH,
      node: process.version,
      cores: os.availableParallelism(),
      airwave: a,
      baseline: b,
      ratio,
    };
    mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
    writeFileSync(
      new URL('./results/chat-fanout.json', import.meta.url),
      `${JSON.stringify(result, null, 2)}\n`,
    );
    if (a.missing > 0 || b.missing > 0 || a.sendErrors > 0 || b.sendErrors > 0) {
      throw new Error('some messages were refused or not delivered (see the table and the JSON)');
    }
  } finally {
    for (const s of sockets) s.disconnect();
    for (const child of children) await stopChild(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await runBench();
// Client sockets that a failure left behind must not keep the bench alive.
process.exit(0);
