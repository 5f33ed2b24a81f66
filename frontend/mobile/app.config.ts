import type { ConfigContext, ExpoConfig } from 'expo/config';

/**
 * AIRWAVE_API_URL, read when the bundle is made (expo start / export / run), is where the app finds
 * the Airwave server. Unset on web means "the page's own origin" (or a `?api=` query parameter).
 */
export default ({ config }: ConfigContext): ExpoConfig => ({
  ...config,
  name: 'Airwave',
  slug: 'airwave',
  scheme: 'airwave',
  version: '0.1.0',
  orientation: 'portrait',
  userInterfaceStyle: 'dark',
  ios: {
    bundleIdentifier: 'app.airwave.mobile',
    supportsTablet: false,
    infoPlist: {
      NSCameraUsageDescription: 'Airwave uses the camera only while you are live or previewing a stream.',
      NSMicrophoneUsageDescription:
        'Airwave uses the microphone only while you are live, so viewers hear you.',
      UIBackgroundModes: ['audio'],
    },
  },
  android: {
    package: 'app.airwave.mobile',
    permissions: [
      'android.permission.CAMERA',
      'android.permission.RECORD_AUDIO',
      'android.permission.MODIFY_AUDIO_SETTINGS',
      'android.permission.INTERNET',
    ],
  },
  web: { bundler: 'metro', output: 'single', name: 'Airwave' },
  plugins: [
    [
      '@config-plugins/react-native-webrtc',
      {
        cameraPermission: 'Airwave uses the camera only while you are live or previewing a stream.',
        microphonePermission: 'Airwave uses the microphone only while you are live, so viewers hear you.',
      },
    ],
    'expo-secure-store',
  ],
  extra: { apiUrl: process.env.AIRWAVE_API_URL ?? '' },
});
