import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { startServer } from '../backend/src/test/server-process.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';

/** CI always installs Chromium; on a laptop without it the browser suites report as skipped. */
export const browserAvailable = process.env.CI === 'true' || existsSync(CHROMIUM);

/** The whole service as `npm start` runs it (built web app included), on its own port and data folder. */
export async function startAirwave(env: Record<string, string> = {}) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'airwave-e2e-'));
  const server = await startServer({
    DATA_DIR: dataDir,
    DEMO_DATA: 'false',
    STREAMER_GRACE_SECONDS: '20',
    // The mesh unless a suite asks for the SFU or auto: a private Janus per test server costs a second.
    MEDIA_MODE: 'p2p',
    ...env,
  });
  return {
    url: server.url,
    /** The server's DATA_DIR (a private Janus keeps its janus.pid under janus/). */
    dataDir,
    /** The server's process id (a private Janus, when it starts one, is its child process). */
    pid: server.child.pid ?? 0,
    async stop() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * An init script that keeps every peer connection the page opens in `window.__pcs`, so a test or
 * bench can read what its senders and receivers carry (getStats).
 */
export const RECORD_PEER_CONNECTIONS = `
  const Native = window.RTCPeerConnection;
  window.__pcs = [];
  window.RTCPeerConnection = class extends Native {
    constructor(...args) { super(...args); window.__pcs.push(this); }
  };
`;

/**
 * The same, plus the time of every video frame the viewer sees (requestVideoFrameCallback) in
 * `window.__frames`, and in `window.__swaps` the first such frame of each new stream. The player
 * starts a new stream in a second element behind the one on screen, so only the frames of the
 * element on screen (`data-testid="player-video"`) count.
 */
export const RECORD_PLAYER = `${RECORD_PEER_CONNECTIONS}
  window.__frames = [];
  window.__swaps = [];
  let lastStream = null;
  // One callback chain per element at a time: a new stream may drop the pending callback, so each
  // stream on an element starts a fresh chain and the older one stops.
  const chains = new WeakMap();
  const start = (v) => {
    const mine = (chains.get(v) ?? 0) + 1;
    chains.set(v, mine);
    const tick = (now) => {
      if (chains.get(v) !== mine) return;
      if (v.dataset.testid === 'player-video') {
        if (v.srcObject !== lastStream) { lastStream = v.srcObject; window.__swaps.push(now); }
        window.__frames.push(now);
      }
      v.requestVideoFrameCallback(tick);
    };
    v.requestVideoFrameCallback(tick);
  };
  const watched = new WeakSet();
  setInterval(() => {
    for (const v of document.querySelectorAll('[data-testid^="player-video"]')) {
      if (!v.requestVideoFrameCallback || watched.has(v)) continue;
      watched.add(v);
      v.addEventListener('loadstart', () => start(v));
      start(v);
    }
  }, 50);
`;

/** Debian's Chromium with a fake camera and microphone that need no permission prompt. */
export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      ...extraArgs,
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}

/** A fresh browser profile; console errors are collected so a test can insist there are none. */
export async function newUser(browser: Browser, baseURL: string, viewport = { width: 1280, height: 800 }) {
  const context: BrowserContext = await browser.newContext({
    baseURL,
    viewport,
    permissions: ['camera', 'microphone'],
  });
  // tsx compiles with keepNames, so functions handed to page.evaluate may call esbuild's __name helper.
  await context.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
  const page: Page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  // Name the failing resource, API calls included: the console only says "Failed to load resource".
  page.on('response', (r) => {
    if (r.status() >= 400) consoleErrors.push(`${r.status()} ${r.request().method()} ${r.url()}`);
  });
  return { context, page, consoleErrors };
}

