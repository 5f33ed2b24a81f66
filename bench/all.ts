/**
 * `npm run bench`: every benchmark, one after another (they would skew each other side by side on
 * two cores), each printing its own tables with the bare baseline of the same run and the ratio.
 * The tables of this run replace the "Latest npm run bench" section of docs/performance.md; the
 * dated sections above it stay as the history of what changed and why.
 *
 *   npm run bench                          all of them (about 20 minutes on 2 cores)
 *   BENCH_ONLY=http,gifts npm run bench    a subset, by the names below
 *
 * A bench that fails is reported in the section with its exit code, the others still run, and the
 * command exits non-zero. The PostgreSQL cases use BENCH_PG (default: the machine's server).
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './child-process.ts';

const PG = process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

interface Bench {
  name: string;
  file: string;
  what: string;
  env?: Record<string, string>;
}

const BENCHES: Bench[] = [
  { name: 'http', file: 'http.ts', what: '`/api/auth/me` and login on PGlite, next to bare Express' },
  {
    name: 'http-pg',
    file: 'http.ts',
    what: 'the same on the PostgreSQL server',
    env: { BENCH_PG: PG },
  },
  { name: 'gifts', file: 'gifts.ts', what: 'gifts per second on PostgreSQL, next to `pgbench -N`' },
  {
    name: 'chat-fanout',
    file: 'chat-fanout.ts',
    what: 'chat deliveries, joins and heap per viewer, next to bare Socket.IO',
  },
  { name: 'many-rooms', file: 'many-rooms.ts', what: '10,000 sockets over 50 rooms, one node and two' },
  { name: 'first-frame', file: 'first-frame.ts', what: 'page open → first decoded frame, P2P and SFU' },
  { name: 'glass-to-glass', file: 'glass-to-glass.ts', what: 'camera → viewer latency, P2P and SFU' },
  { name: 'sfu-viewers', file: 'sfu-viewers.ts', what: 'SFU audience size and Janus CPU per viewer' },
];

const START = '<!-- npm run bench: start -->';
const END = '<!-- npm run bench: end -->';

/** Runs one bench with its output shown as it goes; resolves to what it printed and its exit code. */
function run(bench: Bench): Promise<{ out: string; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--conditions=airwave-source', path.join('bench', bench.file)],
      { cwd: repoRoot, env: { ...process.env, ...bench.env }, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      out += chunk.toString();
    });
    child.on('close', (code) => resolve({ out, code }));
  });
}

/** The markdown tables a bench printed (runs of lines starting with `|`), each with the line before it. */
function tables(out: string): string[] {
  const lines = out.split('\n');
  const found: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]?.startsWith('|')) continue;
    let end = i;
    while (lines[end + 1]?.startsWith('|')) end++;
    const title = lines
      .slice(0, i)
      .reverse()
      .find((l) => l.trim() !== '');
    const caption = title && !title.startsWith('|') && !title.startsWith('{') ? `${title.trim()}\n\n` : '';
    found.push(`${caption}${lines.slice(i, end + 1).join('\n')}`);
    i = end;
  }
  return found;
}

const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
const chosen = only ? BENCHES.filter((b) => only.includes(b.name)) : BENCHES;
if (only && chosen.length !== only.length) {
  throw new Error(`unknown bench in BENCH_ONLY; the names are: ${BENCHES.map((b) => b.name).join(', ')}`);
}

const startedAt = new Date();
const loadBefore = os.loadavg()[0] ?? 0;
const sections: string[] = [];
let failed = 0;
for (const bench of chosen) {
  const started = Date.now();
  const { out, code } = await run(bench);
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  // Other work on the box skews every figure, baselines included: say how busy it was.
  const loadAfter = (os.loadavg()[0] ?? 0).toFixed(1);
  const found = tables(out);
  if (code !== 0) failed++;
  sections.push(
    [
      `### ${bench.name}: ${bench.what}`,
      `\`${bench.env ? `${Object.keys(bench.env).join(' ')}=… ` : ''}npm run bench:${bench.file.replace('.ts', '')}\`, ${minutes} min, load average at its end ${loadAfter}${code === 0 ? '' : `, **failed (exit code ${code})**`}`,
      ...(found.length ? found : ['(no table printed)']),
    ].join('\n\n'),
  );
}

const header = [
  START,
  '## Latest `npm run bench`',
  '',
  `Written by \`npm run bench\` on ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC: ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average before the run ${loadBefore.toFixed(1)}.${only ? ` Only: ${only.join(', ')}.` : ''} Each table compares Airwave with a bare baseline from the same run; the dated sections above explain the figures.`,
  '',
  sections.join('\n\n'),
  END,
].join('\n');

const docPath = path.join(repoRoot, 'docs', 'performance.md');
const doc = readFileSync(docPath, 'utf8');
const at = doc.indexOf(START);
const next =
  at === -1
    ? `${doc.trimEnd()}\n\n${header}\n`
    : `${doc.slice(0, at)}${header}${doc.slice(doc.indexOf(END) + END.length)}`;
writeFileSync(docPath, next);
console.log(`\nWrote the tables of ${chosen.length} benches to docs/performance.md (${failed} failed).`);
if (failed) process.exitCode = 1;
