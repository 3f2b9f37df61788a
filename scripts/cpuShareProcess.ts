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
  /** CPU ms so far of each renderer's threads, per "pid/tid": which of a page's threads took the core. */
  threads: Map<string, number>;
}

const readings: Reading[] = [];
const names = new Map<number, string>();
/** Each renderer thread's name, per "pid/tid" as in Reading.threads. */
const threadNames = new Map<string, string>();
const now = () => performance.timeOrigin + performance.now();

/** CPU ms so far and the command (thread) name of a /proc stat file, or null once it has exited. */
function statOf(path: string): { ms: number; comm: string } | null {
  try {
    const stat = readFileSync(path, "utf8");
    // The command name is in parentheses and may hold spaces: fields count from after its ")".
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
    return { ms: (Number(f[11]) + Number(f[12])) * TICK_MS, comm };
  } catch {
    return null;
  }
}

function readThreads(pid: number, into: Map<string, number>): void {
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return;
  }
  for (const tid of tids) {
    const s = statOf(`/proc/${pid}/task/${tid}/stat`);
    if (!s) continue;
    const key = `${pid}/${tid}`;
    into.set(key, s.ms);
    // The main thread is named after the program (chromium); Blink runs its frames there.
    threadNames.set(key, tid === String(pid) ? "main thread" : s.comm);
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
  const threads = new Map<string, number>();
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    const s = statOf(`/proc/${pid}/stat`);
    if (s === null) continue;
    cpu.set(pid, s.ms);
    // A renderer forked from Chromium's zygote carries the zygote's command line at first: read it again.
    const name = names.get(pid);
    if (name === undefined || name.includes("--type=zygote")) names.set(pid, nameOf(pid));
    if (names.get(pid)!.includes("--type=renderer")) readThreads(pid, threads);
  }
  const t = now();
  readings.push({ t, cpu, threads });
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
  /** CPU ms in the window of all renderers' threads, per thread name (main thread, ThreadPoolForeg for raster, Compositor, …). */
  rendererThreads: { name: string; ms: number }[];
}

/** What each key ran between two readings of CPU so far: keys that ran nothing are left out. */
function grew<K>(a: Map<K, number>, b: Map<K, number>): [K, number][] {
  const out: [K, number][] = [];
  for (const [k, ms] of b) {
    const d = ms - (a.get(k) ?? ms);
    if (d > 0) out.push([k, d]);
  }
  return out;
}

process.on("message", (req: ShareRequest & { id: number }) => {
  const a = at(req.from);
  const b = at(req.to);
  const byProcess =
    a && b ? grew(a.cpu, b.cpu).map(([pid, ms]) => ({ pid, name: names.get(pid) ?? "", ms })) : [];
  const byThread = new Map<string, number>();
  for (const [key, ms] of a && b ? grew(a.threads, b.threads) : []) {
    const name = threadNames.get(key) ?? "";
    byThread.set(name, (byThread.get(name) ?? 0) + ms);
  }
  const rendererThreads = [...byThread].map(([name, ms]) => ({ name, ms }));
  const result: ShareAnswer = { from: a?.t ?? req.from, to: b?.t ?? req.to, byProcess, rendererThreads };
  process.send!({ id: req.id, ok: true, result } satisfies ChildAnswer);
});
process.on("disconnect", () => process.exit(0));
sample();
setInterval(sample, SAMPLE_MS);
