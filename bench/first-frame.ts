/**
 * Time from opening a live stream's page to the first decoded video frame, in Chromium over
 * loopback, median of N (default 10), for the P2P mesh and for the SFU (a server of each mode in
 * turn; through Janus the viewer's offer comes from the media server). The baseline, in the same
 * browser and run (next to each mode, as machine load drifts), is the floor any WebRTC player pays:
 * two peer connections in one page, negotiated locally with no server at all, from creating them to
 * the first frame of the fake camera on a <video>.
 *
 *   npm run build && npm run bench:first-frame   (BENCH_RUNS=10; needs Chromium, see README)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { goLive, launchBrowser, newUser, startAirwave } from '../e2e/harness.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

const log = (m: string) => process.env.BENCH_DEBUG && console.error(m);

/** Opens the live stream's page RUNS times (after one warm-up load), timing each first decoded frame. */
async function airwaveFirstFrames(browser: Browser, mode: 'p2p' | 'sfu') {
  const airwave = await startAirwave({ MEDIA_MODE: mode, STUN_URLS: '' });
  try {
    const { streamer, streamPath } = await goLive(browser, airwave.url, `First frame bench (${mode})`);
    log(`${mode}: live at ${streamPath}`);
    const viewer = await newUser(browser, airwave.url);
    const airwaveMs: number[] = [];
    const phases: Record<string, number[]> = {};
    for (let i = 0; i < RUNS + 1; i++) {
      await viewer.page.goto(`${streamPath}`);
      // performance.now() counts from this navigation's start; polling every frame bounds the error to ~16 ms.
      const ms = await viewer.page.waitForFunction(
        () => {
          const v = document.querySelector<HTMLVideoElement>('[data-testid="player-video"]');
          return v && (v.getVideoPlaybackQuality?.().totalVideoFrames ?? 0) > 0 ? performance.now() : false;
        },
        undefined,
        { polling: 'raf', timeout: 30_000 },
      );
      if (i > 0) airwaveMs.push(Number(await ms.jsonValue())); // the first run warms the page's code caches
      if (i > 0) {
        const marks = await viewer.page.evaluate(() => {
          const nav = performance.getEntriesByType('navigation')[0] as
            | PerformanceNavigationTiming
            | undefined;
          const points: Record<string, number> = {
            html: nav?.responseEnd ?? 0,
            dom: nav?.domContentLoadedEventEnd ?? 0,
          };
          for (const m of performance.getEntriesByType('mark'))
            if (m.name.startsWith('airwave:')) points[m.name.slice(8)] ??= m.startTime;
          return points;
        });
        for (const [k, v] of Object.entries(marks)) phases[k] = [...(phases[k] ?? []), v];
      }
      await viewer.page.goto('about:blank');
    }
    log(`${mode} runs: ${airwaveMs.map((x) => x.toFixed(0)).join(' ')}`);
    const baselineMs = await bareFirstFrames(browser, airwave.url);
    await viewer.context.close();
    await streamer.context.close();
    return { airwaveMs, phases, baselineMs };
  } finally {
    await airwave.stop();
  }
}

/** The floor: two peer connections in one page, from their creation to the fake camera's first frame. */
async function bareFirstFrames(browser: Browser, url: string) {
  const bare = await newUser(browser, url);
  await bare.page.goto('/login'); // any same-origin page: a secure context for getUserMedia
  const baselineMs: number[] = [];
  for (let i = 0; i < RUNS + 1; i++) {
    const ms = await bare.page.evaluate(async () => {
      const camera = await navigator.mediaDevices.getUserMedia({ video: true });
      const start = performance.now();
      const a = new RTCPeerConnection();
      const b = new RTCPeerConnection();
      a.onicecandidate = (e) => void (e.candidate && b.addIceCandidate(e.candidate));
      b.onicecandidate = (e) => void (e.candidate && a.addIceCandidate(e.candidate));
      const video = document.createElement('video');
      video.muted = true;
      video.autoplay = true;
      document.body.append(video);
      const firstFrame = new Promise<number>((resolve) => {
        b.ontrack = (e) => {
          video.srcObject = e.streams[0] ?? new MediaStream([e.track]);
          const poll = () =>
            (video.getVideoPlaybackQuality().totalVideoFrames ?? 0) > 0
              ? resolve(performance.now() - start)
              : requestAnimationFrame(poll);
          poll();
        };
      });
      for (const t of camera.getTracks()) a.addTrack(t, camera);
      await a.setLocalDescription(await a.createOffer());
      await b.setRemoteDescription(a.localDescription as RTCSessionDescriptionInit);
      await b.setLocalDescription(await b.createAnswer());
      await a.setRemoteDescription(b.localDescription as RTCSessionDescriptionInit);
      const ms = await firstFrame;
      a.close();
      b.close();
      video.remove();
      for (const t of camera.getTracks()) t.stop();
      return ms;
    });
    log(`baseline run ${i}: ${ms.toFixed(0)} ms`);
    if (i > 0) baselineMs.push(ms);
  }
  await bare.context.close();
  return baselineMs;
}

// With mDNS host names Chromium hides the interface address Janus needs to reach it (both modes
// run in this browser, so they are compared under the same flags).
const browser = await launchBrowser(['--disable-features=WebRtcHideLocalIpsWithMdns']);
const results: Partial<Record<'p2p' | 'sfu', Awaited<ReturnType<typeof airwaveFirstFrames>>>> = {};
try {
  for (const mode of ['p2p', 'sfu'] as const) results[mode] = await airwaveFirstFrames(browser, mode);
} finally {
  await browser.close();
}

const NAMES = { p2p: 'P2P mesh (MEDIA_MODE=p2p)', sfu: 'SFU through Janus (MEDIA_MODE=sfu)' } as const;
console.log(
  `\n| Airwave: open /streams/:id → first frame (${RUNS} runs) | median ms | min ms | max ms | bare pair median ms | **ratio Airwave / bare** |\n| --- | ---: | ---: | ---: | ---: | ---: |`,
);
for (const [mode, r] of Object.entries(results) as [keyof typeof NAMES, (typeof results)['p2p'] & {}][]) {
  const a = median(r.airwaveMs);
  const b = median(r.baselineMs);
  console.log(
    `| ${NAMES[mode]} | ${a.toFixed(0)} | ${Math.min(...r.airwaveMs).toFixed(0)} | ${Math.max(...r.airwaveMs).toFixed(0)} | ${b.toFixed(0)} | **${(a / b).toFixed(2)}** |`,
  );
}
for (const [mode, r] of Object.entries(results) as [keyof typeof NAMES, (typeof results)['p2p'] & {}][]) {
  console.log(`\nWhere the ${mode} time goes (median ms since navigation start):`);
  for (const [k, v] of Object.entries(r.phases).sort((x, y) => median(x[1]) - median(y[1]))) {
    console.log(`  ${k.padEnd(18)} ${median(v).toFixed(0)}`);
  }
}
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(
  new URL('./results/first-frame.json', import.meta.url),
  JSON.stringify({ runs: RUNS, ...results }, null, 2),
);
