import { killAllLocalLabsSync } from "./platform/local/localPodSet";
import type { RunningServer } from "./startServer";

/**
 * A log line that cannot be written (the terminal or pipe behind stdout is gone: EPIPE) must never stop the
 * shutdown it announces, nor crash the server with its pods orphaned.
 */
export function say(stream: NodeJS.WriteStream, text: string): void {
  try {
    stream.write(text + "\n");
  } catch {
    // Nobody is listening.
  }
}

/**
 * Runs the dashboard as a process: children never outlive it, even when the start fails half way (the exit
 * handler is registered before any pod exists; a SIGKILLed server's children are cleaned at the next
 * start), and SIGINT/SIGTERM stop the lab whether or not anyone can read the goodbye.
 */
export function runDashboard(
  start: () => Promise<RunningServer>,
  banner: (s: RunningServer) => string,
): void {
  for (const stream of [process.stdout, process.stderr]) stream.on("error", () => {});
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
  start()
    .then((s) => {
      server = s;
      say(process.stdout, banner(s));
    })
    .catch((err) => {
      say(process.stderr, `Failover Lab could not start: ${err instanceof Error ? err.message : err}`);
      process.exit(1);
    });
}
