import { readdirSync, readFileSync, readlinkSync } from "node:fs";

/**
 * `redis-server` processes working in a dir under this data dir (Redis chdirs to its `--dir`): the pods of this
 * lab, or those a previous, killed dashboard left running. Pods of other data dirs never match. The command
 * line cannot tell: Redis rewrites it into its process title.
 */
export function findRedisServers(absDataDir: string): number[] {
  return redisServersWhere((cwd) => cwd.startsWith(absDataDir + "/"));
}

function redisServersWhere(inDir: (cwd: string) => boolean): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!readFileSync(`/proc/${entry}/comm`, "utf8").startsWith("redis-server")) continue;
      if (inDir(readlinkSync(`/proc/${entry}/cwd`))) pids.push(Number(entry));
    } catch {
      // The process ended while we looked, or is not ours to inspect.
    }
  }
  return pids;
}

/**
 * SIGKILLs this data dir's leftover redis-servers and waits until they are gone: a killed process holds its
 * address until it exits, and a pod started on it before then fails with "Address already in use".
 */
export function killLeftovers(absDataDir: string, timeoutMs = 10_000): Promise<number> {
  return killAndWait(findRedisServers(absDataDir), timeoutMs);
}

/**
 * SIGKILLs what still works in these pod dirs once their redis-servers are gone: a fork a master made to send
 * a replica its copy, or to rewrite its AOF, can outlive it for a moment. Only the dirs of pods this lab ran:
 * another dashboard's pods may work beside them in the same data dir.
 */
export function killForksIn(podDirs: string[], timeoutMs = 10_000): Promise<number> {
  const dirs = new Set(podDirs);
  return killAndWait(
    redisServersWhere((cwd) => dirs.has(cwd)),
    timeoutMs,
  );
}

async function killAndWait(pids: number[], timeoutMs: number): Promise<number> {
  for (const pid of pids) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
  const deadline = Date.now() + timeoutMs;
  while (pids.some(running)) {
    if (Date.now() > deadline)
      throw new Error(`leftover redis-servers ${pids.filter(running)} would not die`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return pids.length;
}

/** A zombie has let go of its sockets: it counts as gone. */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}
