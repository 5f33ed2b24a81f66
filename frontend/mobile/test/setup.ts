/* Test doubles for native modules. Only the unit tests use them; the app never does. */
jest.mock('@react-native-async-storage/async-storage', () =>
  require('@react-native-async-storage/async-storage/jest/async-storage-mock'),
);

jest.mock('expo-secure-store', () => {
  const store = new Map<string, string>();
  return {
    getItemAsync: jest.fn(async (k: string) => store.get(k) ?? null),
    setItemAsync: jest.fn(async (k: string, v: string) => void store.set(k, v)),
    deleteItemAsync: jest.fn(async (k: string) => void store.delete(k)),
    __store: store,
  };
});

// The native WebRTC module is replaced by the in-memory double in test/media-double.ts.
jest.mock('../src/media/platform', () => require('./media-double.ts'));
jest.mock('../src/media/VideoView', () => {
  const { View } = require('react-native');
  return {
    VideoView: ({ media, testID }: { media: unknown; testID?: string }) =>
      require('react').createElement(View, {
        testID,
        accessibilityValue: { text: media ? 'has-media' : 'empty' },
      }),
  };
});
