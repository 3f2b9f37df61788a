import { StringDecoder } from "node:string_decoder";
import type { V1Pod } from "@kubernetes/client-node";
import type { KubeError } from "./errors";
import type { KubeApi } from "./kubeApi";
import { containerRestartCount, containerRunning, podUid } from "./podMapping";

/** `2024-03-10T04:14:46.2041Z` -> `2024-03-10T04:14:46.204100000Z`: fixed width, so strings compare as times. */
export function normalizeTimestamp(ts: string): string | null {
  const m = ts.match(/^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/);
  if (!m) return null;
  const frac = (m[2] ?? "").padEnd(9, "0");
  if (m[3] === "Z") return `${m[1]}.${frac}Z`;
  const ms = new Date(`${m[1]}${m[3]}`).getTime();
  if (Number.isNaN(ms)) return null;
  return `${new Date(ms).toISOString().slice(0, 19)}.${frac}Z`;
}

/** Splits `<RFC3339Nano> <line>` (the API's `timestamps=true` format). */
export function splitTimestamp(raw: string): { ts: string | null; text: string } {
  const sp = raw.indexOf(" ");
  if (sp > 0) {
    const ts = normalizeTimestamp(raw.slice(0, sp));
    if (ts) return { ts, text: raw.slice(sp + 1) };
  }
  return { ts: null, text: raw };
}

/** Splits a byte stream into lines; only the `\n` ending is removed (a `\r` is part of what Redis wrote). */
export class LineSplitter {
  private decoder = new StringDecoder("utf8");
  private rest = "";
  push(chunk: Buffer, onLine: (line: string) => void) {
    const text = this.rest + this.decoder.write(chunk);
    const parts = text.split("\n");
    this.rest = parts.pop() ?? "";
    for (const p of parts) onLine(p);
  }
  /** A partial last line is dropped: the resumed stream delivers it again, whole. */
  reset() {
    this.decoder = new StringDecoder("utf8");
    this.rest = "";
  }
}

export interface LogFollowDeps {
  api: KubeApi;
  namespace: string;
  /** The redis container of this incarnation, from its spec (the chart decides the name, not we). */
  containerOf(pod: V1Pod): string | null;
  podName: string;
  /** The pod as the watch sees it now (undefined when it does not exist). */
  getPod(): V1Pod | undefined;
  /** Calls back whenever the watched pods change; returns an unsubscribe function. */
  onPodsChange(cb: () => void): () => void;
  onLine(line: string): void;
  /** A refusal a person must act on (403, a 400 other than "waiting to start"); reported once per message. */
  onError?(message: string): void;
  /** A stream opened again after an onError. */
  onRecovered?(): void;
  /** Lines of history sent on the first attach (`kubectl logs --tail`); a new incarnation is read whole. */
  initialTailLines?: number;
  backoffMinMs?: number;
  backoffMaxMs?: number;
}

/**
 * Follows one pod's Redis log across dropped connections and restarts.
 * - The stream is requested with `timestamps=true`; the timestamp of the last delivered line is remembered.
 * - A dropped stream of the same container is resumed with `sinceTime` and lines already delivered are skipped
 *   (sinceTime has second precision, so some lines come again and are filtered by their exact timestamp).
 * - A new incarnation (new uid after the StatefulSet recreated the pod) or a restarted container is read from
 *   its first line: its start-up lines (`No cluster configuration found, I'm …`) are the lesson.
 * - While the pod is gone, Pending or Terminating, it waits for the watch to show the container running.
 */
export class LogFollower {
  private stopped = false;
  private abort: (() => void) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private unsubscribe: () => void;
  private key: string | null = null;
  private lastTs: string | null = null;
  private seenAtLastTs = 0;
  private backoff: number;
  private streaming = false;
  private lastError: string | null = null;
  /** For tests and diagnostics. */
  readonly stats = { connects: 0, linesDelivered: 0 };

