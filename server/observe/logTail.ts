import type { LogLine } from "@/lib/protocol";
import { classifyLogMessage, parseRedisLogLine } from "@/lib/redisLog";
import type { LabEvent, PodState } from "@/lib/types";
import type { Platform } from "../platform/types";
import type { Store } from "../store";

const FLUSH_MS = 100;

/**
 * Follows every pod's Redis log, batches lines for the browsers, and turns the lines that tell the story
 * (FAIL, election, promotion, cluster_state, "No cluster configuration found") into events stamped with
 * Redis's own millisecond timestamps.
 */
export class LogTail {
  private readonly stops: (() => void)[] = [];
  private readonly followed = new Set<string>();
  private pending: LogLine[] = [];
  private pendingEvents: Omit<LabEvent, "id">[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly platform: Platform,
    private readonly store: Store,
  ) {}

  /** Follows every pod the platform lists now or later (a kubernetes platform lists none before its first list). */
  start(): void {
    this.followNew(this.platform.pods());
    this.stops.push(this.platform.onPods((pods) => this.followNew(pods)));
    this.timer = setInterval(() => this.flush(), FLUSH_MS);
  }

  stop(): void {
    for (const s of this.stops.splice(0)) s();
    this.followed.clear();
    if (this.timer) clearInterval(this.timer);
    this.flush();
  }

  private followNew(pods: PodState[]): void {
    for (const { name } of pods) {
      if (this.followed.has(name)) continue;
      this.followed.add(name);
      this.stops.push(this.platform.followLog(name, (line) => this.onLine(name, line)));
    }
  }

  private onLine(pod: string, line: string): void {
    const parsed = parseRedisLogLine(line);
    this.pending.push({ pod, t: parsed?.t ?? Date.now(), line });
    if (!parsed) return;
    const c = classifyLogMessage(parsed.message);
    if (!c.kind || !c.highlight) return;
    this.pendingEvents.push({
      t: parsed.t,
      kind: "log",
      message: `${pod}: ${parsed.message}`,
      pod,
      nodeId: c.nodeId ?? null,
      actor: null,
      source: "log",
    });
  }

  private flush(): void {
    if (this.pending.length) this.store.addLogs(this.pending.splice(0));
    if (this.pendingEvents.length) this.store.addEvents(this.pendingEvents.splice(0));
  }
}
