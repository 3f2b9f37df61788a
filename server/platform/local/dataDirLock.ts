import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  type DataDirLock,
  lockIsHeld,
  parseLock,
  type ProcessSeen,
  startTicksFromStat,
} from "@/lib/dataDirLock";

export const LOCK_FILE = "dashboard.lock";

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: DataDirLock,
  ) {
    super(
      `the data dir ${dataDir} belongs to the Failover Lab already running as pid ${owner.pid} ` +
        `(since ${new Date(owner.startedAt).toISOString()}); nothing was changed. Stop that dashboard first, ` +
        `or give this one another DASHBOARD_DATA_DIR (and PORT / LOCAL_IP_PREFIX).`,
    );
  }
}

function seenProcess(pid: number): ProcessSeen | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    let cmdline = "";
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
    } catch {
      // Not ours to read: the start time still tells.
    }
    return { startTicks: startTicksFromStat(stat), cmdline };
  } catch {
    return null;
  }
}

/**
 * Claims `absDataDir` for this process, before anything in it is touched: its redis-servers are killed as
 * leftovers only by the dashboard that owns it. A lock left by a dead (or SIGKILLed) owner is taken over.
 * Throws DataDirInUseError when a live dashboard holds it. Returns the function that releases the claim.
 */
export function claimDataDir(absDataDir: string): () => void {
  mkdirSync(absDataDir, { recursive: true });
  const file = path.join(absDataDir, LOCK_FILE);
  const self = seenProcess(process.pid);
  const mine: DataDirLock = {
    pid: process.pid,
    startTicks: self?.startTicks ?? null,
    cmdline: self?.cmdline ?? process.argv.join(" "),
    startedAt: Date.now(),
  };
  const written = JSON.stringify(mine);
  for (let attempt = 0; ; attempt++) {
    try {
      // `wx` fails if the file exists: of two starts racing, exactly one creates it.
      writeFileSync(file, written, { flag: "wx" });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    let text = "";
    try {
      text = readFileSync(file, "utf8");
    } catch {
      continue; // Released while we looked.
    }
    const owner = parseLock(text);
    if (owner && lockIsHeld(owner, seenProcess(owner.pid))) throw new DataDirInUseError(absDataDir, owner);
    // A lock of a process that is gone. An unreadable lock may be one being written this instant.
    if (!owner && attempt === 0) {
      sleepSync(50);
      continue;
    }
    if (attempt > 3) throw new Error(`could not take over the stale lock ${file}`);
    try {
      unlinkSync(file);
    } catch {
      // Another start removed it first; the next `wx` decides.
    }
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    try {
      // Only our own claim: a lock taken over by a later start is that start's.
      if (readFileSync(file, "utf8") === written) unlinkSync(file);
    } catch {
      // Already gone.
    }
  };
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
