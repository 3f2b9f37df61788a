// Budget (DESIGN §7): an idle open page costs <= 5 % of a core; during a failover frames p95 <= 16.7 ms and no
// long task over 50 ms, with a 30-minute timeline at any probe interval.
// One real Chromium page on an isolated lab. Idle CPU is read twice: from the renderer's own accounting (CDP
// Performance.getMetrics, main thread only) and from /proc (every renderer and GPU process this bench started,
// compositor and raster threads included). Frames and long tasks come from inside the page: a
// requestAnimationFrame loop and a PerformanceObserver('longtask'), from the master delete of `a` on.
// Phase 2 repeats it all with 30 minutes of back-dated samples in the server's buffer (the page gets them in
// its snapshot) and the 30-minute window selected.
import { readdirSync, readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { chromium, type CDPSession, type Page } from "@playwright/test";
import { percentile } from "@/lib/runMetrics";
import { keySlot } from "@/lib/slots";
import type { ProbeSample } from "@/lib/types";
import { buildIfNeeded } from "@/server/buildIfNeeded";
import type { RunningServer } from "@/server/startServer";
import type { Store } from "@/server/store";
import { chromiumLaunchOptions } from "./chromium";
import { startIsolatedLab } from "./isolatedLab";
import { type CpuProfile, printLongestStretch, printProfile, printTrace } from "./pageProfile";
import { TRACE_CATEGORIES } from "./traceSummary";
import { HIDDEN_PANELS, hidePanels } from "./hidePanels";
import { INSTALL_PANEL_MUTATIONS, panelMutationLines, resetPanelMutations } from "./panelMutations";
import { topologyOf } from "@/lib/labs/cluster/state";

const TOKEN = "bench-token-1234";
const IDLE_MS = Number(process.env.IDLE_MS ?? 20_000);
const FAILOVER_MS = Number(process.env.FAILOVER_MS ?? 20_000);
const NODE_TIMEOUT_MS = 3000;
const HISTORY_MS = 30 * 60_000;
const CLK_TCK = 100;
const BUDGET = { idleCpuPct: 5, frameP95Ms: 16.7, longTaskMs: 50 };
// A page that is not cross-origin isolated gets its clock (rAF timestamps too) coarsened to 100 µs: a 60 Hz
// frame measures 16.6-16.8 ms, so the frame budget (one 60 Hz frame) is judged at that resolution. A frame that
// missed its vsync measures 33 ms.
const CLOCK_RESOLUTION_MS = 0.1;

/**
 * Injected before any page script: long tasks all the time, frame deltas only between start() and stop() (a
 * requestAnimationFrame loop makes Chromium draw every frame, which an idle measurement must not include).
 * A string, not a function: tsx would wrap a function's inner names in a helper the page does not have.
 */
const PAGE_PROBE = `(() => {
  const perf = { frames: [], longTasks: [], running: false };
  let last = 0;
  const onFrame = (t) => {
    if (!perf.running) return;
    if (last) perf.frames.push(t - last);
    last = t;
    requestAnimationFrame(onFrame);
  };
  perf.start = () => { perf.frames = []; perf.longTasks = []; perf.running = true; last = 0; requestAnimationFrame(onFrame); };
  perf.stop = () => { perf.running = false; return { frames: perf.frames, longTasks: perf.longTasks }; };
  window.__perf = perf;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) perf.longTasks.push(e.duration);
  }).observe({ type: "longtask" });
})();`;

interface ProcTimes {
  renderer: number;
  gpu: number;
  other: number;
}

/** CPU seconds so far of the Chromium processes this node process started, by kind. */
function chromiumCpu(): ProcTimes {
  const parent = new Map<number, number>();
  const stats = new Map<number, { ticks: number; cmd: string }>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      // The command name may hold spaces and parentheses; the fields after the last ')' do not.
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parent.set(Number(name), Number(f[1]));
      const cmd = readFileSync(`/proc/${name}/cmdline`, "utf8");
      stats.set(Number(name), { ticks: Number(f[11]) + Number(f[12]), cmd });
    } catch {
      // A process that exited between listing and reading is not ours to count.
    }
  }
  const ours = (pid: number) => {
    for (let p = parent.get(pid); p && p > 1; p = parent.get(p)) if (p === process.pid) return true;
    return false;
  };
  const out: ProcTimes = { renderer: 0, gpu: 0, other: 0 };
  for (const [pid, s] of stats) {
    if (!ours(pid) || !s.cmd.includes("chrom")) continue;
    const kind = s.cmd.includes("--type=renderer")
      ? "renderer"
      : s.cmd.includes("--type=gpu-process")
        ? "gpu"
        : "other";
    out[kind] += s.ticks / CLK_TCK;
  }
  return out;
}

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: list } = (await cdp.send("Performance.getMetrics")) as {
    metrics: { name: string; value: number }[];
  };
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

