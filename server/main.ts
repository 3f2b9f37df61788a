import { parseConfig } from "@/lib/config";
import { buildIfNeeded } from "./buildIfNeeded";
import { startServer } from "./startServer";

async function main(): Promise<void> {
  const config = parseConfig(process.env, process.argv.slice(2));
  if (config.buildIfNeeded && !config.dev) buildIfNeeded(process.cwd());
  const t0 = Date.now();
  const server = await startServer(config);
  const { platform } = server.engine;

  // Children must not outlive the dashboard; a SIGKILLed server's children are cleaned at the next start.
  // The engine's platform, not the first one: a lab switch replaces it.
  process.on("exit", () => server.engine.platform.killAllSync?.());
  let closing = false;
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    process.on(sig, () => {
      if (closing) process.exit(1);
      closing = true;
      console.log(`\n${sig}: stopping the lab…`);
      server.close().finally(() => process.exit(0));
    });
  }

  console.log(
    [
      ``,
      `Failover Lab is running (${platform.kind}, ${platform.scope}) — ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
      `  Students:   ${server.url}/`,
      `  Instructor: ${server.url}/?token=${server.token}`,
      ``,
    ].join("\n"),
  );
}

main().catch((err) => {
  console.error(`Failover Lab could not start: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
