// Metro for an npm-workspaces monorepo where the web app hoists React 19.3 to the root while Expo
// SDK 56 needs React 19.2.3 exactly (installed under frontend/mobile/node_modules). Packages hoisted
// to the root (react-native, react-native-web, navigation...) would otherwise find the root React:
// two Reacts in one bundle. Every `react` / `react-dom` import is resolved from this folder instead.
const path = require('node:path');
const { getDefaultConfig } = require('expo/metro-config');

const config = getDefaultConfig(__dirname);
const pinned = /^(react|react-dom|scheduler)(\/.*)?$/;
const anchor = path.join(__dirname, 'package.json');

config.resolver.resolveRequest = (context, moduleName, platform) => {
  if (pinned.test(moduleName)) {
    return context.resolveRequest({ ...context, originModulePath: anchor }, moduleName, platform);
  }
  return context.resolveRequest(context, moduleName, platform);
};

// app.config.ts reads these at bundle time and the manifest is inlined into the bundle, but Metro's
// transform cache does not know it: without them in the cache key, an export after a change of
// profile or API URL would ship the previous build's URL.
config.cacheVersion = [
  config.cacheVersion,
  process.env.APP_VARIANT ?? '',
  process.env.AIRWAVE_API_URL ?? '',
].join('|');

module.exports = config;
