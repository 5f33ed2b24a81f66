import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const csv = z.string().transform((s) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean),
);
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const janusUrl = z.url().regex(/^wss?:\/\//, 'must be ws:// or wss:// URLs');
const optionalString = z
  .string()
  .optional()
  .transform((s) => (s === '' ? undefined : s));

/** Every setting Airwave reads from the environment. The README documents each one. */
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: int(0, 65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  CORS_ORIGINS: csv.optional(),
  TRUST_PROXY: z.string().default('false'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'must look like 100kb')
    .default('100kb'),
  SHUTDOWN_TIMEOUT_MS: int(100, 60_000).default(10_000),
  // Long enough that guessing it over the network is hopeless, so the endpoint needs no throttle.
  METRICS_TOKEN: optionalString.pipe(z.string().min(24, 'must be at least 24 characters').optional()),
  /** Other origins the pages may load images from (avatars, thumbnails on a CDN); CSP img-src. */
  CSP_IMG_ORIGINS: csv.pipe(z.array(z.url().transform((u) => new URL(u).origin))).default([]),

  DATA_DIR: z.string().default(path.join(repoRoot, 'data')),
  DATABASE_URL: optionalString.pipe(z.url().optional()),
  DATABASE_POOL_MAX: int(1, 200).default(10),
  DATABASE_CONNECT_TIMEOUT_MS: int(100, 60_000).default(5000),
  DATABASE_STATEMENT_TIMEOUT_MS: int(0, 3_600_000).default(30_000),
  DATABASE_STARTUP_WAIT_SECONDS: int(0, 3600).default(60),
  REDIS_URL: optionalString.pipe(z.url().optional()),
  REDIS_KEY_PREFIX: z.string().default('airwave:'),

  JWT_SECRET: optionalString.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
  JWT_ISSUER: z.string().min(1).default('airwave'),
  JWT_AUDIENCE: z.string().min(1).default('airwave-api'),
  ACCESS_TOKEN_TTL_SECONDS: int(30, 3600).default(900),
  REFRESH_TOKEN_TTL_SECONDS: int(300, 365 * 86_400).default(30 * 86_400),
  BCRYPT_COST: int(4, 15).default(12),
  PASSWORD_MIN_SCORE: int(0, 4).default(3),

  LOGIN_LIMIT_PER_IP: int(1, 100_000).default(20),
  // Failures per account answered at once; after them each failure doubles a wait (no lock-out).
  LOGIN_LIMIT_PER_ACCOUNT: int(1, 1000).default(5),
  LOGIN_LIMIT_PER_ACCOUNT_IP: int(1, 100_000).default(10),
  LOGIN_MAX_DELAY_SECONDS: int(1, 3600).default(60),
  LOGIN_LIMIT_WINDOW_SECONDS: int(1, 86_400).default(900),
  REFRESH_FAILURE_LIMIT_PER_IP: int(1, 100_000).default(30),
  REGISTER_LIMIT_PER_IP: int(1, 100_000).default(10),
  REGISTER_LIMIT_WINDOW_SECONDS: int(1, 86_400).default(3600),
  CHAT_RATE_POINTS: int(1, 1000).default(3),
  CHAT_RATE_WINDOW_SECONDS: int(1, 3600).default(2),
  SOCKET_EVENTS_PER_10S: int(10, 100_000).default(300),
  SOCKET_AUTH_GRACE_SECONDS: int(1, 600).default(30),
  SOCKET_POINTS_PER_IP_10S: int(10, 1_000_000).default(3000),
  SOCKET_POINTS_PER_USER_10S: int(10, 1_000_000).default(1000),
  SOCKET_CONNECTIONS_PER_IP: int(1, 100_000).default(50),
  SOCKET_CONNECTIONS_PER_USER: int(1, 10_000).default(20),
  SOCKET_HANDSHAKES_PER_IP_PER_MINUTE: int(1, 1_000_000).default(120),
  VIEWERS_PER_IP: int(1, 100_000).default(10),

  // p2p: the streamer's own connection feeds every viewer; sfu: every stream goes through Janus;
  // auto: the mesh for a small audience, Janus once a stream has more than SFU_SWITCH_VIEWERS.
  MEDIA_MODE: z.enum(['p2p', 'sfu', 'auto']).default('auto'),
  /** In auto mode, the most media viewers a stream keeps on the mesh (home uplinks carry about 4). */
  SFU_SWITCH_VIEWERS: int(1, 500).default(4),
  /** An external Janus's WebSocket API; unset: a private Janus is started when `janus` is on the PATH. */
  JANUS_URL: optionalString.pipe(janusUrl.optional()),
  /** Several external Janus servers (one JANUS_API_SECRET); each new stream goes to the least loaded. */
  JANUS_URLS: csv
    .pipe(
      z.array(janusUrl).refine((urls) => new Set(urls).size === urls.length, 'must not list a Janus twice'),
    )
    .default([]),
  JANUS_API_SECRET: optionalString,
  /** The UDP ports the private Janus gives peer connections (one each); open them to viewers. */
  JANUS_RTP_PORTS: z
    .string()
    .regex(/^\d{4,5}-\d{4,5}$/, 'must look like 20000-20999')
    .refine((r) => {
      const [low = 0, high = 0] = r.split('-').map(Number);
      return low >= 1024 && low < high && high <= 65_535;
    }, 'must be a range of unprivileged ports, low-high')
    .default('20000-20999'),
  P2P_MAX_VIEWERS: int(1, 500).default(20),
  P2P_UPLINK_KBPS: int(300, 1_000_000).default(4000),
  STREAMER_GRACE_SECONDS: int(0, 3600).default(60),
  VIEWER_COUNT_INTERVAL_MS: int(50, 60_000).default(500),
  STUN_URLS: csv.default(['stun:stun.l.google.com:19302']),
  TURN_URLS: csv.default([]),
  TURN_SECRET: optionalString,
  // A leaked credential relays for anyone until it expires: keep that window short (refreshed in-session).
  TURN_TTL_SECONDS: int(60, 3600).default(3600),
  TURN_CREDENTIALS_PER_IP_PER_HOUR: int(1, 100_000).default(120),

  BEANS_PER_COIN: int(1, 1000).default(1),
  PAYOUT_CENTS_PER_100_BEANS: int(1, 100_000).default(50),
  PAYOUT_CURRENCY: z.string().length(3).default('usd'),
  MIN_PAYOUT_BEANS: int(1, 100_000_000).default(10_000),
  COIN_VALUE_CENTS: int(1, 10_000).default(1),
  GIFT_RATE_POINTS: int(1, 100_000).default(20),
  GIFT_RATE_WINDOW_SECONDS: int(1, 3600).default(10),
  BEAN_SETTLE_INTERVAL_MS: int(10, 60_000).default(250),
  /** Days gift beans stay on hold (a chargeback can still take them back) before a payout may use them. */
  BEAN_HOLD_DAYS: int(0, 365).default(7),
  // Spending limits, all in coins (one unit whatever the currency a package is priced in); 0 = no cap.
  PURCHASE_DAILY_LIMIT_COINS: int(0, 1_000_000_000).default(50_000),
  PURCHASE_MONTHLY_LIMIT_COINS: int(0, 1_000_000_000).default(200_000),
  NEW_ACCOUNT_PURCHASE_DELAY_HOURS: int(0, 24 * 90).default(0),
  GIFT_DAILY_LIMIT_COINS: int(0, 1_000_000_000).default(50_000),
  GIFT_LIMIT_RAISE_COOLING_OFF_HOURS: int(0, 24 * 90).default(24),

  STRIPE_SECRET_KEY: optionalString,
  STRIPE_WEBHOOK_SECRET: optionalString,
  /** Where the Stripe SDK sends API calls; only tests set it (a local fake Stripe). */
  STRIPE_API_BASE: optionalString.pipe(z.url().optional()),
  /** `whsec_…` of the Connect endpoint (events on connected accounts: account.updated, payout.failed). */
  STRIPE_CONNECT_WEBHOOK_SECRET: optionalString,
  /** Country of the Express accounts streamers open for payouts (ISO 3166-1 alpha-2). */
  STRIPE_CONNECT_COUNTRY: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be a two-letter country code')
    .default('US'),
  /** How often payouts whose transfer did not finish (Stripe unreachable, a crash) are driven again. */
  PAYOUT_RETRY_INTERVAL_MS: int(50, 3_600_000).default(60_000),

  ADMIN_EMAIL: optionalString,
  ADMIN_PASSWORD: optionalString,
  ADMIN_NICKNAME: z.string().default('admin'),
  SENTRY_DSN: optionalString.pipe(z.url().optional()),
  /** The web and admin apps' DSN (often a project of its own); defaults to SENTRY_DSN. */
  SENTRY_BROWSER_DSN: optionalString.pipe(z.url().optional()),
  SENTRY_ENVIRONMENT: optionalString,
  SENTRY_RELEASE: optionalString,

  DEMO_DATA: bool.default(true),
  SERVE_WEB: bool.default(true),
});

