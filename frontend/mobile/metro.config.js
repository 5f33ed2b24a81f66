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

module.exports = config;
