/** Running the servers under test in child processes, for every bench. */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const HOST = '127.0.0.1';
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface Child {
  proc: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/**
 * `node [--import tsx] [nodeArgs] <args>` from the repo root, keeping the last 8 KB of its output for
 * error messages; `ipc` opens a message channel (the chat bench asks for heap figures over it).
 * With `BENCH_CPU_PROF=<dir>` every child writes a V8 CPU profile there when it exits (Node refuses
 * `--cpu-prof` in NODE_OPTIONS, so it has to be passed here).
 */
export function startChild(
  args: string[],
  env: Record<string, string>,
  {
    nodeArgs = [],
    ipc = false,
    source = true,
  }: { nodeArgs?: string[]; ipc?: boolean; source?: boolean } = {},
): Child {
  // From source, tsx compiles on the fly (and wraps every function to keep its name: a per-closure
  // cost production does not pay); `source: false` runs built JavaScript as production does.
  const loader = source ? ['--import', 'tsx', '--conditions=airwave-source'] : [];
  const proc = spawn(process.execPath, [...loader, ...cpuProfile(), ...nodeArgs, ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-8000);
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return { proc, output: () => tail, exited };
}

function cpuProfile(): string[] {
  const dir = process.env.BENCH_CPU_PROF;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}

export async function stopChild(child: Child) {
  if (child.proc.exitCode !== null || child.proc.signalCode !== null) return;
  child.proc.kill('SIGTERM');
  const timer = setTimeout(() => child.proc.kill('SIGKILL'), 15_000);
  await child.exited;
  clearTimeout(timer);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, HOST, () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves once `ready()` is true; rejects if the child exits first or 120 s pass. */
export async function waitUntil(child: Child, what: string, ready: () => Promise<boolean>) {
  const deadline = Date.now() + 120_000;
  let exited = false;
  void child.exited.then(() => {
    exited = true;
  });
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${what} exited before it was ready:\n${child.output()}`);
    if (await ready().catch(() => false)) return;
    await sleep(200);
  }
  throw new Error(`${what} was not ready after 120 s:\n${child.output()}`);
}