export type Env = z.input<typeof EnvSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function parseTrustProxy(value: string): boolean | number | string {
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value; // an address list such as "loopback" or "10.0.0.0/8"
}

/** Development gets a secret that survives restarts, so a restart does not sign everybody out. */
function devJwtSecret(dataDir: string): string {
  const file = path.join(dataDir, '.jwt-secret');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    const secret = randomBytes(48).toString('base64url');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}

/** The default release name: the backend's package version (deploys set SENTRY_RELEASE to a commit). */
function backendVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'backend/package.json'), 'utf8')) as {
    version?: unknown;
  };
  return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}

export function loadConfig(env: Record<string, string | undefined> = process.env) {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`),
    );
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const problems: string[] = [];
  if (production && !e.JWT_SECRET) problems.push('JWT_SECRET: is required when NODE_ENV=production');
  if (production && e.BCRYPT_COST < 12) problems.push('BCRYPT_COST: must be at least 12 in production');
  if (e.TURN_URLS.length > 0 && !e.TURN_SECRET)
    problems.push('TURN_SECRET: is required when TURN_URLS is set');
  if (e.JANUS_URL && e.JANUS_URLS.length) {
    problems.push('JANUS_URL / JANUS_URLS: set one of them (JANUS_URL is a one-server JANUS_URLS)');
  }
  const janusUrls = e.JANUS_URL ? [e.JANUS_URL] : e.JANUS_URLS;
  if (janusUrls.length && !e.JANUS_API_SECRET) {
    problems.push(
      'JANUS_API_SECRET: is required when JANUS_URL or JANUS_URLS is set (Janus must refuse callers without it)',
    );
  }
  if (Boolean(e.ADMIN_EMAIL) !== Boolean(e.ADMIN_PASSWORD)) {
    problems.push('ADMIN_EMAIL / ADMIN_PASSWORD: set both or neither');
  }
  // Without the webhook secret no purchase could ever complete: refuse to start half-configured.
  if (e.STRIPE_SECRET_KEY && !e.STRIPE_WEBHOOK_SECRET) {
    problems.push('STRIPE_WEBHOOK_SECRET: is required when STRIPE_SECRET_KEY is set');
  }
  if (problems.length) throw new ConfigError(problems);

  const publicUrl = e.PUBLIC_URL ?? `http://localhost:${e.PORT}`;
  return {
    env: e.NODE_ENV,
    production,
    host: e.HOST,
    port: e.PORT,
    publicUrl,
    corsOrigins: e.CORS_ORIGINS ?? [new URL(publicUrl).origin],
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    logLevel: e.LOG_LEVEL,
    bodyLimit: e.BODY_LIMIT,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    metricsToken: e.METRICS_TOKEN,
    cspImgOrigins: e.CSP_IMG_ORIGINS,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    databasePoolMax: e.DATABASE_POOL_MAX,
    databaseConnectTimeoutMs: e.DATABASE_CONNECT_TIMEOUT_MS,
    databaseStatementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
    databaseStartupWaitSeconds: e.DATABASE_STARTUP_WAIT_SECONDS,
    redisUrl: e.REDIS_URL,
    redisKeyPrefix: e.REDIS_KEY_PREFIX,
    auth: {
      jwtSecret: e.JWT_SECRET ?? devJwtSecret(e.DATA_DIR),
      issuer: e.JWT_ISSUER,
      audience: e.JWT_AUDIENCE,
      accessTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
      refreshTtlSeconds: e.REFRESH_TOKEN_TTL_SECONDS,
      bcryptCost: e.BCRYPT_COST,
      passwordMinScore: e.PASSWORD_MIN_SCORE,
      socketGraceMs: e.SOCKET_AUTH_GRACE_SECONDS * 1000,
    },
    rateLimits: {
      /** Every check of a typed password: login, and the current password on a change. */
      login: {
        perIp: { points: e.LOGIN_LIMIT_PER_IP, durationSeconds: e.LOGIN_LIMIT_WINDOW_SECONDS },
        perAccountIp: { points: e.LOGIN_LIMIT_PER_ACCOUNT_IP, durationSeconds: e.LOGIN_LIMIT_WINDOW_SECONDS },
        freeFailures: e.LOGIN_LIMIT_PER_ACCOUNT,
        maxDelaySeconds: e.LOGIN_MAX_DELAY_SECONDS,
        windowSeconds: e.LOGIN_LIMIT_WINDOW_SECONDS,
      },
      refreshFailuresPerIp: {
        points: e.REFRESH_FAILURE_LIMIT_PER_IP,
        durationSeconds: e.LOGIN_LIMIT_WINDOW_SECONDS,
      },
      registerPerIp: { points: e.REGISTER_LIMIT_PER_IP, durationSeconds: e.REGISTER_LIMIT_WINDOW_SECONDS },
      chat: { points: e.CHAT_RATE_POINTS, durationSeconds: e.CHAT_RATE_WINDOW_SECONDS },
      socketEventsPer10s: e.SOCKET_EVENTS_PER_10S,
      socketPointsPerIp: { points: e.SOCKET_POINTS_PER_IP_10S, durationSeconds: 10 },
      socketPointsPerUser: { points: e.SOCKET_POINTS_PER_USER_10S, durationSeconds: 10 },
      socketHandshakesPerIp: { points: e.SOCKET_HANDSHAKES_PER_IP_PER_MINUTE, durationSeconds: 60 },
      socketConnectionsPerIp: e.SOCKET_CONNECTIONS_PER_IP,
      socketConnectionsPerUser: e.SOCKET_CONNECTIONS_PER_USER,
      turnCredentialsPerIp: { points: e.TURN_CREDENTIALS_PER_IP_PER_HOUR, durationSeconds: 3600 },
    },
    media: {
      mode: e.MEDIA_MODE,
      sfuSwitchViewers: e.SFU_SWITCH_VIEWERS,
      p2pMaxViewers: e.P2P_MAX_VIEWERS,
      p2pUplinkKbps: e.P2P_UPLINK_KBPS,
      stunUrls: e.STUN_URLS,
      turnUrls: e.TURN_URLS,
      turnSecret: e.TURN_SECRET,
      turnTtlSeconds: e.TURN_TTL_SECONDS,
      janus: {
        /** External Janus servers; empty: a private one (see janus-runtime.ts). */
        urls: janusUrls,
        apiSecret: e.JANUS_API_SECRET,
        rtpPorts: e.JANUS_RTP_PORTS,
        /** The sample configs the private Janus is rendered from. */
        templatesDir: path.join(repoRoot, 'deploy/janus'),
        dir: path.join(e.DATA_DIR, 'janus'),
      },
    },
    rooms: {
      graceMs: e.STREAMER_GRACE_SECONDS * 1000,
      viewerCountIntervalMs: e.VIEWER_COUNT_INTERVAL_MS,
      viewersPerIp: e.VIEWERS_PER_IP,
    },
    economy: {
      beansPerCoin: e.BEANS_PER_COIN,
      payoutCentsPer100Beans: e.PAYOUT_CENTS_PER_100_BEANS,
      payoutCurrency: e.PAYOUT_CURRENCY,
      minPayoutBeans: e.MIN_PAYOUT_BEANS,
      coinValueCents: e.COIN_VALUE_CENTS,
      giftRate: { points: e.GIFT_RATE_POINTS, durationSeconds: e.GIFT_RATE_WINDOW_SECONDS },
      settleIntervalMs: e.BEAN_SETTLE_INTERVAL_MS,
      beanHoldDays: e.BEAN_HOLD_DAYS,
    },
    /** Spending limits in coins; null = no cap. */
    limits: {
      purchaseDailyCoins: e.PURCHASE_DAILY_LIMIT_COINS || null,
      purchaseMonthlyCoins: e.PURCHASE_MONTHLY_LIMIT_COINS || null,
      newAccountPurchaseDelayMs: e.NEW_ACCOUNT_PURCHASE_DELAY_HOURS * 3_600_000,
      giftDailyCoins: e.GIFT_DAILY_LIMIT_COINS || null,
      raiseCoolingOffMs: e.GIFT_LIMIT_RAISE_COOLING_OFF_HOURS * 3_600_000,
    },
    payments: {
      /** Stripe when a key is set; otherwise the dev provider (which production refuses to use). */
      stripe:
        e.STRIPE_SECRET_KEY && e.STRIPE_WEBHOOK_SECRET
          ? {
              secretKey: e.STRIPE_SECRET_KEY,
              webhookSecret: e.STRIPE_WEBHOOK_SECRET,
              apiBase: e.STRIPE_API_BASE ? new URL(e.STRIPE_API_BASE) : undefined,
              connectWebhookSecret: e.STRIPE_CONNECT_WEBHOOK_SECRET,
              connectCountry: e.STRIPE_CONNECT_COUNTRY,
            }
          : undefined,
      payoutRetryIntervalMs: e.PAYOUT_RETRY_INTERVAL_MS,
    },
    admin:
      e.ADMIN_EMAIL && e.ADMIN_PASSWORD
        ? { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD, nickname: e.ADMIN_NICKNAME }
        : undefined,
    /** Error reporting, on only with a DSN; the browser part is handed to the pages at run time. */
    sentry: e.SENTRY_DSN
      ? {
          dsn: e.SENTRY_DSN,
          browserDsn: e.SENTRY_BROWSER_DSN ?? e.SENTRY_DSN,
          environment: e.SENTRY_ENVIRONMENT ?? e.NODE_ENV,
          release: e.SENTRY_RELEASE ?? `airwave@${backendVersion()}`,
        }
      : undefined,
    demoData: e.DEMO_DATA && !production,
    serveWeb: e.SERVE_WEB,
  };
}

export type Config = ReturnType<typeof loadConfig>;
