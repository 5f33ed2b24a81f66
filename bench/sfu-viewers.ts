/**
 * How many viewers one stream carries through the SFU on this machine, next to the P2P mesh.
 *
 * The streamer is the real web app in Chromium (fake camera, three VP8 simulcast layers); the
 * viewers are receive-only werift peers (bench/viewer-swarm.ts, in BENCH_WORKERS child processes),
 * each an anonymous socket going through Airwave's own signaling exactly as the player does:
 * `join-stream`, `rtc-request`, `rtc-quality` low, answer the offer. Their number steps up; at each
 * step, after the new viewers are connected and a settling time, a window of BENCH_SECONDS counts
 * the video frames every viewer receives (RTP frames: packets with the marker bit) against the
 * frames the streamer sent on the layer they are on (its getStats framesSent), and the CPU of
 * Janus, of the Airwave server, of the streamer's Chromium and of the viewers' own processes
 * (all from /proc). A step passes when ≥ 95 % of the viewers got ≥ 90 % of the frames.
 *
 * The baseline, in the same run and with the same viewers, is what a stream costs without an SFU:
 * Airwave's P2P mesh (MEDIA_MODE=p2p) at N = 4, 8, 16, where the streamer's own browser encodes
 * and uploads one copy per viewer. It is the architecture the SFU replaces, so the ratios compare
 * the streamer's CPU and upload at the same N. (A "Janus without Airwave" baseline would measure
 * the same thing twice: once a subscription is set up Airwave is not on the media path at all,
 * which the server's own CPU column shows.)
 *
 * Everything shares this machine's cores: Janus, the viewers, Chromium and the server. The
 * viewers' CPU is reported on its own so Janus's figure can be read apart from the load generator.
 *
 *   npm run build && npm run bench:sfu-viewers
 *     (BENCH_SFU_STEPS=4,8,16,25,50,100,150,200,250,300,400,500 BENCH_MESH_STEPS=4,8,16 BENCH_WORKERS=2
 *      BENCH_SECONDS=10 BENCH_SETTLE_SECONDS=5)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { goLive, launchBrowser, RECORD_PEER_CONNECTIONS, startAirwave } from '../e2e/harness.ts';
import { type Child, sleep, startChild, stopChild } from './child-process.ts';
import { commandName, cpuSeconds, machineCpuSeconds, processTree, threadCpuSeconds } from './proc-cpu.ts';

const steps = (name: string, fallback: string) =>
  (process.env[name] ?? fallback)
    .split(',')
    .map(Number)
    .filter((n) => n > 0);
const SFU_STEPS = steps('BENCH_SFU_STEPS', '4,8,16,25,50,100,150,200,250,300,400,500');
const MESH_STEPS = steps('BENCH_MESH_STEPS', '4,8,16');
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SETTLE_SECONDS = Number(process.env.BENCH_SETTLE_SECONDS ?? 5);
/** A viewer passes with this share of the frames sent; a step with this share of passing viewers. */
const FRAME_SHARE = 0.9;
const VIEWER_SHARE = 0.95;
const STREAMER_FPS_SHARE = 0.8;

const log = (m: string) => console.error(`[sfu-viewers] ${m}`);

// Every viewer connects from this one machine: lift the per-address budgets (as bench/chat-fanout does).
const SERVER_ENV = {
  STUN_URLS: '',
  SOCKET_CONNECTIONS_PER_IP: '100000',
  SOCKET_HANDSHAKES_PER_IP_PER_MINUTE: '1000000',
  SOCKET_POINTS_PER_IP_10S: '1000000',
  VIEWERS_PER_IP: '100000',
  // One UDP port per peer connection: room for the largest step and the publisher.
  JANUS_RTP_PORTS: '40000-41999',
};

