/**
 * Glass-to-glass latency: from the moment a frame is drawn at the streamer to the moment the viewer's
 * player is expected to show it, in Chromium over loopback, for the P2P mesh and for the SFU.
 *
 * The streamer is the real web app (/live) whose camera is replaced by a canvas that paints, on
 * each frame, the time it is painted (`performance.timeOrigin + performance.now()`, in ms modulo
 * 2^24) as a 24-cell black/white barcode. The viewer is the real player (/streams/:id): on every
 * decoded frame (`requestVideoFrameCallback`) it reads the barcode back from the <video> and
 * subtracts it from the frame's `expectedDisplayTime`. Both pages run in one Chromium, so they share
 * the machine's clock. Capture, encode, the network path (direct or through Janus), jitter buffer,
 * decode and compositing are all in the figure.
 *
 * The baseline, in the same browser and run, is the floor of that pipeline with no server at all:
 * the same canvas camera sent between two RTCPeerConnections in one page and read back the same way.
 *
 *   npm run build && npm run bench:glass-to-glass   (BENCH_SECONDS=20)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import {
  goLive,
  launchBrowser,
  newUser,
  RECORD_PEER_CONNECTIONS,
  startAirwave,
  waitForDecodedVideo,
} from '../e2e/harness.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
/** Time for bandwidth estimation and simulcast to ramp up before the window opens. */
const WARMUP_MS = 5000;

/**
 * Replaces getUserMedia's video with a 1280×720 canvas that stamps its paint time into every frame
 * (audio, when asked for, still comes from the fake microphone). Runs in the page, as an init script.
 */
function installStampCamera() {
  const W = 1280;
  const H = 720;
  const COLS = 12;
  const BITS = 24;
  const CELL_H = 90;
  const canvas = document.createElement('canvas');
  canvas.width = W;
  canvas.height = H;
  const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
  let tick = 0;
  const paint = () => {
    const stamp = Math.round(performance.timeOrigin + performance.now()) % 2 ** BITS;
    ctx.fillStyle = '#808080';
    ctx.fillRect(0, 0, W, H);
    // Something moving below the barcode, so the encoder works as it would on a camera picture.
    ctx.fillStyle = '#303030';
    ctx.fillRect((tick++ * 16) % W, 2 * CELL_H + 20, 120, H);
    for (let i = 0; i < BITS; i++) {
      ctx.fillStyle = (stamp >> i) & 1 ? '#ffffff' : '#000000';
      ctx.fillRect((i % COLS) * (W / COLS), Math.floor(i / COLS) * CELL_H, W / COLS, CELL_H);
    }
  };
  paint();
  setInterval(paint, 1000 / 30);
  const stream = canvas.captureStream(); // a frame whenever the canvas is painted
  const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = async (constraints) => {
    const out = new MediaStream(stream.getVideoTracks().map((t) => t.clone()));
    if (constraints?.audio) {
      for (const t of (await original({ audio: constraints.audio })).getAudioTracks()) out.addTrack(t);
    }
    return out;
  };
}
const STAMP_CAMERA = `(${installStampCamera.toString()})();`;

/** Reads the stamp back from every frame the <video> presents for `seconds`; latencies in ms. */
function readStamps(page: Page, selector: string, seconds: number) {
  return page.evaluate(
    ({ selector, seconds }) => {
      const video = document.querySelector(selector) as HTMLVideoElement;
      const w = 192;
      const h = 108;
      const canvas = document.createElement('canvas');
      canvas.width = w;
      canvas.height = h;
      const ctx = canvas.getContext('2d', { willReadFrequently: true }) as CanvasRenderingContext2D;
      const latencies: number[] = [];
      let unreadable = 0;
      return new Promise<{ latencies: number[]; unreadable: number; width: number }>((resolve) => {
        const end = performance.now() + seconds * 1000;
        const onFrame = (_now: number, meta: VideoFrameCallbackMetadata) => {
          ctx.drawImage(video, 0, 0, w, h);
          const px = ctx.getImageData(0, 0, w, h).data;
          let stamp = 0;
          for (let i = 0; i < 24; i++) {
            // The centre of cell i: 12 columns across, rows 90 px high on the 720 px picture.
            const x = Math.floor(((i % 12) + 0.5) * (w / 12));
            const y = Math.floor((Math.floor(i / 12) + 0.5) * (90 / 720) * h);
            if ((px[(y * w + x) * 4] ?? 0) > 128) stamp |= 1 << i;
          }
          const shown = Math.round(performance.timeOrigin + meta.expectedDisplayTime) % 2 ** 24;
          const ms = (shown - stamp + 2 ** 24) % 2 ** 24;
          // A misread bit gives an absurd figure; a real one on loopback is well under 10 s.
          if (ms < 10_000) latencies.push(ms);
          else unreadable++;
          if (performance.now() < end) video.requestVideoFrameCallback(onFrame);
          else resolve({ latencies, unreadable, width: video.videoWidth });
        };
        video.requestVideoFrameCallback(onFrame);
      });
    },
    { selector, seconds },
  );
}

/**
 * The page's received video's jitter buffer (ms a frame waited in it, on average) so far: where
 * the receiver holds frames back, for network jitter or to keep audio and video in sync.
 */
