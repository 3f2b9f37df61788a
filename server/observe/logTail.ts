import type { LogLine } from "@/lib/protocol";
import { classifyLogMessage, logMark, parseRedisLogLine } from "@/lib/redisLog";
import { newEvent, type NewEvent } from "@/lib/events";
import type { PodState } from "@/lib/types";
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
  private pendingEvents: NewEvent[] = [];
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
    if (!parsed) {
      this.pending.push({ pod, t: Date.now(), line, redis: null });
      return;
    }
    // Classified once, here: the browser renders the mark and never parses the line again.
    const c = classifyLogMessage(parsed.message);
    const redis = {
      roleChar: parsed.roleChar,
      // parseRedisLogLine read the printed clock as UTC, so this gives back the printed digits.
      time: new Date(parsed.t).toISOString().slice(11, 23),
      message: parsed.message,
      mark: logMark(c),
    };
    this.pending.push({ pod, t: parsed.t, line, redis });
    if (c.kind && c.highlight) {
      this.pendingEvents.push(
        newEvent("log", parsed.t, { pod, logKind: c.kind, nodeId: c.nodeId ?? null, line: parsed.message }),
      );
    }
    // A marked line (PFAIL, FAIL, election, cluster_state) is the poller's cue to read every pod now: given at
    // once, not with the next batch, which added up to FLUSH_MS to what a promotion takes to reach the page. The
    // line itself still waits for the batch: each message is a write to every browser's socket.
    if (redis.mark) this.store.cue(pod);
  }

  private flush(): void {
    if (this.pending.length) this.store.addLogs(this.pending.splice(0));
    if (this.pendingEvents.length) this.store.addEvents(this.pendingEvents.splice(0));
  }
}
