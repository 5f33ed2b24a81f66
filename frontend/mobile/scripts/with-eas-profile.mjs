#!/usr/bin/env node
// Runs a command with an eas.json build profile's `env`, as EAS Build would set it, so a local
// `expo config` or `expo export` resolves app.config.ts exactly as that profile's build does:
//
//   node scripts/with-eas-profile.mjs production expo export --platform web
//
// Variables already set in the caller's environment win (AIRWAVE_API_URL=… npm run build:mobile).
// eas.json is read by @expo/eas-json, the parser EAS CLI itself uses (it validates and resolves `extends`).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EasJsonAccessor, EasJsonUtils } from '@expo/eas-json';

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [profile, command, ...args] = process.argv.slice(2);
if (!profile || !command) {
  console.error('usage: with-eas-profile.mjs <profile> <command> [args...]');
  process.exit(2);
}

const accessor = EasJsonAccessor.fromProjectPath(projectDir);
const android = await EasJsonUtils.getBuildProfileAsync(accessor, 'android', profile);
const ios = await EasJsonUtils.getBuildProfileAsync(accessor, 'ios', profile);
// The JavaScript bundle is the same for both platforms, so their env must agree.
if (JSON.stringify(android.env ?? {}) !== JSON.stringify(ios.env ?? {})) {
  console.error(`eas.json: profile "${profile}" sets a different env for android and ios`);
  process.exit(1);
}

const bins = [path.join(projectDir, 'node_modules/.bin'), path.join(projectDir, '../../node_modules/.bin')];
const result = spawnSync(command, args, {
  cwd: projectDir,
  stdio: 'inherit',
  env: {
    ...android.env,
    ...process.env,
    PATH: [...bins, process.env.PATH].join(path.delimiter),
  },
});
if (result.error) throw result.error;
process.exit(result.status ?? 1);
