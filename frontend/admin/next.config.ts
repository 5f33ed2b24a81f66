import type { NextConfig } from 'next';

const config: NextConfig = {
  // Served by the API process under /admin, next to the web app on the same origin.
  basePath: '/admin',
  // The contract package ships TypeScript sources; Next compiles them with the app.
  transpilePackages: ['@airwave/shared', '@airwave/client', '@airwave/ui'],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default config;
