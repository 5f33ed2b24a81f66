// `npm start` serves the built web app; build it first when there is no build or the sources are newer.
import { execSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const web = path.resolve(import.meta.dirname, '../frontend/web');
const builtAt = (() => {
  try {
    return statSync(path.join(web, '.next/BUILD_ID')).mtimeMs;
  } catch {
    return 0;
  }
})();
const newest = (dir) =>
  Math.max(
    0,
    ...readdirSync(dir, { withFileTypes: true }).map((e) =>
      e.isDirectory() ? newest(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).mtimeMs,
    ),
  );
const sources = Math.max(
  newest(path.join(web, 'src')),
  newest(path.resolve(web, '../../packages/shared/src')),
);
if (sources > builtAt) {
  console.log('Building the web app (first start, or its sources changed)…');
  execSync('npm run build -w @airwave/web', {
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
}
