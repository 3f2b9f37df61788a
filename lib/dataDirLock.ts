// Who owns a data dir: the lock a running dashboard writes, and whether a lock found on disk still names a
// live owner. Pure: the caller reads the lock file and /proc.

export interface DataDirLock {
  pid: number;
  /** The owner's start time as the kernel counts it (/proc/<pid>/stat field 22), so a reused pid is told apart. */
  startTicks: number | null;
  cmdline: string;
  startedAt: number;
}

/** What /proc says about the pid a lock names, or null when no such process runs. */
export interface ProcessSeen {
  startTicks: number | null;
  cmdline: string;
}

export function parseLock(text: string): DataDirLock | null {
  try {
    const v = JSON.parse(text) as Partial<DataDirLock>;
    if (typeof v.pid !== "number" || !Number.isInteger(v.pid) || v.pid <= 0) return null;
    return {
      pid: v.pid,
      startTicks: typeof v.startTicks === "number" ? v.startTicks : null,
      cmdline: typeof v.cmdline === "string" ? v.cmdline : "",
      startedAt: typeof v.startedAt === "number" ? v.startedAt : 0,
    };
  } catch {
    return null;
  }
}

/**
 * A lock still holds while its pid runs and is the same process that wrote it: a dashboard that was
 * SIGKILLed leaves its lock behind, and after a reboot or a long time its pid may belong to anything.
 * A lock that cannot be read (a write cut short) holds nobody.
 */
export function lockIsHeld(lock: DataDirLock | null, seen: ProcessSeen | null): boolean {
  if (!lock || !seen) return false;
  if (lock.startTicks !== null && seen.startTicks !== null) return lock.startTicks === seen.startTicks;
  return lock.cmdline === seen.cmdline;
}

/** `/proc/<pid>/stat` → start time; the command name in field 2 may hold spaces and parentheses. */
export function startTicksFromStat(stat: string): number | null {
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // Fields after the name start at field 3 (state); the start time is field 22.
  const v = Number(fields[22 - 3]);
  return Number.isFinite(v) ? v : null;
}
