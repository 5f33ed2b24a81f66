import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const base = { DATA_DIR: '/tmp/airwave-config-test', JWT_SECRET: 'x'.repeat(40) };

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig({ ...base, ...env });
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('the configuration was accepted');
}

describe('configuration from the environment', () => {
  it('has defaults that run the service locally', () => {
    const config = loadConfig(base);
    expect(config.port).toBe(3000);
    expect(config.auth.bcryptCost).toBeGreaterThanOrEqual(12);
    expect(config.auth.accessTtlSeconds).toBe(900);
    expect(config.media).toMatchObject({ mode: 'auto', sfuSwitchViewers: 4, p2pMaxViewers: 20 });
    expect(config.rooms.graceMs).toBe(60_000);
    expect(config.corsOrigins).toEqual(['http://localhost:3000']);
    expect(config.demoData).toBe(true);
  });

  it('names the variable that is wrong', () => {
    expect(problems({ PORT: 'eighty' })[0]).toMatch(/^PORT:/);
    expect(problems({ PORT: '70000' })[0]).toMatch(/^PORT:/);
    expect(problems({ BODY_LIMIT: 'lots' })[0]).toMatch(/^BODY_LIMIT: must look like 100kb/);
    expect(problems({ JWT_SECRET: 'short' })[0]).toMatch(/^JWT_SECRET: must be at least 32/);
    expect(problems({ DATABASE_URL: 'not a url' })[0]).toMatch(/^DATABASE_URL:/);
    expect(problems({ DEMO_DATA: 'maybe' })[0]).toMatch(/^DEMO_DATA:/);
  });

  it('is strict in production: a real secret, cost 12, no demo data', () => {
    expect(problems({ NODE_ENV: 'production', JWT_SECRET: '' })).toContain(
      'JWT_SECRET: is required when NODE_ENV=production',
    );
    expect(problems({ NODE_ENV: 'production', BCRYPT_COST: '10' })).toContain(
      'BCRYPT_COST: must be at least 12 in production',
    );
    expect(loadConfig({ ...base, NODE_ENV: 'production' }).demoData).toBe(false);
  });

  it('starts in production without METRICS_TOKEN (/metrics then stays closed) and reads image origins', () => {
    expect(loadConfig({ ...base, NODE_ENV: 'production' }).metricsToken).toBeUndefined();
    expect(
      loadConfig({ ...base, CSP_IMG_ORIGINS: 'https://cdn.example.com/x, https://img.example.org' })
        .cspImgOrigins,
    ).toEqual(['https://cdn.example.com', 'https://img.example.org']);
    expect(problems({ CSP_IMG_ORIGINS: 'not a url' })[0]).toMatch(/^CSP_IMG_ORIGINS/);
  });

  it('needs a TURN secret with TURN servers, and both admin settings or neither', () => {
    expect(problems({ TURN_URLS: 'turn:turn.example.com:3478' })).toContain(
      'TURN_SECRET: is required when TURN_URLS is set',
    );
    // TURN credentials live an hour at most, by default exactly that.
    expect(loadConfig(base).media.turnTtlSeconds).toBe(3600);
    expect(problems({ TURN_TTL_SECONDS: '3601' })[0]).toMatch(/^TURN_TTL_SECONDS/);
    expect(problems({ ADMIN_EMAIL: 'a@example.com' })).toContain(
      'ADMIN_EMAIL / ADMIN_PASSWORD: set both or neither',
    );
  });

  it('reads the SFU settings: external Janus servers need ws:// URLs and their API secret', () => {
    expect(loadConfig({ ...base, MEDIA_MODE: 'sfu' }).media).toMatchObject({
      mode: 'sfu',
      janus: { urls: [], rtpPorts: '20000-20999', dir: '/tmp/airwave-config-test/janus' },
    });
    const secret = { JANUS_API_SECRET: 's' };
    // JANUS_URL is a one-server list; JANUS_URLS names several.
    expect(loadConfig({ ...base, ...secret, JANUS_URL: 'ws://10.0.0.5:8188' }).media.janus.urls).toEqual([
      'ws://10.0.0.5:8188',
    ]);
    expect(
      loadConfig({ ...base, ...secret, JANUS_URLS: 'ws://10.0.0.5:8188, wss://10.0.0.6:8989' }).media.janus
        .urls,
    ).toEqual(['ws://10.0.0.5:8188', 'wss://10.0.0.6:8989']);
    for (const urls of [{ JANUS_URL: 'ws://10.0.0.5:8188' }, { JANUS_URLS: 'ws://10.0.0.5:8188' }] as Array<
      Record<string, string>
    >) {
      expect(problems(urls)).toEqual([
        'JANUS_API_SECRET: is required when JANUS_URL or JANUS_URLS is set (Janus must refuse callers without it)',
      ]);
    }
    expect(problems({ JANUS_URL: 'ws://a:8188', JANUS_URLS: 'ws://b:8188', ...secret })).toEqual([
      'JANUS_URL / JANUS_URLS: set one of them (JANUS_URL is a one-server JANUS_URLS)',
    ]);
    expect(problems({ JANUS_URL: 'http://10.0.0.5:8088', ...secret })[0]).toMatch(/^JANUS_URL:/);
    expect(problems({ JANUS_URLS: 'ws://a:8188,http://b:8088', ...secret })[0]).toMatch(
      /^JANUS_URLS\.1: must be ws:\/\/ or wss:\/\/ URLs/,
    );
    expect(problems({ JANUS_URLS: 'ws://a:8188,ws://a:8188', ...secret })[0]).toMatch(
      /^JANUS_URLS: must not list a Janus twice/,
    );
    expect(problems({ JANUS_RTP_PORTS: '20000' })[0]).toMatch(/^JANUS_RTP_PORTS: must look like 20000-20999/);
    expect(problems({ JANUS_RTP_PORTS: '30000-20000' })[0]).toMatch(/^JANUS_RTP_PORTS: must be a range/);
    expect(problems({ MEDIA_MODE: 'mcu' })[0]).toMatch(/^MEDIA_MODE:/);
  });

  it('reads lists and the proxy setting', () => {
    const config = loadConfig({
      ...base,
      CORS_ORIGINS: 'https://a.example, https://b.example',
      TRUST_PROXY: '1',
      STUN_URLS: 'stun:a:3478,stun:b:3478',
    });
    expect(config.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(config.trustProxy).toBe(1);
    expect(config.media.stunUrls).toEqual(['stun:a:3478', 'stun:b:3478']);
  });
});
