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

  return { registry, httpDuration, activeSockets, authEvents, httpMiddleware, markRouteBase };
}

export type Metrics = ReturnType<typeof createMetrics>;