/** What the streamer's page sends: bytes on the wire, and video frames per outbound layer. */
function publisherStats(page: Page) {
  return page.evaluate(async () => {
    const pcs = ((window as unknown as { __pcs: RTCPeerConnection[] }).__pcs ?? []).filter(
      (pc) => pc.connectionState === 'connected',
    );
    let bytesSent = 0;
    const video: { id: string; rid: string; framesSent: number }[] = [];
    for (const pc of pcs) {
      (await pc.getStats()).forEach(
        (s: {
          id: string;
          type: string;
          kind?: string;
          rid?: string;
          bytesSent?: number;
          framesSent?: number;
        }) => {
          if (s.type === 'transport') bytesSent += s.bytesSent ?? 0;
          if (s.type === 'outbound-rtp' && s.kind === 'video')
            video.push({ id: s.id, rid: s.rid ?? '', framesSent: s.framesSent ?? 0 });
        },
      );
    }
    return { connections: pcs.length, bytesSent, video };
  });
}

/** The viewer processes, and asking them over IPC. */
class Swarm {
  readonly workers: Child[] = [];
  size = 0;

  constructor(url: string, streamId: string) {
    for (let i = 0; i < WORKERS; i++) {
      this.workers.push(
        startChild(
          ['bench/viewer-swarm.ts'],
          { BENCH_URL: url, BENCH_STREAM_ID: streamId, BENCH_QUALITY: 'low' },
          { ipc: true },
        ),
      );
    }
  }

  private ask<T>(worker: Child, msg: object, key: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const onMessage = (reply: Record<string, unknown>) => {
        if (!(key in reply)) return;
        worker.proc.off('message', onMessage);
        resolve(reply as T);
      };
      worker.proc.on('message', onMessage);
      worker.proc.send(msg, (err) => err && reject(err));
      void worker.exited.then(() => reject(new Error(`a viewer process exited:\n${worker.output()}`)));
    });
  }

  /** Grows the audience to `n` viewers, spread evenly over the processes. */
  async growTo(n: number) {
    const adds = this.workers.map((_, i) => {
      const target = Math.floor(n / WORKERS) + (i < n % WORKERS ? 1 : 0);
      const current = Math.floor(this.size / WORKERS) + (i < this.size % WORKERS ? 1 : 0);
      return target - current;
    });
    const replies = await Promise.all(
      this.workers.map((w, i) =>
        (adds[i] ?? 0) > 0 ? this.ask<{ failed: number }>(w, { add: adds[i] }, 'added') : { failed: 0 },
      ),
    );
    this.size = n;
    return replies.reduce((sum, r) => sum + r.failed, 0);
  }

  async frames(): Promise<number[]> {
    const replies = await Promise.all(
      this.workers.map((w) => this.ask<{ frames: number[] }>(w, { frames: true }, 'frames')),
    );
    return replies.flatMap((r) => r.frames);
  }

  cpuSeconds() {
    return this.workers.reduce((sum, w) => sum + cpuSeconds(w.proc.pid ?? 0), 0);
  }

  stop() {
    return Promise.all(this.workers.map(stopChild));
  }
}

/** CPU seconds of this bench's Chromium (the streamer's browser: the only one this bench starts). */
const chromiumCpuSeconds = () =>
  processTree(process.pid)
    .filter((pid) => /^chrom/i.test(commandName(pid)))
    .reduce((sum, pid) => sum + cpuSeconds(pid), 0);

interface Step {
  viewers: number;
  failedToConnect: number;
  passing: number;
  medianShare: number;
  /** % of one core, over the window. */
  cpu: { janus: number; server: number; streamer: number; viewers: number; machine: number };
  uploadKbps: number;
  framesSentPerSecond: number;
  /** Janus's busiest thread over the window (% of one core): one thread at 100 % is a hard ceiling. */
  janusBusiestThread: { name: string; cpu: number };
}

