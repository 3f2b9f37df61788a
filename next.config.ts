import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The custom server (server/main.ts) owns the process; Next only renders the pages.
  reactStrictMode: true,
  poweredByHeader: false,
  // `npm run check` type-checks the whole project (server included); checking again here only slows builds.
  typescript: { ignoreBuildErrors: true },
  // PROFILE=1 benches name minified functions by their sources (scripts/pageProfile.ts); off by default, since
  // maps double the build's output and show the sources to every browser.
  productionBrowserSourceMaps: process.env.SOURCE_MAPS === "1",
};

export default nextConfig;
