/**
 * Time from opening a live stream's page to the first decoded video frame, in Chromium over
 * loopback, median of N (default 10). The baseline, in the same browser and run, is the floor any
 * WebRTC player pays: two peer connections in one page, negotiated locally with no server at all,
 * from creating them to the first frame of the fake camera on a <video>.
 *
 *   npm run build && npm run bench:first-frame   (BENCH_RUNS=10; needs Chromium, see README)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import {
  launchBrowser,
  newUser,
  registerThroughUi,
  startAirwave,
  waitForDecodedVideo,
} from '../e2e/harness.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

const log = (m: string) => process.env.BENCH_DEBUG && console.error(m);
const airwave = await startAirwave();
log('server up');
const browser = await launchBrowser();
try {
  const host = await newUser(browser, airwave.url);
  await registerThroughUi(host.page, 'benchhost');
  await host.page.goto('/live');
  await waitForDecodedVideo(host.page, '[data-testid="preview"]');
  await host.page.getByLabel('Title').fill('First frame bench');
  await host.page.getByTestId('go-live').click();
  await host.page.getByTestId('live-timer').waitFor();
  const streamPath = await host.page.getByRole('link', { name: 'Open the viewer page' }).getAttribute('href');

  log(`live at ${streamPath}`);
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
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
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

  log(`airwave runs: ${airwaveMs.map((x) => x.toFixed(0)).join(' ')}`);
  const bare = await newUser(browser, airwave.url);
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

  const a = median(airwaveMs);
  const b = median(baselineMs);
  const rows = [
    ['Airwave: open /streams/:id → first frame', a, Math.min(...airwaveMs), Math.max(...airwaveMs)],
    ['bare loopback RTCPeerConnection pair', b, Math.min(...baselineMs), Math.max(...baselineMs)],
  ] as const;
  console.log(`\n| case (${RUNS} runs) | median ms | min ms | max ms |\n| --- | ---: | ---: | ---: |`);
  for (const [name, med, min, max] of rows)
    console.log(`| ${name} | ${med.toFixed(0)} | ${min.toFixed(0)} | ${max.toFixed(0)} |`);
  console.log(`| **ratio Airwave / bare** | **${(a / b).toFixed(2)}** | | |\n`);
  console.log('Where the Airwave time goes (median ms since navigation start):');
  for (const [k, v] of Object.entries(phases).sort((x, y) => median(x[1]) - median(y[1]))) {
    console.log(`  ${k.padEnd(18)} ${median(v).toFixed(0)}`);
  }
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(
    new URL('./results/first-frame.json', import.meta.url),
    JSON.stringify(
      { runs: RUNS, airwaveMs, baselineMs, phases, medianAirwave: a, medianBaseline: b },
      null,
      2,
    ),
  );
} finally {
  await browser.close();
  await airwave.stop();
}