const pct = (cpuSeconds: number, wallMs: number) => ((100 * cpuSeconds) / (wallMs / 1000)).toFixed(1);

async function measureIdle(page: Page, cdp: CDPSession, label: string, out: string[]): Promise<number> {
  const profiling = process.env.PROFILE === "1";
  if (profiling) {
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.start");
  }
  // TRACE=1 traces the idle window too: what the page draws when nothing but the probes changes.
  const tracing = process.env.TRACE === "1";
  if (tracing) await page.context().browser()!.startTracing(page, { categories: TRACE_CATEGORIES });
  await resetPanelMutations(page);
  const m0 = await metrics(cdp);
  const p0 = chromiumCpu();
  const t0 = Date.now();
  await page.waitForTimeout(IDLE_MS);
  if (profiling)
    printProfile(((await cdp.send("Profiler.stop")) as { profile: CpuProfile }).profile, `${label}, idle`);
  if (tracing) printTrace((await page.context().browser()!.stopTracing()).toString("utf8"), `${label}, idle`);
  const wall = Date.now() - t0;
  const m1 = await metrics(cdp);
  const p1 = chromiumCpu();
  const renderer = p1.renderer - p0.renderer;
  const gpu = p1.gpu - p0.gpu;
  const total = Number(pct(renderer + gpu, wall));
  out.push(
    `${label}: idle ${(wall / 1000).toFixed(0)} s — renderer+GPU ${pct(renderer + gpu, wall)} % of a core ` +
      `(renderer ${pct(renderer, wall)} %, GPU ${pct(gpu, wall)} %, browser ${pct(p1.other - p0.other, wall)} %); ` +
      mainThreadSplit(m0, m1, wall),
    ...(await panelMutationLines(page, wall)),
  );
  return total;
}

/** The renderer's main thread between two readings of its metrics: busy, and of that script, layout, style. */
function mainThreadSplit(m0: Record<string, number>, m1: Record<string, number>, wallMs: number): string {
  const d = (k: string) => pct(m1[k] - m0[k], wallMs);
  return (
    `main thread busy ${d("TaskDuration")} % (script ${d("ScriptDuration")} %, layout ${d("LayoutDuration")} %, ` +
    `style ${d("RecalcStyleDuration")} %)`
  );
}

interface FrameFigures {
  p95: number;
  longMax: number;
}

