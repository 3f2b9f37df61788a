import { parseConfig } from "@/lib/config";
import { buildIfNeeded } from "./buildIfNeeded";
import { killAllLocalLabsSync } from "./platform/local/localPlatform";
import { startServer, type RunningServer } from "./startServer";

/**
 * A log line that cannot be written (the terminal or pipe behind stdout is gone: EPIPE) must never stop the
 * shutdown it announces, nor crash the server with its pods orphaned.
 */
function say(stream: NodeJS.WriteStream, text: string): void {
  try {
    stream.write(text + "\n");
  } catch {
    // Nobody is listening.
  }
}
for (const stream of [process.stdout, process.stderr]) stream.on("error", () => {});

async function main(): Promise<void> {
  // Children must not outlive the dashboard, even one that fails half way through its start: registered
  // before any pod exists. A SIGKILLed server's children are cleaned at the next start.
  process.on("exit", killAllLocalLabsSync);
  let server: RunningServer | null = null;
  let closing = false;
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    process.on(sig, () => {
      if (closing) process.exit(1);
      closing = true;
      say(process.stdout, `\n${sig}: stopping the lab…`);
      // A signal during the start stops it too: the exit handler kills whatever pods exist.
      if (!server) process.exit(1);
      server.close().finally(() => process.exit(0));
    });
  }

  const config = parseConfig(process.env, process.argv.slice(2));
  if (config.buildIfNeeded && !config.dev) buildIfNeeded(process.cwd());
  const t0 = Date.now();
  server = await startServer(config);
  const { platform } = server.engine;

  say(
    process.stdout,
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
  say(process.stderr, `Failover Lab could not start: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
