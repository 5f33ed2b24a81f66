import { findOnPath } from '../rtc/janus/janus-config.ts';

/**
 * The `janus` binary the SFU suites run privately. CI installs it (.ci/run), so under CI=true a
 * missing Janus fails the suite instead of skipping it; elsewhere the suites skip without one.
 */
export function janusBinary(): string | undefined {
  const binary = findOnPath('janus');
  if (!binary && process.env.CI === 'true') throw new Error('janus is not installed: .ci/run installs it');
  return binary;
}