async function measureFailover(
  page: Page,
  cdp: CDPSession,
  server: RunningServer,
  label: string,
  out: string[],
): Promise<FrameFigures> {
  // TRACE=1: what the main thread did during the failover, by kind (style, layout, paint, GC, script, …).
  const tracing = process.env.TRACE === "1";
  if (tracing) await page.context().browser()!.startTracing(page, { categories: TRACE_CATEGORIES });
  const store = server.engine.store;
  const slot = keySlot("a");
  const master = topologyOf(store.labState).nodes.find(
    (n) => n.role === "master" && n.pod && n.slots.some(([a, b]) => slot >= a && slot <= b),
  );
  if (!master?.pod) throw new Error("no master serves a");
  await page.evaluate("window.__perf.start()");
  const profiling = process.env.PROFILE === "1";
  if (profiling) {
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.start");
  }
  await resetPanelMutations(page);
  const m0 = await metrics(cdp);
  const p0 = chromiumCpu();
  const t0 = Date.now();
  const res = await fetch(`${server.url}/api/pods/${master.pod}/delete`, {
    method: "POST",
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ mode: "graceful" }),
  });
  if (res.status !== 202) throw new Error(`delete ${master.pod}: ${res.status} ${await res.text()}`);
  await page.waitForTimeout(FAILOVER_MS);
  const wall = Date.now() - t0;
  const m1 = await metrics(cdp);
  const p1 = chromiumCpu();
  const { frames, longTasks } = (await page.evaluate("window.__perf.stop()")) as {
    frames: number[];
    longTasks: number[];
  };
  if (profiling) {
    const { profile } = (await cdp.send("Profiler.stop")) as { profile: CpuProfile };
    printProfile(profile, label);
    printLongestStretch(profile, label);
  }
  if (tracing) printTrace((await page.context().browser()!.stopTracing()).toString("utf8"), label, false);
  const promoted = topologyOf(store.labState).nodes.some(
    (n) => n.role === "master" && n.id !== master.id && n.slots.some(([a, b]) => slot >= a && slot <= b),
  );
  const p95 = percentile(frames, 95);
  const longMax = longTasks.length ? Math.max(...longTasks) : 0;
  out.push(
    `${label}: failover (${master.pod} deleted${promoted ? ", replica promoted" : ", NOT promoted within the window"}), ` +
      `${(wall / 1000).toFixed(0)} s — ${(frames.length / (wall / 1000)).toFixed(0)} fps, frame p50 ` +
      `${percentile(frames, 50).toFixed(1)} ms p95 ${p95.toFixed(1)} ms max ${Math.max(...frames).toFixed(0)} ms; ` +
      `long tasks ${longTasks.length} (total ${longTasks.reduce((a, b) => a + b, 0).toFixed(0)} ms, max ` +
      `${longMax.toFixed(0)} ms); renderer ${pct(p1.renderer - p0.renderer, wall)} % of a core, ` +
      mainThreadSplit(m0, m1, wall),
    ...(await panelMutationLines(page, wall)),
  );
  return { p95, longMax };
}

/** Back to a fresh 3+3 lab with every pod ready, as the e2e stories start. */
async function freshLab(server: RunningServer): Promise<void> {
  const res = await fetch(`${server.url}/api/lab/reset`, {
    method: "POST",
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ persistence: false }),
  });
  if (res.status !== 200) throw new Error(`reset: ${res.status} ${await res.text()}`);
  await waitForReady(server.engine.store);
}

