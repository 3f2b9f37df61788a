import http from "node:http";
import https from "node:https";
import {
  AuthorizationV1Api,
  CoreV1Api,
  KubeConfig,
  Watch,
  type V1DeleteOptions,
  type V1Pod,
} from "@kubernetes/client-node";
import { KubeError, describe, toKubeError } from "./errors";
import type { Permission } from "./permissions";

export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED" | "BOOKMARK" | "ERROR";

export interface PodList {
  items: V1Pod[];
  resourceVersion: string;
}

export interface StreamHandlers {
  /** The server accepted the request (200): the stream is open. */
  onOpen?(): void;
  onData(chunk: Buffer): void;
  /** Called once: null when the server ended the response, a KubeError for a refusal or a dropped connection. */
  onEnd(err: KubeError | null): void;
}

/**
 * The few Kubernetes API calls the platform makes, in one place. Everything else in this directory talks to
 * this class, so the permission list, the fake API server and the real API stay in step.
 */
export class KubeApi {
  private readonly core: CoreV1Api;
  private readonly authz: AuthorizationV1Api;
  private readonly watcher: Watch;

  constructor(readonly kc: KubeConfig) {
    this.core = kc.makeApiClient(CoreV1Api);
    this.authz = kc.makeApiClient(AuthorizationV1Api);
    this.watcher = new Watch(kc);
  }

  get server(): string {
    return this.kc.getCurrentCluster()?.server ?? "(no cluster)";
  }

  async listPods(namespace: string, labelSelector: string): Promise<PodList> {
    try {
      const list = await this.core.listNamespacedPod({ namespace, labelSelector });
      return { items: list.items, resourceVersion: list.metadata?.resourceVersion ?? "" };
    } catch (err) {
      throw toKubeError(err, `list pods in namespace ${namespace}`);
    }
  }

  /**
   * Starts one watch request. Objects arrive as the API sent them (JSON, timestamps as strings), unlike
   * `listPods`, whose items are deserialised (timestamps as Dates); podMapping accepts both.
   * Returns a function that aborts the request; `onDone` is called once either way.
   */
  async watchPods(
    namespace: string,
    labelSelector: string,
    resourceVersion: string,
    timeoutSeconds: number,
    onEvent: (type: WatchEventType, obj: unknown) => void,
    onDone: (err: KubeError | null) => void,
  ): Promise<() => void> {
    let done = false;
    let aborted = false;
    const finish = (err: unknown) => {
      if (done) return;
      done = true;
      onDone(aborted || !err ? null : toKubeError(err, `watch pods in namespace ${namespace}`));
    };
    const controller = await this.watcher.watch(
      `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`,
      { labelSelector, resourceVersion, allowWatchBookmarks: true, timeoutSeconds },
      (type, obj) => {
        if (!done) onEvent(type as WatchEventType, obj);
      },
      finish,
    );
    return () => {
      aborted = true;
      controller.abort();
      finish(null);
    };
  }

  /**
   * Every option travels in the body's DeleteOptions: once a body is sent (it must be, for the uid
   * precondition) the API server reads DeleteOptions from the body only and ignores `?gracePeriodSeconds=`,
   * which made a "crash" a 30 s graceful delete.
   */
  async deletePod(namespace: string, name: string, opts: { gracePeriodSeconds?: number; uid?: string }) {
    const body: V1DeleteOptions = { apiVersion: "v1", kind: "DeleteOptions" };
    if (opts.gracePeriodSeconds !== undefined) body.gracePeriodSeconds = opts.gracePeriodSeconds;
    if (opts.uid) body.preconditions = { uid: opts.uid };
    try {
      await this.core.deleteNamespacedPod({ name, namespace, body });
    } catch (err) {
      throw toKubeError(err, `delete pods ${name} in namespace ${namespace}`);
    }
  }

  async readSecretData(namespace: string, name: string): Promise<Record<string, string>> {
    try {
      const secret = await this.core.readNamespacedSecret({ name, namespace });
      return secret.data ?? {};
    } catch (err) {
      throw toKubeError(err, `get secrets ${name} in namespace ${namespace}`);
    }
  }

  /** Best effort only (not in the Role): used to tell "namespace missing" from "release missing". */
  async namespaceExists(name: string): Promise<boolean | null> {
    try {
      await this.core.readNamespace({ name });
      return true;
    } catch (err) {
      const e = toKubeError(err, `get namespaces ${name}`);
      if (e.status === 404) return false;
      return null;
    }
  }

  /** `kubectl auth can-i`: a SelfSubjectAccessReview, which every authenticated user may create. */
  async canI(namespace: string, p: Permission): Promise<{ allowed: boolean; reason: string }> {
    try {
      const review = await this.authz.createSelfSubjectAccessReview({
        body: {
          apiVersion: "authorization.k8s.io/v1",
          kind: "SelfSubjectAccessReview",
          spec: {
            resourceAttributes: {
              namespace,
              group: p.group,
              resource: p.resource,
              subresource: p.subresource,
              verb: p.verb,
              name: p.resourceName,
            },
          },
        },
      });
      return { allowed: review.status?.allowed === true, reason: review.status?.reason ?? "" };
    } catch (err) {
      throw toKubeError(err, "create selfsubjectaccessreviews");
    }
  }

  /**
   * A streaming GET (pod logs) on node:http, not the client's `Log` class: `Log` replaces most error bodies
   * with "Error occurred in log request" and does not report a dropped connection, and both matter here.
   */
  async streamGet(path: string, query: Record<string, string>, action: string, h: StreamHandlers) {
    const url = new URL(this.server + path);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    const opts: https.RequestOptions = { method: "GET" };
    await this.kc.applyToHTTPSOptions(opts);
    let ended = false;
    const end = (err: KubeError | null) => {
      if (ended) return;
      ended = true;
      h.onEnd(err);
    };
    const lib = url.protocol === "https:" ? https : http;
    const req = lib.request(url, opts, (res) => {
      if (res.statusCode !== 200) {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", () => undefined);
        res.on("end", () => {
          const status = res.statusCode ?? 0;
          const body = Buffer.concat(chunks).toString("utf8");
          let message = body.trim();
          let reason = res.statusMessage ?? "";
          try {
            const st = JSON.parse(body) as { message?: string; reason?: string };
            message = st.message ?? message;
            reason = st.reason ?? reason;
          } catch {
            // plain-text body: keep it as the message
          }
          end(new KubeError(describe(action, status, reason, message), status, reason));
        });
        return;
      }
      h.onOpen?.();
      res.on("data", (c: Buffer) => {
        if (!ended) h.onData(c);
      });
      res.on("aborted", () => end(new KubeError(`${action}: connection dropped`, 0, "ECONNRESET")));
      res.on("error", (err) => end(toKubeError(err, action)));
      res.on("end", () =>
        end(res.complete ? null : new KubeError(`${action}: connection dropped`, 0, "ECONNRESET")),
      );
    });
    req.on("error", (err) => end(toKubeError(err, action)));
    req.end();
    return () => {
      ended = true;
      req.destroy();
    };
  }
}
