import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { scrape } from '../test/metrics-scrape.ts';
import { startTestServer, type TestServer } from '../test/test-server.ts';

const deploy = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../deploy');
const TOKEN = 'metrics-token-for-the-dashboard-test';

const Dashboard = z.object({
  panels: z.array(z.object({ title: z.string(), targets: z.array(z.object({ expr: z.string() })).min(1) })),
});

/** PromQL words that are not metric names. */
const KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'and',
  'or',
  'unless',
  'offset',
  'inf',
  'nan',
]);

/**
 * The metric names a PromQL expression selects: label matchers, range and grouping clauses and
 * strings are dropped, then every identifier that is not a function call or a keyword is a metric.
 */
export function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '')
    .replace(/\b\d+(\.\d+)?(e[-+]?\d+)?\b/gi, '')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '');
  const names = new Set<string>();
  for (const m of bare.matchAll(/([a-zA-Z_:][\w:]*)(\s*\()?/g)) {
    const [, name, call] = m;
    if (name && !call && !KEYWORDS.has(name.toLowerCase())) names.add(name);
  }
  return [...names];
}

describe('deploy/grafana/airwave.json queries only metrics that /metrics serves', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ METRICS_TOKEN: TOKEN });
  });
  afterAll(() => s.close());

  it('extracts the metric names of every panel and finds each in a real scrape', async () => {
    const dashboard = Dashboard.parse(
      JSON.parse(readFileSync(path.join(deploy, 'grafana/airwave.json'), 'utf8')),
    );
    const wanted = new Set(dashboard.panels.flatMap((p) => p.targets.flatMap((t) => metricNames(t.expr))));
    // The parser itself: a known expression yields exactly its one metric.
    expect(metricNames('sum by (le) (rate(x_seconds_bucket{a="b"}[5m]))')).toEqual(['x_seconds_bucket']);
    expect(wanted.size).toBeGreaterThan(15);

    await s.api('GET', '/api/streams'); // one observation, so the latency histogram has samples
    expect((await s.api('GET', '/metrics')).status).toBe(401); // the token is required
    const metrics = await scrape(s, TOKEN);
    const served = new Set([...metrics.families, ...metrics.samples.map((x) => x.name)]);
    const missing = [...wanted].filter((name) => !served.has(name));
    expect(missing).toEqual([]);
  });

  it('deploy/prometheus/prometheus.yml scrapes /metrics with the METRICS_TOKEN bearer', () => {
    const config = readFileSync(path.join(deploy, 'prometheus/prometheus.yml'), 'utf8');
    expect(config).toMatch(/metrics_path:\s*\/metrics/);
    expect(config).toMatch(/authorization:\s*\n\s+type:\s*Bearer\s*\n\s+credentials_file:\s*\S+/);
  });
});