async function waitForReady(store: Store, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const settled = () =>
    store.pods.length === 6 &&
    store.pods.every((p) => p.ready) &&
    topologyOf(store.labState).clusterState === "ok" &&
    topologyOf(store.labState).nodes.filter((n) => n.role === "master" && n.pod).length === 3 &&
    topologyOf(store.labState).nodes.filter((n) => n.role === "replica" && n.pod).length === 3;
  while (!settled()) {
    if (Date.now() > deadline) throw new Error("the lab did not come up as 3+3 with every pod ready");
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * 30 minutes of samples before the real ones, at the lab's probe interval, with a 20 s outage of `a` every
 * five minutes: what a projector left open through a lesson holds.
 */
function injectHistory(store: Store, probeMs: number): number {
  const real = store.samplesSince(0);
  const end = real[0]?.t ?? Date.now();
  const history: ProbeSample[] = [];
  for (let t = end - HISTORY_MS; t < end; t += probeMs) {
    const down = (end - t) % 300_000 < 20_000;
    for (const key of store.lab.keys)
      for (const lane of store.lab.lanes) {
        const failing = down && key === "a";
        history.push({
          t,
          key,
          lane,
          outcome: failing ? "error" : "ok",
          errorKind: failing ? "timeout" : null,
          value: failing ? "Command timed out" : "1",
          latencyMs: failing ? 1000 : 0.3 + ((t / probeMs) % 7) / 3,
        });
      }
  }
  // The buffer is private to the store (nothing else may rewrite history); a bench may.
  (store as unknown as { samples: { clear(): void } }).samples.clear();
  store.addSamples(history.concat(real));
  return history.length;
}

async function openPage(browser: Awaited<ReturnType<typeof chromium.launch>>, server: RunningServer) {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.addInitScript(PAGE_PROBE);
  await page.addInitScript(INSTALL_PANEL_MUTATIONS);
  await page.goto(`${server.url}/?token=${TOKEN}&name=bench`);
  await page.getByTestId("lane-a-cluster").waitFor();
  await hidePanels(page);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable", { timeDomain: "timeTicks" });
  return { page, cdp };
}

async function main(): Promise<void> {
  buildIfNeeded(process.cwd());
  const lab = await startIsolatedLab({
    ipPrefix: process.env.LOCAL_IP_PREFIX ?? "127.47.47",
    token: TOKEN,
    withNext: true,
    env: {
      CLUSTER_NODE_TIMEOUT_MS: String(NODE_TIMEOUT_MS),
      READINESS_PERIOD_MS: "500",
      RESTART_DELAY_MS: "500",
      NEXT_TELEMETRY_DISABLED: "1",
      ...(process.env.PROBE_INTERVAL_MS ? { PROBE_INTERVAL_MS: process.env.PROBE_INTERVAL_MS } : {}),
    },
  });
  const { server } = lab;
  const browser = await chromium.launch(chromiumLaunchOptions);
  const out: string[] = [];
  const misses: string[] = [];
  const judge = (label: string, idle: number, f: FrameFigures) => {
    if (idle > BUDGET.idleCpuPct) misses.push(`${label}: idle ${idle.toFixed(1)} %`);
    if (f.p95 > BUDGET.frameP95Ms + CLOCK_RESOLUTION_MS)
      misses.push(`${label}: frame p95 ${f.p95.toFixed(2)} ms`);
    if (f.longMax > BUDGET.longTaskMs) misses.push(`${label}: a ${f.longMax.toFixed(0)} ms task`);
  };
  try {
    await waitForReady(server.engine.store);
    const probeMs = server.engine.store.lab.probeIntervalMs;
    out.push(
      `probe interval ${probeMs} ms, node timeout ${NODE_TIMEOUT_MS} ms, viewport 1600x1000, ` +
        `load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores at the start` +
        (HIDDEN_PANELS.length ? `; panels hidden (visibility: hidden): ${HIDDEN_PANELS.join(", ")}` : ""),
    );

    const fresh = await openPage(browser, server);
    // Let the first renders and the snapshot settle: idle means nothing happening but the probes.
    await fresh.page.waitForTimeout(3000);
    const idle1 = await measureIdle(fresh.page, fresh.cdp, "fresh page, 60 s window", out);
    judge(
      "fresh",
      idle1,
      await measureFailover(fresh.page, fresh.cdp, server, "fresh page, 60 s window", out),
    );
    await fresh.page.close();
    // FRESH_ONLY=1: the fresh page alone, for an ablation's before/after (half the run).
    if (process.env.FRESH_ONLY !== "1") {
      await freshLab(server);
      const n = injectHistory(server.engine.store, probeMs);
      const long = await openPage(browser, server);
      await long.page.getByTestId("timeline-window-1800s").click();
      await long.page.waitForTimeout(3000);
      const label = `30-minute timeline (${n} samples injected), 30 min window`;
      const idle2 = await measureIdle(long.page, long.cdp, label, out);
      judge("30-minute", idle2, await measureFailover(long.page, long.cdp, server, label, out));
      await long.page.close();
    }
  } finally {
    await browser.close();
    await lab.close();
  }
  out.push(`load average ${loadavg()[0].toFixed(1)} at the end`);
  console.log("\n" + out.join("\n"));
  console.log(
    `budget (idle <= ${BUDGET.idleCpuPct} % of a core, frame p95 <= ${BUDGET.frameP95Ms} ms at the page clock's ` +
      `${CLOCK_RESOLUTION_MS} ms, no long task > ${BUDGET.longTaskMs} ms): ` +
      (misses.length ? `MISSED (${misses.join("; ")})` : "met"),
  );
  if (misses.length) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
