import type { V1Pod } from "@kubernetes/client-node";
import { KubeError } from "./errors";
import type { KubeApi, WatchEventType } from "./kubeApi";
import { applyPodEvent, podMapFromList, type PodMap } from "./podMapping";

export interface PodWatchOptions {
  namespace: string;
  labelSelector: string;
  /** Server-side watch timeout; the apiserver ends the watch then and we resume from the last resourceVersion. */
  watchTimeoutSeconds?: number;
  /** With no event or bookmark for this long the connection is presumed dead and replaced. */
  idleTimeoutMs?: number;
  backoffMinMs?: number;
  backoffMaxMs?: number;
}

export type PodWatchStatus =
  { state: "synced"; resourceVersion: string } | { state: "reconnecting"; error: string | null };

/**
 * List + watch of the release's pods: our own loop rather than makeInformer, which stops for good on any
 * error except 410 and keys objects by namespace/name only.
 * - resumes a dropped or timed-out watch from the last resourceVersion seen (events or bookmarks), so no
 *   event is lost and none is applied twice;
 * - on `410 Gone` (as an ERROR event or an HTTP status) re-lists and replaces the whole map, so pods deleted
 *   while we were away disappear and new ones appear;
 * - retries anything else with capped exponential backoff, forever, until stop(); the backoff starts again
 *   from its minimum once a list or a watch succeeds, so a drop after a recovery is retried at once and not
 *   after the longest wait of the previous outage.
 */
export class PodWatch {
  private pods: PodMap = new Map();
  private resourceVersion: string | null = null;
  private listeners = new Set<(pods: PodMap) => void>();
  private statusListeners = new Set<(s: PodWatchStatus) => void>();
  private stopped = false;
  private abortCurrent: (() => void) | null = null;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  /** Counters for diagnostics and tests: how often we listed and (re)opened a watch. */
  readonly stats = { lists: 0, watches: 0, gone: 0, lastRetryDelayMs: 0 };

  constructor(
    private readonly api: KubeApi,
    private readonly opts: PodWatchOptions,
  ) {}

  current(): PodMap {
    return this.pods;
  }

  onChange(listener: (pods: PodMap) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onStatus(listener: (s: PodWatchStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Lists once (rejecting if that fails, so start-up can report it), then keeps watching in the background. */
  async start(): Promise<void> {
    await this.relist();
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abortCurrent?.();
    this.wake?.();
    await this.loop;
    this.listeners.clear();
    this.statusListeners.clear();
  }

  private async relist(): Promise<void> {
    this.stats.lists++;
    const list = await this.api.listPods(this.opts.namespace, this.opts.labelSelector);
    this.resourceVersion = list.resourceVersion;
    this.set(podMapFromList(list.items));
  }

  private set(next: PodMap) {
    if (next === this.pods) return;
    this.pods = next;
    for (const l of this.listeners) l(next);
  }

  private status(s: PodWatchStatus) {
    for (const l of this.statusListeners) l(s);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(t);
        this.wake = null;
        resolve();
      };
    });
  }

  private async run(): Promise<void> {
    const min = this.opts.backoffMinMs ?? 250;
    const max = this.opts.backoffMaxMs ?? 10_000;
    let backoff = min;
    while (!this.stopped) {
      try {
        if (this.resourceVersion === null) {
          await this.relist();
          backoff = min;
        }
        const result = await this.watchOnce();
        if (result.opened || result.gotEvents) backoff = min;
        if (this.stopped) break;
        if (result.gone) {
          this.stats.gone++;
          this.resourceVersion = null;
          continue;
        }
        if (!result.error) {
          // A normal end (server-side timeout): resume at once, unless the server keeps ending empty watches.
          backoff = min;
          if (result.gotEvents) continue;
          await this.sleep(min);
          continue;
        }
        this.status({ state: "reconnecting", error: result.error.message });
      } catch (err) {
        this.status({ state: "reconnecting", error: (err as Error).message });
      }
      if (this.stopped) break;
      this.stats.lastRetryDelayMs = backoff;
      await this.sleep(backoff);
      backoff = Math.min(max, backoff * 2);
    }
  }

  /** One watch request, until the server ends it, it fails, or it says 410. */
  private watchOnce(): Promise<{
    gone: boolean;
    error: KubeError | null;
    gotEvents: boolean;
    opened: boolean;
  }> {
    return new Promise((resolve) => {
      this.stats.watches++;
      let gone = false;
      let gotEvents = false;
      let opened = false;
      let settled = false;
      let idle: NodeJS.Timeout | null = null;
      const idleMs = this.opts.idleTimeoutMs ?? ((this.opts.watchTimeoutSeconds ?? 300) + 60) * 1000;
      let eventError: KubeError | null = null;
      const settle = (err: KubeError | null) => {
        if (settled) return;
        const error = err ?? eventError;
        settled = true;
        if (idle) clearTimeout(idle);
        this.abortCurrent = null;
        resolve({
          gone: gone || error?.status === 410,
          error: error?.status === 410 ? null : error,
          gotEvents,
          opened,
        });
      };
      const armIdle = () => {
        if (idle) clearTimeout(idle);
        idle = setTimeout(() => {
          if (this.abortCurrent) this.abortCurrent();
          else settle(new KubeError("watch pods: no response from the API server", 0, "ETIMEDOUT"));
        }, idleMs);
      };
      const onEvent = (type: WatchEventType, obj: unknown) => {
        if (settled) return;
        armIdle();
        if (type === "ERROR") {
          const st = obj as { code?: number; reason?: string; message?: string };
          if (st?.code === 410) gone = true;
          else
            eventError = new KubeError(
              `watch pods: ${st?.message ?? "error event"}`,
              st?.code ?? 0,
              st?.reason ?? "Unknown",
            );
          this.abortCurrent?.();
          return;
        }
        const pod = obj as V1Pod;
        const rv = pod?.metadata?.resourceVersion;
        if (rv) this.resourceVersion = rv;
        gotEvents = true;
        if (type === "ADDED" || type === "MODIFIED" || type === "DELETED") {
          this.set(applyPodEvent(this.pods, type, pod));
        }
      };
      armIdle();
      this.api
        .watchPods(
          this.opts.namespace,
          this.opts.labelSelector,
          this.resourceVersion ?? "",
          this.opts.watchTimeoutSeconds ?? 300,
          onEvent,
          settle,
        )
        .then((abort) => {
          // The request may have ended, or been given up by the idle timer, before the client returned.
          if (settled) return abort();
          this.abortCurrent = abort;
          if (this.stopped || gone) abort();
          else {
            opened = true;
            this.status({ state: "synced", resourceVersion: this.resourceVersion ?? "" });
          }
        })
        .catch((err) => settle(err as KubeError));
    });
  }
}
