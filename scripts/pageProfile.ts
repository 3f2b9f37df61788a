// What a page's main thread did, printed by the page benches: the functions with the most self time (a CDP CPU
// profile), and time per kind of work (a Chromium trace, scripts/traceSummary.ts).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { SourceMapConsumer } from "source-map-js";
import { longestTasks, mainThreadFrames, mainThreadSelfTimes, mainThreadSpans } from "./traceSummary";

export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
    hitCount?: number;
    children?: number[];
  }[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** The functions with the most self time, as a profile's flame graph would list them at its bottom. */
export function printProfile(profile: CpuProfile, label: string, root = process.cwd()): void {
  const total = profile.nodes.reduce((a, n) => a + (n.hitCount ?? 0), 0);
  const byName = new Map<string, number>();
  // Mapped to sources when the build has source maps (SOURCE_MAPS=1), as the longest stretch is.
  const names = new SourceNames(root);
  for (const n of profile.nodes) {
    const name = names.of(n.callFrame);
    byName.set(name, (byName.get(name) ?? 0) + (n.hitCount ?? 0));
  }
  console.log(`profile, ${label} (self time, ${total} samples):`);
  for (const [name, hits] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`  ${((100 * hits) / total).toFixed(1).padStart(5)} %  ${name}`);
  printByAppFile(profile, names, label);
}

/**
 * Self time says which library function ran (React's reconciler, formatjs), not for which panel. Inclusive time
 * per file of the app's own (components/, lib/, app/) says that: a sample counts once for every app file on its
 * stack, so a panel's line holds the library work its renders called. Only with source maps.
 */
function printByAppFile(profile: CpuProfile, names: SourceNames, label: string): void {
  const { inclusive } = timeByKey(profile, (frame) => {
    const m = / ((?:components|lib|app)\/[^: ]+):\d+$/.exec(names.of(frame));
    return m ? m[1] : null;
  });
  if (inclusive.size === 0) return;
  console.log(
    `profile, ${label}, inclusive ms per file of the app's (a sample counts for every file on its stack):`,
  );
  for (const [file, us] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`  ${(us / 1000).toFixed(0).padStart(6)} ms  ${file}`);
}

/**
 * A long task is one stretch of work, and a 20 s profile's self times drown it: the longest run of samples
 * outside "(idle)", and the functions under it by inclusive time. Positions are mapped to sources when the
 * build has source maps (`SOURCE_MAPS=1 npx next build`), since the shipped chunks are minified.
 */
export function printLongestStretch(profile: CpuProfile, label: string, root = process.cwd()): void {
  const { samples = [], timeDeltas = [] } = profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const idle = (id: number) => byId.get(id)?.callFrame.functionName === "(idle)";
  let best = { from: 0, to: 0, us: 0 };
  let from = -1;
  let us = 0;
  for (let i = 0; i <= samples.length; i++) {
    if (i < samples.length && !idle(samples[i])) {
      if (from < 0) [from, us] = [i, 0];
      us += timeDeltas[i + 1] ?? 0;
      continue;
    }
    if (from >= 0 && us > best.us) best = { from, to: i, us };
    from = -1;
  }
  const names = new SourceNames(root);
  const { inclusive, self } = timeByKey(profile, (frame) => names.of(frame), best.from, best.to);
  console.log(`longest busy stretch, ${label}: ${(best.us / 1000).toFixed(0)} ms (inclusive ms, self ms):`);
  for (const [name, t] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 40))
    console.log(
      `  ${(t / 1000).toFixed(1).padStart(6)}  ${((self.get(name) ?? 0) / 1000).toFixed(1).padStart(6)}  ${name}`,
    );
}

/**
 * µs per key over the samples from..to: inclusive (a sample counts once for every key on its stack) and self (the
 * key of the frame it was taken in). Frames keyed null count for nothing.
 */
