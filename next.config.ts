import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The custom server (server/main.ts) owns the process; Next only renders the pages.
  reactStrictMode: true,
  poweredByHeader: false,
  // `npm run check` type-checks the whole project (server included); checking again here only slows builds.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
