// `npm start` serves the built web app and admin panel; build each first when it has no build or
// its sources (or the shared contract's) are newer than the build.
import { execSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const newest = (dir) =>
  Math.max(
    0,
    ...readdirSync(dir, { withFileTypes: true }).map((e) =>
      e.isDirectory() ? newest(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).mtimeMs,
    ),
  );
const shared = newest(path.join(root, 'packages/shared/src'));

for (const [folder, workspace, name] of [
  ['frontend/web', '@airwave/web', 'the web app'],
  ['frontend/admin', '@airwave/admin', 'the admin panel'],
]) {
  const dir = path.join(root, folder);
  const builtAt = (() => {
    try {
      return statSync(path.join(dir, '.next/BUILD_ID')).mtimeMs;
    } catch {
      return 0;
    }
  })();
  if (Math.max(newest(path.join(dir, 'src')), shared) > builtAt) {
    console.log(`Building ${name} (first start, or its sources changed)…`);
    execSync(`npm run build -w ${workspace}`, {
      stdio: 'inherit',
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    });
  }
}
