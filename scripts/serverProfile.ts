// The bench's own process runs the dashboard's server: how late its event loop ran (what every publication waits
// behind) and, with PROFILE_SERVER=1, where its JavaScript spent the time (an inspector CPU profile).
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { constants, monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";
import { type CpuProfile, printProfile, SourceNames } from "./pageProfile";

/** A stall of the loop or a garbage collection, at its start (wall-clock ms). */
interface Pause {
  at: number;
  ms: number;
  /** A garbage collection's kind: minor (scavenge) or major (mark-compact). */
  major?: boolean;
  /** A stall's CPU time (the process's, user + system): the rest it waited for a core or in the kernel. */
  cpuMs?: number;
}

// A timer this late ran behind something else: a stall worth naming beside a late publication.
const STALL_TICK_MS = 5;
const STALL_MS = 20;

/** The pauses that overlap [from, to]. */
const overlapping = (list: Pause[], from: number, to: number) =>
  list.filter((p) => p.at + p.ms >= from && p.at <= to);

export class ServerLoop {
  private readonly delay = monitorEventLoopDelay({ resolution: 10 });
  private session: Session | null = null;
  private readonly stalls: Pause[] = [];
  private readonly gcs: Pause[] = [];
  private ticker: NodeJS.Timeout | null = null;
  private clock = { hrUs: 0, wall: 0 };
  /** Failover windows whose stalls the profile explains at stop (PROFILE_SERVER=1). */
  private readonly windows: { label: string; from: number; to: number }[] = [];
  private readonly gcObserver = new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      this.gcs.push({
        at: performance.timeOrigin + e.startTime,
        ms: e.duration,
        major:
          (e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind ===
          constants.NODE_PERFORMANCE_GC_MAJOR,
      });
  });

  async start(): Promise<void> {
    this.delay.reset();
    this.delay.enable();
    this.gcObserver.observe({ entryTypes: ["gc"] });
    let last = performance.now();
    let lastCpu = process.cpuUsage();
    const tick = () => {
      const t = performance.now();
      const cpu = process.cpuUsage();
      if (t - last - STALL_TICK_MS >= STALL_MS)
        this.stalls.push({
          at: performance.timeOrigin + last + STALL_TICK_MS,
          ms: t - last - STALL_TICK_MS,
          cpuMs: (cpu.user - lastCpu.user + cpu.system - lastCpu.system) / 1000,
        });
      [last, lastCpu] = [t, cpu];
      this.ticker = setTimeout(tick, STALL_TICK_MS);
    };
    this.ticker = setTimeout(tick, STALL_TICK_MS);
    if (process.env.PROFILE_SERVER !== "1") return;
    this.session = new Session();
    this.session.connect();
    await this.session.post("Profiler.enable");
    await this.session.post("Profiler.start");
    // V8's profile counts µs on the monotonic clock that process.hrtime reads: one pair of readings maps it to ours.
    this.clock = {
      hrUs: Number(process.hrtime.bigint() / 1000n),
      wall: performance.timeOrigin + performance.now(),
    };
  }

  /**
   * What held the server's loop between two moments (a failover's window): its stalls of STALL_MS or more and
   * its garbage collections (which the stalls include when they ran on the main thread), with the biggest one's
   * offset from `from`.
   */
  between(from: number, to: number): string {
    const of = (list: Pause[], withCpu: boolean) => {
      const inside = overlapping(list, from, to);
      if (!inside.length) return "none";
      const total = inside.reduce((a, p) => a + p.ms, 0);
      const big = inside.reduce((a, p) => (p.ms > a.ms ? p : a));
      const majors = inside.filter((p) => p.major).length;
      const cpu = inside.reduce((a, p) => a + (p.cpuMs ?? 0), 0);
      // The process's CPU time counts every thread (the collector's helpers too): it can exceed the stall.
      const onCore = withCpu ? ` (the process on a core ${cpu.toFixed(0)} ms of it)` : "";
      return (
        `${inside.length}${majors ? ` (${majors} major)` : ""}, ${total.toFixed(0)} ms in all${onCore}, ` +
        `the longest ${big.ms.toFixed(0)} ms at +${(big.at - from).toFixed(0)} ms`
      );
    };
    return `the server's loop, stalls of ${STALL_MS} ms or more: ${of(this.stalls, true)}; garbage collections: ${of(this.gcs, false)}`;
  }

  /** With PROFILE_SERVER=1, stop() prints what the server's JavaScript ran during this window's stalls. */
  explainLater(label: string, from: number, to: number): void {
    this.windows.push({ label, from, to });
  }

  /**
   * The self time of the samples inside each window's stalls, by function: a stall with few samples of the
   * server's own code was the process waiting for a core, not JavaScript.
   */
  private printStalls(profile: CpuProfile): void {
    const { samples = [], timeDeltas = [] } = profile;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const names = new SourceNames(process.cwd());
    const times: number[] = [];
    let us = profile.startTime;
    for (const dt of timeDeltas) times.push(this.clock.wall + ((us += dt) - this.clock.hrUs) / 1000);
    for (const w of this.windows) {
      const stalls = overlapping(this.stalls, w.from, w.to);
      const self = new Map<string, number>();
      let sampled = 0;
      for (let i = 0; i < samples.length; i++) {
        const t = times[i];
        if (!stalls.some((p) => t >= p.at && t <= p.at + p.ms)) continue;
        const dt = (timeDeltas[i + 1] ?? 0) / 1000;
        const f = byId.get(samples[i])?.callFrame;
        const name = f ? names.of(f) : "?";
        self.set(name, (self.get(name) ?? 0) + dt);
        sampled += dt;
      }
      const stalled = stalls.reduce((a, p) => a + p.ms, 0);
      const top = [...self]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 8)
        .map(([n, t]) => `${t.toFixed(0)} ms ${n}`)
        .join("; ");
      console.log(
        `${w.label}: ${stalled.toFixed(0)} ms of stalls, ${sampled.toFixed(0)} ms of them sampled: ${top || "nothing"}`,
      );
    }
  }

  /** The loop's delay since start(), as p50 / p99 / max ms; the profile's top functions when one was taken. */
  async stop(): Promise<string> {
    this.delay.disable();
    if (this.ticker) clearTimeout(this.ticker);
    this.gcObserver.disconnect();
    const ms = (ns: number) => (ns / 1e6).toFixed(0);
    const gcMs = (major: boolean) =>
      this.gcs
        .filter((g) => !!g.major === major)
        .reduce((a, g) => a + g.ms, 0)
        .toFixed(0);
    const figures =
      `event loop delay p50 ${ms(this.delay.percentile(50))} ms, p99 ${ms(this.delay.percentile(99))} ms, ` +
      `max ${ms(this.delay.max)} ms; garbage collection ${gcMs(false)} ms minor, ${gcMs(true)} ms major; ` +
      `heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB used`;
    if (this.session) {
      const { profile } = (await this.session.post("Profiler.stop")) as { profile: CpuProfile };
      printProfile(profile, "the server's process, all runs");
      this.printStalls(profile);
      // For a flame graph (Chrome DevTools or speedscope open a .cpuprofile file).
      if (process.env.PROFILE_SERVER_OUT)
        writeFileSync(process.env.PROFILE_SERVER_OUT, JSON.stringify(profile));
      this.session.disconnect();
      this.session = null;
    }
    return figures;
  }
}
