// The child process behind scripts/cpuShares.ts: every SAMPLE_MS it reads each process's CPU time from /proc
// (utime + stime of /proc/<pid>/stat, all of a process's threads) and keeps SPAN_MS of readings, so that a
// window found afterwards (a failover's, from Redis's election stamp to the last page's DOM) can be asked for.
import { readdirSync, readFileSync } from "node:fs";
import type { ChildAnswer } from "./benchChild";

const SAMPLE_MS = 50;
const SPAN_MS = 120_000;
// /proc counts CPU time in clock ticks; USER_HZ is 100 on Linux whatever the kernel's own tick.
const TICK_MS = 10;

interface Reading {
  t: number;
  /** CPU ms so far, per pid. */
  cpu: Map<number, number>;
}

const readings: Reading[] = [];
const names = new Map<number, string>();
const now = () => performance.timeOrigin + performance.now();

function cpuOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name is in parentheses and may hold spaces: fields count from after its ")".
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(f[11]) + Number(f[12])) * TICK_MS;
  } catch {
    return null;
  }
}

function nameOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ").trim();
  } catch {
    return "";
  }
}

function sample(): void {
  const cpu = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    const ms = cpuOf(pid);
    if (ms === null) continue;
    cpu.set(pid, ms);
    if (!names.has(pid)) names.set(pid, nameOf(pid));
  }
  const t = now();
  readings.push({ t, cpu });
  while (readings.length && readings[0].t < t - SPAN_MS) readings.shift();
}

/** The reading nearest to `t`. */
function at(t: number): Reading | null {
  let best: Reading | null = null;
  for (const r of readings) if (!best || Math.abs(r.t - t) < Math.abs(best.t - t)) best = r;
  return best;
}

export interface ShareRequest {
  from: number;
  to: number;
}

/** The readings nearest to the window's ends, and what each process ran between them. */
export interface ShareAnswer {
  from: number;
  to: number;
  /** CPU ms in the window, per command line. */
  byProcess: { pid: number; name: string; ms: number }[];
}

process.on("message", (req: ShareRequest & { id: number }) => {
  const a = at(req.from);
  const b = at(req.to);
  const byProcess: ShareAnswer["byProcess"] = [];
  if (a && b)
    for (const [pid, ms] of b.cpu) {
      const d = ms - (a.cpu.get(pid) ?? ms);
      // Read again now: a renderer forked from Chromium's zygote carries the zygote's command line at first.
      if (d > 0) byProcess.push({ pid, name: nameOf(pid) || (names.get(pid) ?? ""), ms: d });
    }
  const result: ShareAnswer = { from: a?.t ?? req.from, to: b?.t ?? req.to, byProcess };
  process.send!({ id: req.id, ok: true, result } satisfies ChildAnswer);
});
process.on("disconnect", () => process.exit(0));
sample();
setInterval(sample, SAMPLE_MS);
