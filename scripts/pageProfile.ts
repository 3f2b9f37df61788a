// What a page's main thread did, printed by the page benches: the functions with the most self time (a CDP CPU
// profile), and time per kind of work (a Chromium trace, scripts/traceSummary.ts).
import { mainThreadSelfTimes } from "./traceSummary";

export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
    hitCount?: number;
  }[];
  startTime: number;
  endTime: number;
}

/** The functions with the most self time, as a profile's flame graph would list them at its bottom. */
export function printProfile(profile: CpuProfile, label: string): void {
  const total = profile.nodes.reduce((a, n) => a + (n.hitCount ?? 0), 0);
  const byName = new Map<string, number>();
  for (const n of profile.nodes) {
    const file = n.callFrame.url.split("/").pop() || "(native)";
    const name = `${n.callFrame.functionName || "(anonymous)"} ${file}:${n.callFrame.lineNumber}:${n.callFrame.columnNumber}`;
    byName.set(name, (byName.get(name) ?? 0) + (n.hitCount ?? 0));
  }
  console.log(`profile, ${label} (self time, ${total} samples):`);
  for (const [name, hits] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`  ${((100 * hits) / total).toFixed(1).padStart(5)} %  ${name}`);
}

export function printTrace(json: string, label: string): void {
  const { wallMs, rows } = mainThreadSelfTimes(json);
  console.log(
    `trace, ${label} (renderer main thread, self CPU time, % of the ${(wallMs / 1000).toFixed(1)} s wall):`,
  );
  for (const [name, ms] of rows.slice(0, 25))
    console.log(
      `  ${((100 * ms) / wallMs).toFixed(1).padStart(5)} %  ${ms.toFixed(0).padStart(6)} ms  ${name}`,
    );
}