function timeByKey(
  profile: CpuProfile,
  keyOf: (frame: CpuProfile["nodes"][number]["callFrame"]) => string | null,
  from = 0,
  to = profile.samples?.length ?? 0,
): { inclusive: Map<string, number>; self: Map<string, number> } {
  const { samples = [], timeDeltas = [] } = profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const keys = new Map<number, string | null>();
  const key = (id: number) => {
    if (!keys.has(id)) keys.set(id, keyOf(byId.get(id)!.callFrame));
    return keys.get(id)!;
  };
  const inclusive = new Map<string, number>();
  const self = new Map<string, number>();
  for (let i = from; i < to; i++) {
    const dt = timeDeltas[i + 1] ?? 0;
    const seen = new Set<string>();
    for (let id: number | undefined = samples[i]; id !== undefined; id = parent.get(id)) {
      const k = key(id);
      if (k === null) continue;
      if (id === samples[i]) self.set(k, (self.get(k) ?? 0) + dt);
      if (!seen.has(k)) inclusive.set(k, (inclusive.get(k) ?? 0) + dt);
      seen.add(k);
    }
  }
  return { inclusive, self };
}

/** A profile frame's name: mapped to its source when the build has source maps, else as V8 gives it. */
export class SourceNames {
  private maps = new Map<string, SourceMapConsumer | null>();
  constructor(private root: string) {}
  of(f: CpuProfile["nodes"][number]["callFrame"]): string {
    const file = f.url.split("/").pop() || "(native)";
    const fallback = `${f.functionName || "(anonymous)"} ${file}:${f.lineNumber}:${f.columnNumber}`;
    const map = this.map(f.url);
    if (!map) return fallback;
    const pos = map.originalPositionFor({ line: f.lineNumber + 1, column: f.columnNumber });
    if (!pos.source) return fallback;
    const source = pos.source.replace(/^.*?(node_modules|components|lib|app)\//, "$1/");
    return `${pos.name || f.functionName || "(anonymous)"} ${source}:${pos.line}`;
  }
  private map(url: string): SourceMapConsumer | null {
    if (!this.maps.has(url)) {
      // Turbopack names a chunk's map by a hash of its own: the chunk's last line says which.
      const m = /\/_next\/(static\/.*)\.js/.exec(url);
      const chunk = m && path.join(this.root, ".next", m[1] + ".js");
      const ref =
        chunk && existsSync(chunk) && /sourceMappingURL=(\S+)\s*$/.exec(readFileSync(chunk, "utf8"));
      const file = ref && path.join(path.dirname(chunk), ref[1]);
      this.maps.set(
        url,
        file && existsSync(file) ? new SourceMapConsumer(JSON.parse(readFileSync(file, "utf8"))) : null,
      );
    }
    return this.maps.get(url)!;
  }
}

/**
 * `countFrames`: false where the bench measures frame times with an animation-frame loop of its own, which makes
 * every vsync a frame (bench:page's failover).
 */
export function printTrace(json: string, label: string, countFrames = true): void {
  const spans = mainThreadSpans(json);
  const { wallMs, threads, rows } = mainThreadSelfTimes(spans);
  // Per page: with three pages open, a sum over their renderers read as one page's was three times its cost.
  const pages = Math.max(1, threads);
  console.log(
    `trace, ${label} (renderer main thread, self CPU time per page, mean of ${pages}, % of the ` +
      `${(wallMs / 1000).toFixed(1)} s wall):`,
  );
  for (const [name, total] of rows.slice(0, 25)) {
    const ms = total / pages;
    console.log(
      `  ${((100 * ms) / wallMs).toFixed(1).padStart(5)} %  ${ms.toFixed(0).padStart(6)} ms  ${name}`,
    );
  }
  if (countFrames) {
    const { frames, cpuMs } = mainThreadFrames(spans);
    console.log(
      `  frames: ${(frames / pages).toFixed(0)} per page (${((1000 * frames) / pages / wallMs).toFixed(1)}/s), ` +
        `${frames ? (cpuMs / frames).toFixed(1) : "—"} ms of main-thread CPU each`,
    );
  }
  for (const task of longestTasks(spans, 3))
    console.log(
      `  a ${task.wallMs.toFixed(0)} ms task: ` +
        task.rows
          .filter(([, ms]) => ms >= 1)
          .slice(0, 8)
          .map(([name, ms]) => `${name} ${ms.toFixed(0)}`)
          .join(", "),
    );
}
