import type { NextConfig } from 'next';

const config: NextConfig = {
  // The contract package ships TypeScript sources; Next compiles them with the app.
  transpilePackages: ['@airwave/shared'],
  poweredByHeader: false,
  reactStrictMode: true,
  images: { unoptimized: true },
};

export default config;