let counter = 0;
/** Registers through the real form and lands signed in. */
export async function registerThroughUi(page: Page, prefix: string) {
  const id = `${prefix}${Date.now().toString(36)}${counter++}`;
  await page.goto('/register');
  await page.getByLabel('Email').fill(`${id}@example.test`);
  await page.getByLabel('Nickname').fill(id);
  await page.getByLabel('Password').fill(`a long passphrase ${id}`);
  await page.getByRole('button', { name: 'Create account' }).click();
  // The balance is in the top bar at every width (on a phone, Sign out sits in the menu).
  await page.getByTestId('coin-balance').waitFor();
  // The form then navigates on its own; let that finish so the caller's next navigation does not race it.
  await page.waitForURL((url) => url.pathname !== '/register');
  return id;
}

/** Waits until the page's <video> has decoded real frames: a size, and time moving forward. */
export async function waitForDecodedVideo(
  page: Page,
  selector = '[data-testid="player-video"]',
  timeout = 30_000,
) {
  await page.waitForFunction(
    (sel) => {
      const v = document.querySelector<HTMLVideoElement>(sel);
      return Boolean(
        v &&
          v.videoWidth > 0 &&
          v.currentTime > 0.5 &&
          (v.getVideoPlaybackQuality?.().totalVideoFrames ?? 1) > 0,
      );
    },
    selector,
    { timeout },
  );
  return page.$eval(selector, (v) => ({
    width: (v as HTMLVideoElement).videoWidth,
    height: (v as HTMLVideoElement).videoHeight,
  }));
}

/**
 * An access token for the page's signed-in user. The apps keep theirs in memory and the refresh
 * token in an HttpOnly cookie, so a test gets one the way the app does: a refresh, under the app's
 * Web Lock so that it never races the app's own refresh with the same cookie.
 */
export function accessTokenFrom(page: Page, app: 'web' | 'admin'): Promise<string | null> {
  return page.evaluate(async (app) => {
    const res = await navigator.locks.request(`airwave.refresh.${app}`, () =>
      fetch('/api/auth/refresh', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-airwave-session': app },
        body: '{}',
      }),
    );
    return res.status === 200 ? ((await res.json()) as { accessToken: string }).accessToken : null;
  }, app);
}

/** A REST call from inside a page, as the user signed in to `app` there. */
export async function apiFrom(
  page: Page,
  app: 'web' | 'admin',
  method: string,
  path: string,
  body?: unknown,
) {
  const token = await accessTokenFrom(page, app);
  return page.evaluate(
    async ({ token, method, path, body }) => {
      const res = await fetch(path, {
        method,
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> };
    },
    { token, method, path, body },
  );
}

/** Anything token-like a page script could read: web storage entries and readable cookies. */
export function readableSecrets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const [name, store] of [
      ['localStorage', localStorage],
      ['sessionStorage', sessionStorage],
    ] as const) {
      for (let i = 0; i < store.length; i++) {
        const key = store.key(i) ?? '';
        const value = store.getItem(key) ?? '';
        if (/token|session/i.test(key) || /eyJ[\w-]+\.[\w-]+|accessToken|refreshToken/.test(value)) {
          found.push(`${name}:${key}`);
        }
      }
    }
    if (/airwave_refresh/.test(document.cookie)) found.push('document.cookie');
    return found;
  });
}

/**
 * Registers, opens /live, waits for the camera preview and goes live. `initScripts` run in the
 * streamer's pages before the app (to record its peer connections, or to replace its camera).
 */
export async function goLive(
  browser: Browser,
  url: string,
  title: string,
  initScripts: string[] = [],
  prefix = 'host',
) {
  const streamer = await newUser(browser, url);
  for (const content of initScripts) await streamer.context.addInitScript({ content });
  await registerThroughUi(streamer.page, prefix);
  await streamer.page.goto('/live');
  await waitForDecodedVideo(streamer.page, '[data-testid="preview"]');
  await streamer.page.getByLabel('Title').fill(title);
  await streamer.page.getByTestId('go-live').click();
  await streamer.page.getByTestId('live-timer').waitFor();
  const streamPath =
    (await streamer.page.getByRole('link', { name: 'Open the viewer page' }).getAttribute('href')) ?? '';
  const streamId = streamPath.split('/').pop() ?? '';
  return { streamer, streamPath, streamId };
}
