import { readdirSync, readFileSync, readlinkSync } from "node:fs";

/**
 * `redis-server` processes working in a dir under this data dir (Redis chdirs to its `--dir`): the pods of this
 * lab, or those a previous, killed dashboard left running. Pods of other data dirs never match. The command
 * line cannot tell: Redis rewrites it into its process title.
 */
export function findRedisServers(absDataDir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!readFileSync(`/proc/${entry}/comm`, "utf8").startsWith("redis-server")) continue;
      if (readlinkSync(`/proc/${entry}/cwd`).startsWith(absDataDir + "/")) pids.push(Number(entry));
    } catch {
      // The process ended while we looked, or is not ours to inspect.
    }
  }
  return pids;
}

export function killLeftovers(absDataDir: string): number {
  let killed = 0;
  for (const pid of findRedisServers(absDataDir)) {
    try {
      process.kill(pid, "SIGKILL");
      killed++;
    } catch {
      // Already gone.
    }
  }
  return killed;
}
