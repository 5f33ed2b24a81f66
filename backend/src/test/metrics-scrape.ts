import type { TestServer } from './test-server.ts';

/** One sample of Prometheus text output: its metric name, labels and value. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /(\w+)="((?:[^"\\]|\\.)*)"/g;

/** Parses Prometheus text exposition: the samples, and every metric family named by a # HELP line. */
export function parseMetrics(text: string): { samples: Sample[]; families: Set<string> } {
  const samples: Sample[] = [];
  const families = new Set<string>();
  for (const line of text.split('\n')) {
    const help = /^# HELP (\S+)/.exec(line);
    if (help?.[1]) families.add(help[1]);
    const m = SAMPLE.exec(line);
    if (!m || line.startsWith('#')) continue;
    const labels: Record<string, string> = {};
    for (const [, k, v] of (m[2] ?? '').matchAll(LABEL)) if (k !== undefined) labels[k] = v ?? '';
    samples.push({ name: m[1] ?? '', labels, value: Number(m[3]) });
  }
  return { samples, families };
}

/** Reads /metrics of a test server (no token is set in tests). */
export async function scrape(server: TestServer, token?: string) {
  const res = await server.api<string>('GET', '/metrics', {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (res.status !== 200) throw new Error(`/metrics answered ${res.status}`);
  const parsed = parseMetrics(res.body);
  return {
    ...parsed,
    /** The value of one series (0 when it has no sample yet, as Prometheus's `or vector(0)` would). */
    value(name: string, labels: Record<string, string> = {}) {
      const hit = parsed.samples.find(
        (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
      );
      return hit?.value ?? 0;
    },
  };
}