async function measure(opts: {
  page: Page;
  swarm: Swarm;
  viewers: number;
  serverPid: number;
  janusPid?: number;
  /** Which outbound video stream(s) the viewers are on: the lowest layer, or one per connection. */
  layer: 'lowest' | 'each';
}): Promise<Step> {
  const { page, swarm, viewers, serverPid, janusPid, layer } = opts;
  const failedToConnect = await swarm.growTo(viewers);
  // Wait until each viewer has frames (or 30 s), then let the new connections settle.
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && (await swarm.frames()).filter((f) => f > 0).length < viewers)
    await sleep(500);
  await sleep(SETTLE_SECONDS * 1000);

  const cpu = () => ({
    janus: janusPid ? cpuSeconds(janusPid) : 0,
    server: cpuSeconds(serverPid),
    streamer: chromiumCpuSeconds(),
    viewers: swarm.cpuSeconds(),
    machine: machineCpuSeconds(),
  });
  const threads0 = janusPid ? threadCpuSeconds(janusPid) : new Map();
  const [cpu0, pub0, frames0, t0] = [
    cpu(),
    await publisherStats(page),
    await swarm.frames(),
    performance.now(),
  ];
  await sleep(SECONDS * 1000);
  const [cpu1, pub1, frames1, t1] = [
    cpu(),
    await publisherStats(page),
    await swarm.frames(),
    performance.now(),
  ];
  const seconds = (t1 - t0) / 1000;
  let janusBusiestThread = { name: '', cpu: 0 };
  for (const [tid, t] of janusPid ? threadCpuSeconds(janusPid) : []) {
    const cpu = ((t.seconds - (threads0.get(tid)?.seconds ?? 0)) / seconds) * 100;
    if (cpu > janusBusiestThread.cpu) janusBusiestThread = { name: t.name, cpu };
  }

  // Frames the viewers should have had: the lowest simulcast layer's (rid "l", VideoRoom substream 0)
  // through the SFU, the median connection's in the mesh (each connection encodes its own copy).
  const before = new Map(pub0.video.map((v) => [v.id, v.framesSent]));
  const sent = pub1.video
    .filter((v) => before.has(v.id) && (layer === 'each' || v.rid === 'l'))
    .map((v) => v.framesSent - (before.get(v.id) ?? 0))
    .sort((a, b) => a - b);
  const expected = sent[Math.floor(sent.length / 2)] ?? 0;
  const shares = frames1.map((f, i) => (f - (frames0[i] ?? 0)) / Math.max(1, expected)).sort((a, b) => a - b);
  const pct = (key: keyof ReturnType<typeof cpu>) => ((cpu1[key] - cpu0[key]) / seconds) * 100;
  return {
    viewers,
    failedToConnect,
    passing: shares.filter((s) => s >= FRAME_SHARE).length,
    medianShare: shares[Math.floor(shares.length / 2)] ?? 0,
    cpu: {
      janus: pct('janus'),
      server: pct('server'),
      streamer: pct('streamer'),
      viewers: pct('viewers'),
      machine: pct('machine'),
    },
    uploadKbps: ((pub1.bytesSent - pub0.bytesSent) * 8) / 1000 / seconds,
    framesSentPerSecond: expected / seconds,
    janusBusiestThread,
  };
}

/**
 * A step passes when ≥ 95 % of the viewers got ≥ 90 % of the frames sent, and the streamer still
 * sent them at ≥ 80 % of the frame rate of the run's first step: a starved streamer (this machine's
 * cores are shared) sending 3 frames a second that everyone gets is not an audience carried.
 */
const passed = (s: Step, first: Step | undefined) =>
  s.passing >= VIEWER_SHARE * s.viewers &&
  s.framesSentPerSecond >= STREAMER_FPS_SHARE * (first ?? s).framesSentPerSecond;

