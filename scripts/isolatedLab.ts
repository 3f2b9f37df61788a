import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseConfig } from "@/lib/config";
import { type RunningServer, startServer } from "@/server/startServer";
import { onTestNet } from "./testNet";

/**
 * A server on a local lab of its own, for tests, the soak and the benchmarks: a random port on 127.0.0.1, its own
 * loopback range and a temporary data dir, so runs never share redis-server processes. `close` removes it all.
 */
export async function startIsolatedLab(opts: {
  ipPrefix: string;
  token: string;
  env?: Record<string, string>;
  withNext?: boolean;
  /** A data dir the caller made (and removes); by default a fresh temporary one. */
  dataDir?: string;
}): Promise<{ server: RunningServer; dataDir: string; close: () => Promise<void> }> {
  const ipPrefix = onTestNet(opts.ipPrefix);
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), "failover-lab-"));
  const config = parseConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    DASHBOARD_TOKEN: opts.token,
    DASHBOARD_DATA_DIR: dataDir,
    LOCAL_IP_PREFIX: ipPrefix,
    ...opts.env,
  });
  const server = await startServer(config, { withNext: opts.withNext ?? false });
  return {
    server,
    dataDir,
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
