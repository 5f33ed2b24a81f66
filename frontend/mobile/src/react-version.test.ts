import { version } from 'react';

// Expo SDK 56 needs React 19.2.3 exactly; the web app hoists 19.3 to the root. Both jest and Metro
// must resolve this workspace's copy (see jest.config.js, metro.config.js).
test('the mobile app runs on React 19.2.3', () => {
  expect(version).toBe('19.2.3');
});