function jitterBuffer(page: Page) {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { __pcs?: RTCPeerConnection[] }).__pcs ?? [];
    let delay = 0;
    let minimum = 0;
    let emitted = 0;
    for (const pc of pcs.filter((p) => p.connectionState === 'connected')) {
      (await pc.getStats()).forEach(
        (s: {
          type: string;
          kind?: string;
          jitterBufferDelay?: number;
          jitterBufferMinimumDelay?: number;
          jitterBufferEmittedCount?: number;
        }) => {
          if (s.type === 'inbound-rtp' && s.kind === 'video') {
            delay += s.jitterBufferDelay ?? 0;
            minimum += s.jitterBufferMinimumDelay ?? 0;
            emitted += s.jitterBufferEmittedCount ?? 0;
          }
        },
      );
    }
    return { delay, minimum, emitted };
  });
}

/** Latencies over the window, and the jitter buffer's average wait over the same window. */
async function measureViewer(page: Page, selector: string) {
  const before = await jitterBuffer(page);
  const stamps = await readStamps(page, selector, SECONDS);
  const after = await jitterBuffer(page);
  const perFrame = (key: 'delay' | 'minimum') =>
    ((after[key] - before[key]) / Math.max(1, after.emitted - before.emitted)) * 1000;
  // The minimum is the floor the receiver sets itself (audio/video sync, a playout-delay request),
  // whatever the jitter: a wait near it is a choice, not the network.
  return { ...stamps, jitterBufferMs: perFrame('delay'), jitterMinimumMs: perFrame('minimum') };
}

/** The same canvas camera between two peer connections in one page, no server: the floor. */
async function baseline(browser: Browser, url: string) {
  const bare = await newUser(browser, url);
  await bare.context.addInitScript({ content: STAMP_CAMERA });
  await bare.context.addInitScript({ content: RECORD_PEER_CONNECTIONS });
  await bare.page.goto('/login'); // any same-origin page: a secure context for getUserMedia
  await bare.page.evaluate(async () => {
    const camera = await navigator.mediaDevices.getUserMedia({ video: true });
    const a = new RTCPeerConnection();
    const b = new RTCPeerConnection();
    a.onicecandidate = (e) => void (e.candidate && b.addIceCandidate(e.candidate));
    b.onicecandidate = (e) => void (e.candidate && a.addIceCandidate(e.candidate));
    const video = document.createElement('video');
    video.muted = true;
    video.autoplay = true;
    video.dataset.testid = 'baseline-video';
    document.body.append(video);
    b.ontrack = (e) => {
      video.srcObject = e.streams[0] ?? new MediaStream([e.track]);
    };
    for (const t of camera.getTracks()) a.addTrack(t, camera);
    await a.setLocalDescription(await a.createOffer());
    await b.setRemoteDescription(a.localDescription as RTCSessionDescriptionInit);
    await b.setLocalDescription(await b.createAnswer());
    await a.setRemoteDescription(b.localDescription as RTCSessionDescriptionInit);
  });
  const selector = '[data-testid="baseline-video"]';
  await waitForDecodedVideo(bare.page, selector);
  await bare.page.waitForTimeout(WARMUP_MS);
  const result = await measureViewer(bare.page, selector);
  await bare.context.close();
  return result;
}

async function throughAirwave(browser: Browser, mode: 'p2p' | 'sfu') {
  const airwave = await startAirwave({ MEDIA_MODE: mode, STUN_URLS: '' });
  try {
    const { streamer, streamPath } = await goLive(browser, airwave.url, `Latency bench (${mode})`, [
      STAMP_CAMERA,
    ]);
    const viewer = await newUser(browser, airwave.url);
    await viewer.context.addInitScript({ content: RECORD_PEER_CONNECTIONS });
    await viewer.page.goto(streamPath);
    await waitForDecodedVideo(viewer.page);
    await viewer.page.waitForTimeout(WARMUP_MS);
    const result = await measureViewer(viewer.page, '[data-testid="player-video"]');
    const bare = await baseline(browser, airwave.url);
    await viewer.context.close();
    await streamer.context.close();
    return { result, bare };
  } finally {
    await airwave.stop();
  }
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
};

// With mDNS host names Chromium hides the interface address Janus needs to reach it.
const browser = await launchBrowser(['--disable-features=WebRtcHideLocalIpsWithMdns']);
const runs: Record<string, Awaited<ReturnType<typeof throughAirwave>>> = {};
try {
  // The baseline runs right after each mode, under the same conditions (machine load drifts).
  for (const mode of ['p2p', 'sfu'] as const) runs[mode] = await throughAirwave(browser, mode);
} finally {
  await browser.close();
}

console.log(
  `\n| path (${SECONDS} s of frames) | frames read | p50 ms | p95 ms | jitter buffer ms (its minimum) | baseline p50 / p95 ms | baseline jitter buffer ms | **ratio p50** |`,
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const [mode, { result, bare }] of Object.entries(runs)) {
  const p50 = quantile(result.latencies, 0.5);
  const b50 = quantile(bare.latencies, 0.5);
  const name = mode === 'sfu' ? 'SFU: streamer → Janus → viewer' : 'P2P: streamer → viewer';
  console.log(
    `| ${name} (${result.width} px wide) | ${result.latencies.length} (${result.unreadable} unreadable) | ${p50.toFixed(0)} | ${quantile(result.latencies, 0.95).toFixed(0)} | ${result.jitterBufferMs.toFixed(0)} (${result.jitterMinimumMs.toFixed(0)}) | ${b50.toFixed(0)} / ${quantile(bare.latencies, 0.95).toFixed(0)} | ${bare.jitterBufferMs.toFixed(0)} | **${(p50 / b50).toFixed(2)}** |`,
  );
}
console.log('\nBaseline: the same canvas camera between two RTCPeerConnections in one page, no server.');
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/glass-to-glass.json', import.meta.url), JSON.stringify(runs, null, 2));
