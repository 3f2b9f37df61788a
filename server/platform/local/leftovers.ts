import { readdirSync, readFileSync } from "node:fs";

/**
 * Kills `redis-server` processes that a previous, killed dashboard left running in this data dir.
 * They are found by their `--dir` argument under the data dir, so pods of other data dirs (another
 * dashboard, a test suite) are never touched.
 */
export function killLeftovers(absDataDir: string): number {
  let killed = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let argv: string[];
    try {
      argv = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
    } catch {
      continue;
    }
    if (!argv[0]?.includes("redis-server")) continue;
    const dirIndex = argv.indexOf("--dir");
    const dir = dirIndex >= 0 ? argv[dirIndex + 1] : undefined;
    if (!dir || !dir.startsWith(absDataDir + "/")) continue;
    try {
      process.kill(Number(entry), "SIGKILL");
      killed++;
    } catch {
      // Already gone.
    }
  }
  return killed;
}
