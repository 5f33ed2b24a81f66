import type { NextConfig } from 'next';

const config: NextConfig = {
  // The contract package ships TypeScript sources; Next compiles them with the app.
  transpilePackages: ['@airwave/shared', '@airwave/client', '@airwave/ui'],
  poweredByHeader: false,
  reactStrictMode: true,
  images: { unoptimized: true },
};

export default config;
