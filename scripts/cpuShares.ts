// Who had the machine's cores during a window: the dashboard's server sat waiting for a core for most of its
// stalls in a failover (bench:latency, its loop's CPU time against the stall), so each run says what else ran.
import { cpus } from "node:os";
import { BenchChild } from "./benchChild";
import type { ShareAnswer, ShareRequest } from "./cpuShareProcess";

/** A process's part, by what it is to the bench; `own` pids first (the server's, the viewers' process). */
export type Who = (pid: number, cmdline: string) => string;

export function benchProcesses(own: Record<number, string>): Who {
  return (pid, cmd) => {
    if (own[pid]) return own[pid];
    if (/chrom/.test(cmd)) {
      const type = /--type=([\w-]+)/.exec(cmd)?.[1];
      if (type === "renderer") return "pages' renderers";
      return type === "gpu-process" ? "the GPU process" : type ? `chromium's ${type}` : "chromium's browser";
    }
    if (/redis-server/.test(cmd)) return "redis-server";
    if (/redis-cli|^bash|^timeout|^date|^base64/.test(cmd)) return "the seed loop's shell";
    return "other";
  };
}

/** "a 420, b 90, …": CPU ms by part, the largest first, the first `max` of them. */
function largestFirst(parts: [string, number][], max = Infinity): string {
  return parts
    .sort((x, y) => y[1] - x[1])
    .slice(0, max)
    .map(([k, ms]) => `${k} ${ms.toFixed(0)}`)
    .join(", ");
}

export class CpuShares {
  // The sampler must not take the cores it measures from the processes it measures.
  private readonly proc = new BenchChild("cpuShareProcess.ts", "the CPU sampler", { nice: 19 });

  constructor(private readonly who: Who) {}

  /** "X ms of CPU in Y ms (2 cores): A ms pages' renderers, …", the largest first. */
  async between(from: number, to: number): Promise<string> {
    const a = await this.proc.ask<ShareAnswer>({ from, to } satisfies ShareRequest);
    const by = new Map<string, number>();
    for (const p of a.byProcess) {
      const k = this.who(p.pid, p.name);
      by.set(k, (by.get(k) ?? 0) + p.ms);
    }
    const total = [...by.values()].reduce((x, y) => x + y, 0);
    const wall = a.to - a.from;
    const parts = largestFirst([...by]);
    const threads = largestFirst(
      a.rendererThreads.map((t) => [t.name, t.ms]),
      6,
    );
    return (
      `${total.toFixed(0)} ms of CPU in ${wall.toFixed(0)} ms (${cpus().length} cores): ${parts}` +
      (threads ? `; the renderers' threads: ${threads}` : "")
    );
  }

  close(): void {
    if (this.proc.child.connected) this.proc.child.disconnect();
  }
}
