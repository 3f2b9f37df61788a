import { defineConfig } from "vitest/config";
import path from "node:path";

// Integration tests start real redis-server processes; they run one file at a time
// so two suites never compete for the same loopback addresses or CPU during failovers.
export default defineConfig({
  resolve: { alias: { "@": path.resolve(__dirname) } },
  test: {
    include: ["test/integration/**/*.test.ts"],
    environment: "node",
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
