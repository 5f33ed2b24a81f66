import {
  accessSync,
  constants,
  existsSync,
  readdirSync,
  readFileSync,
  realpathSync,
  statSync,
} from 'node:fs';
import path from 'node:path';
import { mintTurnCredential } from '../ice-servers.ts';

export const JANUS_CONFIG_FILES = [
  'janus.jcfg',
  'janus.transport.websockets.jcfg',
  'janus.plugin.videoroom.jcfg',
] as const;

export interface PrivateJanusSettings {
  /** Where the rendered files go; also Janus's configs_folder. */
  configDir: string;
  /** Janus's own library folder (holding plugins/, transports/, ...). */
  libDir: string;
  apiSecret: string;
  wsPort: number;
  rtpPorts: string;
  /** The TURN server Janus relays through, with a credential of its own (see janusTurn). */
  turn?: JanusTurn;
}

export interface JanusTurn {
  server: string;
  port: number;
  type: 'udp' | 'tcp' | 'tls';
  user: string;
  pwd: string;
}

/** How long Janus's TURN credential lives; see janusTurn for why it is long. */
export const JANUS_TURN_TTL_SECONDS = 30 * 86_400;
const TURN_URL = /^(turns?):(\[[^\]]+\]|[^:?]+)(?::(\d+))?(?:\?transport=(udp|tcp))?$/;

/**
 * Janus's own TURN settings from the first of the viewers' TURN_URLS: Janus takes one server and
 * reads its credential once, at start, so it cannot be refreshed like a viewer's hourly one. The
 * credential lives JANUS_TURN_TTL_SECONDS (minted afresh at every (re)start): the trade-off is that
 * anyone who reads the rendered config (mode 0600, DATA_DIR/janus) can relay through coturn that
 * long, against a Janus running longer than that losing its relay until it is restarted.
 */
export function janusTurn(urls: string[], secret: string, now = Date.now()): JanusTurn | undefined {
  const first = urls[0];
  if (!first) return undefined;
  const m = TURN_URL.exec(first);
  if (!m)
    throw new Error(
      `TURN_URLS: cannot hand "${first}" to Janus (want turn:host:port?transport=udp|tcp or turns:host:port)`,
    );
  const [, scheme, host = '', port, transport] = m;
  const tls = scheme === 'turns';
  const { username, credential } = mintTurnCredential(secret, 'janus', JANUS_TURN_TTL_SECONDS, now);
  return {
    server: host.replace(/^\[|\]$/g, ''),
    port: port ? Number(port) : tls ? 5349 : 3478,
    type: tls ? 'tls' : ((transport ?? 'udp') as 'udp' | 'tcp'),
    user: username,
    pwd: credential,
  };
}

/**
 * Sets `key = value` in a libconfig (.jcfg) text, whether the line is live or commented out. A key
 * the sample does not have is a mistake in the sample, so it throws rather than appending blindly.
 */
export function setJcfgKey(text: string, key: string, value: string | number | boolean): string {
  const line = new RegExp(`^([\\t ]*)#?${key} = .*$`, 'm');
  if (!line.test(text)) throw new Error(`Janus sample config has no "${key}" setting`);
  const rendered = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.replace(line, (_m, indent: string) => `${indent}${key} = ${rendered}`);
}

/**
 * The private Janus's configuration: deploy/janus's samples (the files an operator installs on a
 * Janus box of its own) with this server's secret, loopback port, RTP range and folders filled in.
 */
export function renderPrivateJanusConfig(templatesDir: string, s: PrivateJanusSettings) {
  const read = (name: string) => readFileSync(path.join(templatesDir, name), 'utf8');
  let core = read('janus.jcfg');
  core = setJcfgKey(core, 'configs_folder', s.configDir);
  for (const kind of ['plugins', 'transports', 'events', 'loggers']) {
    core = setJcfgKey(core, `${kind}_folder`, path.join(s.libDir, kind));
  }
  core = setJcfgKey(core, 'api_secret', s.apiSecret);
  core = setJcfgKey(core, 'rtp_port_range', s.rtpPorts);
  if (s.turn) {
    core = setJcfgKey(core, 'turn_server', s.turn.server);
    core = setJcfgKey(core, 'turn_port', s.turn.port);
    core = setJcfgKey(core, 'turn_type', s.turn.type);
    core = setJcfgKey(core, 'turn_user', s.turn.user);
    core = setJcfgKey(core, 'turn_pwd', s.turn.pwd);
  }
  let ws = read('janus.transport.websockets.jcfg');
  ws = setJcfgKey(ws, 'ws_ip', '127.0.0.1');
  ws = setJcfgKey(ws, 'ws_port', s.wsPort);
  return {
    'janus.jcfg': core,
    'janus.transport.websockets.jcfg': ws,
    'janus.plugin.videoroom.jcfg': read('janus.plugin.videoroom.jcfg'),
  } satisfies Record<(typeof JANUS_CONFIG_FILES)[number], string>;
}

/** The first `name` on the PATH that is an executable file, with symlinks resolved. */
export function findOnPath(name: string, envPath = process.env.PATH ?? ''): string | undefined {
  for (const dir of envPath.split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return realpathSync(candidate);
    } catch {
      // Not here (or not executable): try the next PATH entry.
    }
  }
  return undefined;
}

/**
 * Janus's library folder for a binary: `<prefix>/lib/janus` from a source build, or Debian's
 * multiarch `<prefix>/lib/<triplet>/janus`. Found by the VideoRoom plugin it must hold.
 */
export function janusLibDir(binary: string): string {
  const prefix = path.dirname(path.dirname(binary));
  const lib = path.join(prefix, 'lib');
  const holds = (dir: string) => existsSync(path.join(dir, 'plugins', 'libjanus_videoroom.so'));
  const direct = path.join(lib, 'janus');
  if (holds(direct)) return direct;
  const multiarch = existsSync(lib)
    ? readdirSync(lib)
        .map((d) => path.join(lib, d, 'janus'))
        .find(holds)
    : undefined;
  if (multiarch) return multiarch;
  throw new Error(
    `No Janus VideoRoom plugin found next to ${binary} (looked in ${lib}/janus and ${lib}/*/janus)`,
  );
}