  constructor(private readonly d: LogFollowDeps) {
    this.backoff = d.backoffMinMs ?? 200;
    this.unsubscribe = d.onPodsChange(() => {
      if (!this.streaming && !this.stopped && this.timer) this.schedule(0);
    });
    this.schedule(0);
  }

  stop() {
    this.stopped = true;
    this.unsubscribe();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.abort?.();
    this.abort = null;
  }

  private schedule(ms: number) {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.connect();
    }, ms);
  }

  private retryLater() {
    const max = this.d.backoffMaxMs ?? 5000;
    this.schedule(this.backoff);
    this.backoff = Math.min(max, this.backoff * 2);
  }

  private async connect() {
    if (this.stopped || this.streaming) return;
    const pod = this.d.getPod();
    const container = pod ? this.d.containerOf(pod) : null;
    if (!pod || !container || pod.metadata?.deletionTimestamp || !containerRunning(pod, container)) {
      // Nothing to read yet; a pod change wakes us, the timer is a fallback in case the watch lags.
      this.schedule(this.d.backoffMaxMs ?? 5000);
      return;
    }
    const key = `${podUid(pod)}#${container}#${containerRestartCount(pod, container)}`;
    const query: Record<string, string> = { container, follow: "true", timestamps: "true" };
    const resuming = key === this.key && this.lastTs !== null;
    if (resuming) {
      query.sinceTime = `${this.lastTs!.slice(0, 19)}Z`;
    } else {
      if (this.key === null && this.d.initialTailLines !== undefined)
        query.tailLines = String(this.d.initialTailLines);
      this.key = key;
      this.lastTs = null;
      this.seenAtLastTs = 0;
    }
    const skipBefore = this.lastTs;
    let skipAtTs = this.seenAtLastTs;
    let gotLines = false;
    const splitter = new LineSplitter();
    this.streaming = true;
    this.stats.connects++;
    const name = this.d.podName;
    const onRaw = (raw: string) => {
      const { ts, text } = splitTimestamp(raw);
      if (ts !== null && skipBefore !== null) {
        if (ts < skipBefore) return;
        if (ts === skipBefore && skipAtTs > 0) {
          skipAtTs--;
          return;
        }
      }
      if (ts !== null) {
        if (ts === this.lastTs) this.seenAtLastTs++;
        else {
          this.lastTs = ts;
          this.seenAtLastTs = 1;
        }
      }
      gotLines = true;
      this.stats.linesDelivered++;
      this.d.onLine(text);
    };
    const onEnd = (err: KubeError | null) => {
      this.streaming = false;
      this.abort = null;
      if (this.stopped) return;
      if (err) this.report(err);
      if (gotLines || (!err && !resuming)) this.backoff = this.d.backoffMinMs ?? 200;
      // A stream that ends on its own means the container stopped or the connection was cut: either way
      // try again soon; connect() decides whether it is the same container or a new one.
      this.retryLater();
    };
    try {
      this.abort = await this.d.api.streamGet(
        `/api/v1/namespaces/${encodeURIComponent(this.d.namespace)}/pods/${encodeURIComponent(name)}/log`,
        query,
        `get pods/log ${name} in namespace ${this.d.namespace}`,
        { onOpen: () => this.recovered(), onData: (c) => splitter.push(c, onRaw), onEnd },
      );
      if (this.stopped) this.abort?.();
    } catch (err) {
      onEnd(err as KubeError);
    }
  }

  private recovered() {
    if (this.lastError === null) return;
    this.lastError = null;
    this.d.onRecovered?.();
  }

  private report(err: KubeError) {
    // A 404, a dropped connection and a 400 "waiting to start" / "terminated" are normal around a restart;
    // any other 400 (e.g. "container redis-cluster is not valid for pod …") never heals by retrying.
    if (err.status === 404 || err.status === 0) return;
    if (
      err.status === 400 &&
      /waiting to start|is terminated|ContainerCreating|PodInitializing/.test(err.message)
    )
      return;
    if (err.message === this.lastError) return;
    this.lastError = err.message;
    this.d.onError?.(err.message);
  }
}
