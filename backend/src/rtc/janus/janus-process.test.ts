import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Janode from 'janode';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { janusBinary } from '../../test/janus-available.ts';
import { type JanusProcess, startJanusProcess } from './janus-process.ts';

const binary = janusBinary();
const templatesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../deploy/janus');

describe.skipIf(!binary)('the private Janus process', { timeout: 30_000 }, () => {
  let dir: string;
  let janus: JanusProcess;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'airwave-janus-'));
    janus = startJanusProcess({
      binary: binary ?? 'janus',
      dir,
      templatesDir,
      rtpPorts: '21000-21099',
      logger: pino({ level: 'silent' }),
    });
  });
  afterAll(async () => {
    await janus.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers on loopback only with its secret; calls without it are refused 403 Unauthorized', async () => {
    const { url, apiSecret } = await janus.endpoint();
    expect(url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    expect(apiSecret.length).toBeGreaterThanOrEqual(40);

    for (const wrong of [undefined, 'not-the-secret']) {
      const intruder = await Janode.connect({ address: { url, apisecret: wrong }, max_retries: 0 });
      await expect(intruder.create()).rejects.toThrow(
        /403 Unauthorized request \(wrong or missing secret\/token\)/,
      );
      await intruder.close();
    }
    const backend = await Janode.connect({ address: { url, apisecret: apiSecret }, max_retries: 0 });
    const session = await backend.create();
    expect(session.id).toBeGreaterThan(0);
    await backend.close();
  });

  it('runs from its own generated config: no stock admin secret, admin and HTTP APIs off, narrow RTP range', () => {
    const core = readFileSync(path.join(dir, 'janus.jcfg'), 'utf8');
    const ws = readFileSync(path.join(dir, 'janus.transport.websockets.jcfg'), 'utf8');
    expect(core).toContain(`configs_folder = "${dir}"`);
    expect(core).toContain('rtp_port_range = "21000-21099"');
    expect(core).not.toMatch(/^\s*admin_secret =/m);
    expect(core).toMatch(/disable = ".*libjanus_http\.so/);
    expect(ws).toContain('ws_ip = "127.0.0.1"');
    expect(ws).toContain('admin_ws = false');
    expect(readFileSync(path.join(dir, 'janus.pid'), 'utf8')).toBe(String(janus.pid()));
  });
});