async function run(browser: Browser, mode: 'p2p' | 'sfu', counts: number[]) {
  const airwave = await startAirwave({ ...SERVER_ENV, MEDIA_MODE: mode });
  const results: Step[] = [];
  let swarm: Swarm | undefined;
  try {
    const { streamer, streamId } = await goLive(browser, airwave.url, `Viewers bench (${mode})`, [
      RECORD_PEER_CONNECTIONS,
    ]);
    if (mode === 'sfu') await streamer.page.getByTestId('broadcast-sfu').waitFor();
    // The private Janus is the server's child process (started because JANUS_URL is unset).
    const janusPid =
      mode === 'sfu' ? processTree(airwave.pid).find((pid) => commandName(pid) === 'janus') : undefined;
    if (mode === 'sfu' && !janusPid) throw new Error('no janus process under the server');
    swarm = new Swarm(airwave.url, streamId);
    for (const viewers of counts) {
      const step = await measure({
        page: streamer.page,
        swarm,
        viewers,
        serverPid: airwave.pid,
        janusPid,
        layer: mode === 'sfu' ? 'lowest' : 'each',
      });
      log(`${mode} ${JSON.stringify(step)}`);
      results.push(step);
      // Stepping the SFU up stops at its first failure: the next step would only fail harder.
      // The mesh's steps are its comparison points with the SFU and always all run.
      if (mode === 'sfu' && !passed(step, results[0])) break;
    }
    await streamer.context.close();
  } finally {
    await swarm?.stop();
    await airwave.stop();
  }
  return results;
}

const f0 = (x: number) => x.toFixed(0);
const f1 = (x: number) => x.toFixed(1);

const browser = await launchBrowser(['--disable-features=WebRtcHideLocalIpsWithMdns']);
let mesh: Step[];
let sfu: Step[];
try {
  mesh = await run(browser, 'p2p', MESH_STEPS);
  sfu = await run(browser, 'sfu', SFU_STEPS);
} finally {
  await browser.close();
}

const best = sfu.filter((s) => passed(s, sfu[0])).at(-1);
console.log(
  `\nSFU (MEDIA_MODE=sfu), viewers on the lowest layer, ${SECONDS} s windows; CPU in % of one core (2 cores = 200 %)\n`,
);
console.log(
  '| viewers | got ≥ 90 % of frames | layer fps sent | Janus CPU | Janus per viewer | Janus busiest thread | viewers’ own CPU | Airwave server | streamer (Chromium) | streamer upload kbit/s | machine |',
);
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const s of sfu) {
  console.log(
    `| ${s.viewers} | ${s.passing}/${s.viewers}${s.failedToConnect ? ` (${s.failedToConnect} not connected)` : ''} | ${f1(s.framesSentPerSecond)} | ${f0(s.cpu.janus)} % | ${f1((s.cpu.janus / s.viewers) * 10)} ms/s | ${f0(s.janusBusiestThread.cpu)} % (${s.janusBusiestThread.name}) | ${f0(s.cpu.viewers)} % | ${f0(s.cpu.server)} % | ${f0(s.cpu.streamer)} % | ${f0(s.uploadKbps)} | ${f0(s.cpu.machine)} % |`,
  );
}
console.log(`\nLargest passing step: ${best ? best.viewers : 'none'} viewers (goal ≥ 300).\n`);
console.log('P2P mesh (MEDIA_MODE=p2p) against the SFU at the same N: the streamer’s side\n');
console.log(
  '| viewers | mesh: got ≥ 90 % | mesh fps sent | mesh streamer CPU | SFU streamer CPU | **CPU mesh / SFU** | mesh upload kbit/s | SFU upload kbit/s | **upload mesh / SFU** |',
);
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const m of mesh) {
  const s = sfu.find((x) => x.viewers === m.viewers);
  console.log(
    `| ${m.viewers} | ${m.passing}/${m.viewers} | ${f1(m.framesSentPerSecond)} | ${f0(m.cpu.streamer)} % | ${s ? `${f0(s.cpu.streamer)} %` : '–'} | **${s ? (m.cpu.streamer / s.cpu.streamer).toFixed(2) : '–'}** | ${f0(m.uploadKbps)} | ${s ? f0(s.uploadKbps) : '–'} | **${s ? (m.uploadKbps / s.uploadKbps).toFixed(2) : '–'}** |`,
  );
}
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(
  new URL('./results/sfu-viewers.json', import.meta.url),
  JSON.stringify(
    { seconds: SECONDS, workers: WORKERS, mesh, sfu, largestPassing: best?.viewers ?? 0 },
    null,
    2,
  ),
);
