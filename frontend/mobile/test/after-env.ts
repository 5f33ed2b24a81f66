import { configure } from '@testing-library/react-native';

// The first render of a file loads navigation and friends; on a 2-core CI machine that takes a while.
configure({ asyncUtilTimeout: 8000 });
jest.setTimeout(30_000);

beforeEach(() => {
  require('./media-double.ts').resetMedia();
});
