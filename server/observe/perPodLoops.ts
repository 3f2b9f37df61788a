import type { Redis } from "ioredis";
import type { Platform } from "../platform/types";
import { connectNode, open } from "../redis/connect";

const REDIS_PORT = 6379;

/** One pod at one IP, read by its own loop so that a hung pod delays nobody else's view. */
export interface PodLoop {
  readonly pod: string;
  readonly ip: string;
  redis: Redis | null;
  stopped: boolean;
  /** When the read in flight was sent; null between reads. */
  inFlightSince: number | null;
  /** A read was asked for while one was in flight: start the next one as soon as this one ends. */
  again: boolean;
  timer: NodeJS.Timeout | null;
  /** Ends the wait between two reads early, when a read is asked for. */
  wake: (() => void) | null;
}

export interface PerPodLoopsOptions<L extends PodLoop> {
  /** The steady period between two reads of one pod. */
  periodMs: number;
  /** Reads asked for come in bursts: one pod is read at most this often, whatever asks. */
  minGapMs: number;
  /** The lab's loop state for a pod at an IP, with the common fields from `podLoop`. */
  create(pod: string, ip: string): L;
  /** One read and what follows from it; `asked` when a signal asked for this read, not the period. */
  readOnce(l: L, asked: boolean, sent: number): Promise<void>;
  /** A loop ended (its pod went or moved): its timers beyond the common ones. */
  ended?(l: L): void;
}

/** The fields every loop starts with. */
export function podLoop(pod: string, ip: string): PodLoop {
  return { pod, ip, redis: null, stopped: false, inFlightSince: null, again: false, timer: null, wake: null };
}

/**
 * The observers' one way of reading pods: a loop per pod at its current IP, single-flight (a pod is never
 * sent a second read while one is in flight, so a pod that hangs costs one read, not a pile-up), the steady
 * period, and reads asked for now (`readAllNow`) that start as soon as the pod's read in flight ends.
 */
export class PerPodLoops<L extends PodLoop> {
  private readonly loops = new Map<string, L>();

  constructor(private readonly o: PerPodLoopsOptions<L>) {}

  get(pod: string): L | undefined {
    return this.loops.get(pod);
  }

  has(pod: string): boolean {
    return this.loops.has(pod);
  }

  values(): IterableIterator<L> {
    return this.loops.values();
  }

  /** Starts loops for pods at new IPs and ends those of pods that went or moved; returns the ended pods. */
  sync(pods: { name: string; ip: string }[]): string[] {
    const ended: string[] = [];
    for (const [name, l] of this.loops) {
      if (!pods.some((p) => p.name === name && p.ip === l.ip)) {
        this.end(name);
        ended.push(name);
      }
    }
    for (const p of pods) {
      if (this.loops.has(p.name)) continue;
      const l = this.o.create(p.name, p.ip);
      this.loops.set(p.name, l);
      void this.run(l);
    }
    return ended;
  }

  /** Reads every pod now instead of at its next period; a pod with a read in flight is read right after it. */
  readAllNow(): void {
    for (const l of this.loops.values()) {
      if (l.inFlightSince !== null) l.again = true;
      else l.wake?.();
    }
  }

  endAll(): void {
    for (const name of [...this.loops.keys()]) this.end(name);
  }

  private end(pod: string): void {
    const l = this.loops.get(pod);
    if (!l) return;
    l.stopped = true;
    if (l.timer) clearTimeout(l.timer);
    l.wake?.();
    l.redis?.disconnect();
    this.o.ended?.(l);
    this.loops.delete(pod);
  }

  private async run(l: L): Promise<void> {
    let asked = true;
    while (!l.stopped) {
      const sent = Date.now();
      l.inFlightSince = sent;
      l.again = false;
      await this.o.readOnce(l, asked, sent);
      if (l.stopped) return;
      l.inFlightSince = null;
      asked = await this.pause(l, sent);
    }
  }

  /**
   * Waits for the next steady read, or less when a read is asked for (never closer than minGapMs to the
   * last one). Resolves true when the next read was asked for.
   */
  private async pause(l: L, sent: number): Promise<boolean> {
    const since = () => Date.now() - sent;
    let asked = l.again;
    if (!asked) {
      asked = await new Promise<boolean>((resolve) => {
        const done = (v: boolean) => {
          if (l.timer) clearTimeout(l.timer);
          l.timer = null;
          l.wake = null;
          resolve(v);
        };
        l.wake = () => done(true);
        l.timer = setTimeout(() => done(false), Math.max(0, this.o.periodMs - since()));
      });
    }
    const gap = this.o.minGapMs - since();
    if (asked && gap > 0 && !l.stopped) await new Promise<void>((r) => (l.timer = setTimeout(r, gap)));
    return asked;
  }
}

/**
 * The loop's connection to its pod, opened again after a failure: one connection per loop, so a read never
 * waits behind another pod's, and a command timeout as long as a real client waits (DESIGN §4).
 */
export async function podConnection(
  l: PodLoop,
  platform: Platform,
  timeouts: { connectTimeout: number; commandTimeout: number },
): Promise<Redis> {
  if (l.redis?.status === "ready") return l.redis;
  l.redis?.disconnect();
  const redis = connectNode(platform.resolve(l.ip, REDIS_PORT), platform.password, timeouts);
  redis.on("error", () => {});
  l.redis = redis;
  return open(redis);
}

/** After a failed read: the next one connects anew. */
export function dropConnection(l: PodLoop): void {
  l.redis?.disconnect();
  l.redis = null;
}
