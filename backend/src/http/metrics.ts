import type { RequestHandler } from 'express';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** One registry per app instance, so several instances in one test process do not collide. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const httpDuration = new Histogram({
    name: 'airwave_http_request_duration_seconds',
    help: 'HTTP request latency by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const activeSockets = new Gauge({
    name: 'airwave_socket_connections',
    help: 'Socket.IO connections open on this node',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  const authEvents = new Counter({
    name: 'airwave_auth_events_total',
    help: 'Authentication outcomes (login, register, refresh, reuse detected, logout)',
    labelNames: ['event', 'outcome'] as const,
    registers: [registry],
  });

  // Business facts, counted by the services where they happen (through platform/business-events.ts).
  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[] = []) =>
    new Counter<L>({ name, help, labelNames, registers: [registry] });
  const business = {
    chatMessages: counter('airwave_chat_messages_total', 'Chat messages accepted and stored'),
    moderationActions: counter('airwave_moderation_actions_total', 'Moderation actions by kind', [
      'action',
    ] as const),
    gifts: counter('airwave_gifts_total', 'Gift items sent (a combo of 5 counts 5)'),
    coinsBought: counter('airwave_coins_bought_total', 'Coins credited by completed purchases'),
    coinsSpent: counter('airwave_coins_spent_total', 'Coins spent on gifts'),
    beansEarned: counter('airwave_beans_earned_total', 'Beans earned by streamers from gifts'),
    payouts: counter(
      'airwave_payouts_total',
      'Payouts by outcome (requested, approved, rejected, paid, reversed)',
      ['outcome'] as const,
    ),
    payoutBeans: counter('airwave_payout_beans_total', 'Beans in payouts by outcome', ['outcome'] as const),
    payments: counter('airwave_payments_total', 'Coin purchases by provider and outcome', [
      'provider',
      'outcome',
    ] as const),
    webhooks: counter('airwave_payment_webhooks_total', 'Payment webhook deliveries by outcome', [
      'outcome',
    ] as const),
    socketRefusals: counter(
      'airwave_socket_events_refused_total',
      'Socket events answered ok:false, by code',
      ['code'] as const,
    ),
  };

  /** Gauges read at scrape time from whatever holds the truth (the database, the pool). */
  function gaugeFrom<L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    read: () =>
      | Promise<Array<{ labels: Record<L, string>; value: number }>>
      | Array<{ labels: Record<L, string>; value: number }>,
  ) {
    return new Gauge<L>({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        try {
          const values = await read();
          this.reset();
          for (const v of values) this.set(v.labels, v.value);
        } catch {
          // The source is away (database down): the scrape still answers, with the last figures.
        }
      },
    });
  }

  const httpMiddleware: RequestHandler = (req, res, next) => {
    const end = httpDuration.startTimer();
    res.on('finish', () => {
      // Route patterns, never raw paths, keep the label set small whatever URLs clients send.
      const base = typeof res.locals.routeBase === 'string' ? res.locals.routeBase : req.baseUrl;
      const route = req.route ? `${base}${String(req.route.path)}` : 'unmatched';
      end({ method: req.method, route, status_code: String(res.statusCode) });
    });
    next();
  };

  /** Express restores `baseUrl` when an error leaves a router, so the mount path is noted on the way in. */
  const markRouteBase: RequestHandler = (req, res, next) => {
    res.locals.routeBase = req.baseUrl;
    next();
  };

  return {
    registry,
    httpDuration,
    activeSockets,
    authEvents,
    business,
    gaugeFrom,
    httpMiddleware,
    markRouteBase,
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
