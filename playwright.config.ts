import { defineConfig } from "@playwright/test";
import { chromiumLaunchOptions } from "./scripts/chromium";
import { onTestNet } from "./scripts/testNet";

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);
export const E2E_TOKEN = "e2e-token-1234";
/** Short node timeout so a failover takes seconds; tests size their waits from it. */
export const E2E_NODE_TIMEOUT_MS = 2000;

export default defineConfig({
  testDir: "e2e",
  timeout: 120_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [["list"]],
  outputDir: "test-results/e2e",
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    viewport: { width: 1600, height: 1000 },
    screenshot: "only-on-failure",
    launchOptions: chromiumLaunchOptions,
  },
  webServer: {
    command: "npx tsx server/main.ts --build-if-needed",
    url: `http://127.0.0.1:${E2E_PORT}/healthz`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      PORT: String(E2E_PORT),
      // Every address, as in a classroom: the join code must name one a phone can open, not the page's 127.0.0.1.
      HOST: "0.0.0.0",
      DASHBOARD_TOKEN: E2E_TOKEN,
      DASHBOARD_DATA_DIR: ".data/e2e",
      LOCAL_IP_PREFIX: onTestNet("127.44.1"),
      CLUSTER_NODE_TIMEOUT_MS: String(E2E_NODE_TIMEOUT_MS),
      READINESS_PERIOD_MS: "500",
      RESTART_DELAY_MS: "500",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
