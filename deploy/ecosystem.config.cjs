// PM2 process file for the Airwave API: `pm2 start deploy/ecosystem.config.cjs --env production`,
// then `pm2 reload airwave-api` for a zero-downtime update (see deploy/README.md).
//
// Sticky routing: every instance is a plain `fork` process on its own loopback port (PORT,
// PORT+1, ...; PM2's `increment_var`), and Nginx spreads clients over them with
// `hash $remote_addr consistent` (deploy/nginx/airwave.conf). Socket.IO's polling fallback sends a
// session's requests as separate HTTP requests that must all reach the process holding that session;
// hashing on the client address guarantees it without any code in the app, and it survives an
// instance dying (only that instance's clients move, and they reconnect by themselves). PM2's own
// cluster mode would spread those requests round-robin and break polling unless @socket.io/sticky
// took over the master; per-port instances also let Nginx retry a refused connection on the next
// instance, which is what makes `pm2 reload` (one instance at a time) drop no request. Instances share
// state through PostgreSQL and Redis (REDIS_URL is required with more than one instance: the
// Socket.IO adapter, rate limits and presence live there).
//
// Settings come from the environment PM2 is started in (an EnvironmentFile or `set -a; . /etc/airwave.env`);
// AIRWAVE_INSTANCES and AIRWAVE_BASE_PORT size the group and must match the Nginx upstream.
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const logDir = process.env.AIRWAVE_LOG_DIR || path.join(root, 'logs');
const instances = Number(process.env.AIRWAVE_INSTANCES || 2);
const basePort = Number(process.env.AIRWAVE_BASE_PORT || 3001);

module.exports = {
  apps: [
    {
      name: 'airwave-api',
      cwd: root,
      // The compiled server (npm run build): plain node, no TypeScript loader at run time.
      script: 'backend/dist/server.js',
      exec_mode: 'fork',
      instances,
      increment_var: 'PORT',
      // The server announces readiness (process.send('ready')) only once it listens, so a reload
      // moves on to the next instance only when this one takes traffic again. PM2 stops waiting after
      // listen_timeout and takes the next instance down anyway, so it must be far above the slowest
      // boot: about 4 s on an idle 2-core machine, 29 s with the cores saturated (measured with the
      // compiled server, SERVE_WEB on); 30 s left too little room.
      wait_ready: true,
      listen_timeout: 120_000,
      // SIGTERM starts the server's drain (backend/src/server.ts): stop accepting, close sockets so
      // clients reconnect elsewhere, finish requests in flight, close the pools. PM2 waits this long
      // before SIGKILL; it is a little over SHUTDOWN_TIMEOUT_MS, after which the server exits itself.
      kill_signal: 'SIGTERM',
      kill_timeout: 12_000,
      // A process that leaks is restarted before the machine swaps (one instance at a time).
      max_memory_restart: process.env.AIRWAVE_MAX_MEMORY || '700M',
      // A crash loop backs off instead of spinning.
      exp_backoff_restart_delay: 200,
      min_uptime: 5_000,
      merge_logs: false,
      out_file: path.join(logDir, 'airwave-api.out.log'),
      error_file: path.join(logDir, 'airwave-api.err.log'),
      // pino writes JSON lines with their own timestamps; PM2 adds none.
      time: false,
      env: {
        NODE_ENV: 'development',
        PORT: basePort,
      },
      env_production: {
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: basePort,
        // Nginx on this machine is the only proxy: trust exactly one hop from loopback.
        TRUST_PROXY: process.env.TRUST_PROXY || 'loopback',
        SERVE_WEB: process.env.SERVE_WEB || 'true',
      },
    },
  ],
};
