import type { ConfigContext, ExpoConfig } from 'expo/config';
import { version } from './package.json';

/**
 * Which build this is. Each eas.json profile sets APP_VARIANT in its `env`; local runs (expo start,
 * expo run:*) are development. Development and preview get their own bundle ids and names, so they
 * install next to the store app on one phone.
 */
const VARIANTS = {
  development: { name: 'Airwave (dev)', bundleId: 'app.airwave.mobile.dev' },
  preview: { name: 'Airwave (preview)', bundleId: 'app.airwave.mobile.preview' },
  production: { name: 'Airwave', bundleId: 'app.airwave.mobile' },
} as const;

// What the store reviewers and users read in the permission prompts (deploy/README.md quotes them).
const CAMERA_TEXT = 'Airwave uses the camera only while you are live or previewing a stream.';
const MICROPHONE_TEXT = 'Airwave uses the microphone only while you are live, so viewers hear you.';

function variant(): keyof typeof VARIANTS {
  const name = process.env.APP_VARIANT ?? 'development';
  if (!(name in VARIANTS)) throw new Error(`APP_VARIANT must be one of ${Object.keys(VARIANTS).join(', ')}`);
  return name as keyof typeof VARIANTS;
}

/**
 * AIRWAVE_API_URL, read when the bundle is made (expo start / export / run, or the eas.json
 * profile's env on EAS Build), is where the app finds the Airwave server. Unset on web means "the
 * page's own origin" (or a `?api=` query parameter). A store build must name an https server.
 *
 * Versions: `version` (what the stores show) is the workspace's package.json version; the build
 * number (iOS buildNumber, Android versionCode) is not here: eas.json keeps it on EAS's servers
 * (`appVersionSource: remote`) and the production profile raises it on every build.
 */
export default ({ config }: ConfigContext): ExpoConfig => {
  const current = VARIANTS[variant()];
  const apiUrl = process.env.AIRWAVE_API_URL ?? '';
  if (current === VARIANTS.production && !apiUrl.startsWith('https://'))
    throw new Error('AIRWAVE_API_URL must be an https:// URL for a production build');
  return {
    ...config,
    name: current.name,
    slug: 'airwave',
    scheme: 'airwave',
    version,
    orientation: 'portrait',
    userInterfaceStyle: 'dark',
    ios: {
      bundleIdentifier: current.bundleId,
      supportsTablet: false,
      infoPlist: {
        NSCameraUsageDescription: CAMERA_TEXT,
        NSMicrophoneUsageDescription: MICROPHONE_TEXT,
        UIBackgroundModes: ['audio'],
      },
    },
    android: {
      package: current.bundleId,
      permissions: [
        'android.permission.CAMERA',
        'android.permission.RECORD_AUDIO',
        'android.permission.MODIFY_AUDIO_SETTINGS',
        'android.permission.INTERNET',
      ],
      // The WebRTC config plugin also asks for these; Airwave draws no overlay and stores no files,
      // and Play's review asks why an app holds them, so the built manifest removes them.
      blockedPermissions: [
        'android.permission.SYSTEM_ALERT_WINDOW',
        'android.permission.READ_EXTERNAL_STORAGE',
        'android.permission.WRITE_EXTERNAL_STORAGE',
      ],
    },
    web: { bundler: 'metro', output: 'single', name: current.name },
    plugins: [
      [
        '@config-plugins/react-native-webrtc',
        { cameraPermission: CAMERA_TEXT, microphonePermission: MICROPHONE_TEXT },
      ],
      'expo-secure-store',
    ],
    extra: { apiUrl },
  };
};
