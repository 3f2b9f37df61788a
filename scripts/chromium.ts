import type { LaunchOptions } from "@playwright/test";

/**
 * Debian's Chromium, for the end-to-end tests and the benchmarks alike: Playwright cannot download its own
 * browser here, and without the background-networking flags Chromium keeps dialling hosts it cannot reach.
 */
export const chromiumLaunchOptions: LaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};
