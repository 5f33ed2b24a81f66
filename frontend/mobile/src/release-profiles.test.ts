import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { EasJsonAccessor, EasJsonUtils, Platform } from '@expo/eas-json';
import type { ExpoConfig } from 'expo/config';
import { version } from '../package.json';

// What CI can check of a store release without Xcode, Android SDK or an Expo account: eas.json is
// valid to EAS's own parser, and app.config.ts resolves for every profile with that profile's env,
// offline, to the bundle id, version and API URL the build will carry.
const projectDir = path.resolve(__dirname, '..');
const accessor = EasJsonAccessor.fromProjectPath(projectDir);
const PROFILES = ['development', 'preview', 'production'] as const;

function resolvedConfig(profile: string): ExpoConfig {
  // The profile's env must decide, not whatever the test run inherited.
  const { APP_VARIANT: _variant, AIRWAVE_API_URL: _api, ...inherited } = process.env;
  const out = execFileSync(
    process.execPath,
    ['scripts/with-eas-profile.mjs', profile, 'expo', 'config', '--json', '--type', 'prebuild'],
    { cwd: projectDir, env: { ...inherited, EXPO_OFFLINE: '1' }, encoding: 'utf8' },
  );
  return JSON.parse(out) as ExpoConfig;
}

describe('store release profiles (eas.json + app.config.ts)', () => {
  it('has the three profiles; build numbers live on EAS and only go up', async () => {
    expect(await EasJsonUtils.getBuildProfileNamesAsync(accessor)).toEqual([...PROFILES]);
    expect((await EasJsonUtils.getCliConfigAsync(accessor))?.appVersionSource).toBe('remote');
    for (const platform of [Platform.ANDROID, Platform.IOS]) {
      const production = await EasJsonUtils.getBuildProfileAsync(accessor, platform, 'production');
      expect(production).toMatchObject({ distribution: 'store', autoIncrement: true });
      for (const internal of ['development', 'preview'])
        expect(await EasJsonUtils.getBuildProfileAsync(accessor, platform, internal)).toMatchObject({
          distribution: 'internal',
        });
    }
  });

  it.each([
    ['development', 'app.airwave.mobile.dev', 'Airwave (dev)'],
    ['preview', 'app.airwave.mobile.preview', 'Airwave (preview)'],
    ['production', 'app.airwave.mobile', 'Airwave'],
  ])(
    'the %s profile resolves offline to %s with its API URL',
    async (profile, bundleId, name) => {
      const build = await EasJsonUtils.getBuildProfileAsync(accessor, Platform.IOS, profile);
      const config = resolvedConfig(profile);
      expect(config).toMatchObject({
        name,
        version,
        ios: { bundleIdentifier: bundleId },
        android: { package: bundleId },
        extra: { apiUrl: build.env?.AIRWAVE_API_URL ?? '' },
      });
      expect(config.ios?.infoPlist?.NSCameraUsageDescription).toMatch(/camera only while you are live/);
      expect(config.ios?.infoPlist?.NSMicrophoneUsageDescription).toMatch(
        /microphone only while you are live/,
      );
      expect(config.android?.blockedPermissions).toContain('android.permission.SYSTEM_ALERT_WINDOW');
      if (profile !== 'development') expect(build.env?.AIRWAVE_API_URL).toMatch(/^https:\/\//);
    },
    30_000,
  );

  it("keys Metro's transform cache by the env app.config.ts reads, so an export never ships a stale API URL", () => {
    const cacheVersion = (env: Record<string, string>) =>
      execFileSync(process.execPath, ['-p', "require('./metro.config.js').cacheVersion"], {
        cwd: projectDir,
        env: { ...process.env, ...env },
        encoding: 'utf8',
      }).trim();
    const production = { APP_VARIANT: 'production', AIRWAVE_API_URL: 'https://airwave.example.com' };
    expect(cacheVersion(production)).toBe(cacheVersion(production));
    expect(cacheVersion(production)).not.toBe(
      cacheVersion({ ...production, AIRWAVE_API_URL: 'https://b.example' }),
    );
    expect(cacheVersion(production)).not.toBe(cacheVersion({ ...production, APP_VARIANT: 'preview' }));
  });
});
