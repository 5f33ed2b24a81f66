import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../server.ts', import.meta.url));

/** Runs `backend/src/server.ts` as `npm start` would, in its own process, with `env` on top of test defaults. */
export function runServer(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=airwave-source', entry], {
    // No STUN server off this machine: media in tests stays on loopback and the interface address.
    // The mesh unless a test asks for more: a private Janus per server process costs a second.
    env: {
      PATH: process.env.PATH,
      PORT: '0',
      BCRYPT_COST: '4',
      LOG_LEVEL: 'info',
      STUN_URLS: '',
      MEDIA_MODE: 'p2p',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  child.stderr.on('data', (d) => {
    err += d;
  });
  let signalledAt = 0;
  const exit = new Promise<{ code: number | null; ms: number; stderr: string }>((resolve) =>
    child.on('exit', (code) =>
      resolve({ code, ms: signalledAt ? Date.now() - signalledAt : 0, stderr: err }),
    ),
  );
  const stop = () => {
    signalledAt = Date.now();
    child.kill('SIGTERM');
    return exit;
  };
  return { child, out: () => out, errOut: () => err, exit, stop };
}

/** Starts a server process and resolves with its URL once it listens (rejects if it exits first). */
export async function startServer(env: Record<string, string>) {
  const p = runServer(env);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /Airwave is listening on (http:\/\/[\d.]+:\d+)/.exec(p.out());
      if (m?.[1]) {
        clearInterval(timer);
        resolve(m[1]);
      }
    }, 50);
    void p.exit.then(({ code, stderr }) => {
      clearInterval(timer);
      reject(new Error(`server exited with ${code}: ${stderr}`));
    });
  });
  return { ...p, url };
}
