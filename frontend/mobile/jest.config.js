// See metro.config.js: React 19.2.3 lives in this workspace, the web app's 19.3 at the root.
const path = require('node:path');

const local = (name) => path.dirname(require.resolve(`${name}/package.json`, { paths: [__dirname] }));

module.exports = {
  preset: 'jest-expo',
  setupFiles: ['<rootDir>/test/setup.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/after-env.ts'],
  testMatch: ['<rootDir>/src/**/*.test.ts?(x)'],
  moduleNameMapper: {
    '^react$': local('react'),
    '^react/(.*)$': `${local('react')}/$1`,
    '^react-test-renderer$': local('react-test-renderer'),
    '^react-test-renderer/(.*)$': `${local('react-test-renderer')}/$1`,
  },
  transformIgnorePatterns: [
    'node_modules/(?!((jest-)?react-native|@react-native(-community)?|expo(nent)?|@expo(nent)?/.*|@expo-google-fonts/.*|react-navigation|@react-navigation/.*|socket.io-client|engine.io-client|@socket.io/.*|react-native-webrtc))',
  ],
};
