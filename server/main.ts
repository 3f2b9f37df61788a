import { parseConfig } from "@/lib/config";
import { buildIfNeeded } from "./buildIfNeeded";
import { runDashboard } from "./lifecycle";
import { startServer } from "./startServer";

const t0 = Date.now();
runDashboard(
  async () => {
    const config = parseConfig(process.env, process.argv.slice(2));
    if (config.buildIfNeeded && !config.dev) buildIfNeeded(process.cwd());
    return startServer(config);
  },
  (server) => {
    const { platform } = server.engine;
    return [
      ``,
      `Failover Lab is running (${platform.kind}, ${platform.scope}) — ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
      `  Students:   ${server.url}/`,
      `  Instructor: ${server.url}/?token=${server.token}`,
      ``,
    ].join("\n");
  },
);
