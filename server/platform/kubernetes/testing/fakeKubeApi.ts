import http from "node:http";
import type { AddressInfo } from "node:net";
import { KubeConfig } from "@kubernetes/client-node";
import { WebSocketServer } from "ws";

// A Kubernetes API server for tests, for the calls the platform makes and nothing else, with payloads shaped
// like a kube-apiserver 1.28's (k3s v1.28.6 on the seed) and pods as the bitnami redis-cluster chart's
// StatefulSet template makes them: labels, StatefulSet owner references, and the redis container named
// `{{ include "common.names.fullname" . }}` (`ds-redis-redis-cluster`, not `redis-cluster`), with the
// optional `metrics` sidecar after it. Conditions and containerStatuses as the kubelet reports them.
// Where the real API server is particular, so is this one: DELETE takes DeleteOptions from the body alone
// when a body is sent (the query is ignored), and a log request names a container of the pod's spec. It plays the StatefulSet controller and the kubelet too: a deleted pod goes
// Terminating -> DELETED -> ADDED (Pending, no IP, new uid) -> MODIFIED (Running, new IP), and its log
// stream ends a little after its container stops.

/* eslint-disable @typescript-eslint/no-explicit-any -- raw JSON objects, shaped like the API's */
type Json = any;

export interface RoleRule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
  resourceNames?: string[];
}

interface Attrs {
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  name?: string;
  namespace?: string;
}

interface LogLine {
  ts: string;
  text: string;
}

interface Incarnation {
  lines: LogLine[];
  running: boolean;
  followers: Set<LogFollower>;
}

interface LogFollower {
  push(line: LogLine): void;
  /** The container stopped: the response ends properly. */
  end(): void;
  /** The connection is cut. */
  drop(): void;
}

interface Watcher {
  namespace: string;
  selector: Record<string, string>;
  bookmarks: boolean;
  res: http.ServerResponse;
}

export interface FakeKubeOptions {
  /** Delay between the Terminating MODIFIED and the DELETED of a graceful delete. */
  terminationMs?: number;
  /** Delay before the replacement pod is ADDED (Pending) and before it runs (MODIFIED with an IP). */
  recreateMs?: number;
  /** How long a followed log stays open after its container stopped (the real kubelet: ~0.4 s). */
  logEndDelayMs?: number;
  /** Whether the replacement pod becomes Ready (a restarted cluster pod does not: `cluster_state:fail`). */
  replacementReady?: boolean;
  /** Answer too-old watches with HTTP 410 instead of the usual 200 + ERROR event. */
  goneAsHttpStatus?: boolean;
  /**
   * When set, an accepted DELETE (uid precondition passed) only calls this and answers 200: the caller plays
   * the kubelet and the StatefulSet controller with terminatePod, removePod, addPod ({ ip: null }) and runPod,
   * e.g. to mirror pods whose containers are real processes. The fake's own lifecycle timers are not used.
   */
  onDelete?: (
    pod: { name: string; namespace: string; uid: string },
    gracePeriodSeconds: number | null,
  ) => void;
  /**
   * The kubelet's side of `pods/exec`: runs `command` in the pod's container and answers its output. Unset:
   * every exec ends with a Failure status. Authorised as `get pods/exec`, as the kube-apiserver 1.28 this fake
   * speaks for authorises the websocket upgrade (a GET; `create` is checked as well only from 1.35).
   */
  onExec?: (
    pod: { name: string; namespace: string; container: string },
    command: string[],
  ) => Promise<{ stdout: Buffer; stderr: string; exitCode: number }>;
}

/** The bitnami redis chart (lab A) as `helm install ds-redis bitnami/redis -n redis-mr` makes its pods. */
const REDIS_IMAGE = "docker.io/bitnami/redis:7.2.4-debian-12-r9";

const CLUSTER_IMAGE = "docker.io/bitnami/redis-cluster:7.2.4-debian-12-r9";

export class FakeKubeApi {
  readonly requests: { method: string; path: string; query: Record<string, string>; body?: Json }[] = [];
  private server = http.createServer((req, res) => this.handle(req, res));
  private rv = 100;
  private compactedBefore = 0;
  private history: { rv: number; type: string; object: Json }[] = [];
  private pods = new Map<string, Json>();
  private secrets = new Map<string, Record<string, string>>();
  private namespaces = new Set<string>();
  private watchers = new Set<Watcher>();
  private logs = new Map<string, Incarnation>();
  private timers = new Set<NodeJS.Timeout>();
  private ipCounter = 90;
  private uidCounter = 0;
  private tsCounter = 0;
  private sockets = new Set<import("node:net").Socket>();
  /** null: everything allowed (a cluster-admin kubeconfig). Otherwise a Role's rules. */
  rules: RoleRule[] | null = null;
  user = "system:serviceaccount:redis-cluster:failover-lab";
  url = "";

  private wss = new WebSocketServer({
    noServer: true,
    // The channel protocol the client offers first that we speak: v4 (stdout 1, stderr 2, status 3).
    handleProtocols: (offered) => (offered.has("v4.channel.k8s.io") ? "v4.channel.k8s.io" : false),
  });
  /** Every exec the fake was asked for, allowed or not. */
  readonly execs: { pod: string; container: string; command: string[]; allowed: boolean }[] = [];

  constructor(readonly opts: FakeKubeOptions = {}) {
    this.server.on("connection", (s) => {
      this.sockets.add(s);
      s.on("close", () => this.sockets.delete(s));
    });
    this.server.on("upgrade", (req, socket, head) =>
      this.upgrade(req, socket as import("node:net").Socket, head),
    );
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    for (const c of this.wss.clients) c.terminate();
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The API server goes away (stopped, crashed): open connections are cut and new ones refused. */
  async goAway(): Promise<void> {
    this.watchers.clear();
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Back on the same address, with the state it had. */
  async comeBack(): Promise<void> {
    const port = Number(new URL(this.url).port);
    await new Promise<void>((resolve) => this.server.listen(port, "127.0.0.1", resolve));
  }

  kubeConfig(): KubeConfig {
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: "fake", server: this.url, skipTLSVerify: true }],
      users: [{ name: "student", token: "fake-token" }],
      contexts: [{ name: "fake", cluster: "fake", user: "student" }],
      currentContext: "fake",
    });
    return kc;
  }

  // ---- scenario controls -------------------------------------------------------------------------------

  addNamespace(ns: string) {
    this.namespaces.add(ns);
  }

  addSecret(ns: string, name: string, data: Record<string, string>) {
    this.namespaces.add(ns);
    this.secrets.set(`${ns}/${name}`, data);
  }

  /**
   * A pod of the bitnami redis-cluster StatefulSet `<release>-redis-cluster` (or any labels given), or with
   * `chart: "redis"` one of the redis chart's `<release>-master` / `<release>-replicas`. One skeleton; what
   * differs between the charts is in clusterChartPod and redisChartPod.
   */
  addPod(p: PodSpec): Json {
    const namespace = p.namespace ?? (p.chart === "redis" ? "redis-mr" : "redis-cluster");
    const release = p.release ?? "ds-redis";
    this.namespaces.add(namespace);
    const sts = p.ownerName ?? p.name.replace(/-\d+$/, "");
    const chart = (p.chart === "redis" ? redisChartPod : clusterChartPod)({ ...p, namespace, release, sts });
    const pod = {
      kind: "Pod",
      apiVersion: "v1",
      metadata: {
        name: p.name,
        generateName: `${sts}-`,
        namespace,
        uid: this.newUid(),
        resourceVersion: "",
        creationTimestamp: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
        labels: p.labels ?? {
          ...chart.labels,
          "app.kubernetes.io/instance": release,
          "app.kubernetes.io/managed-by": "Helm",
          "app.kubernetes.io/version": "7.2.4",
          "apps.kubernetes.io/pod-index": p.name.replace(/^.*-/, ""),
          "statefulset.kubernetes.io/pod-name": p.name,
        },
        annotations: chart.annotations,
        ...(p.ownerKind === null
          ? {}
          : {
              ownerReferences: [
                {
                  apiVersion: p.ownerKind && p.ownerKind !== "StatefulSet" ? "v1" : "apps/v1",
                  kind: p.ownerKind ?? "StatefulSet",
                  name: sts,
                  uid: chart.ownerUid,
                  controller: true,
                  blockOwnerDeletion: true,
                },
              ],
            }),
      },
      spec: {
        containers: [
          chart.redis,
          ...(p.metrics
            ? [
                {
                  name: "metrics",
                  image: "docker.io/bitnami/redis-exporter:1.58.0-debian-12-r4",
                  ports: [{ name: chart.metricsPort, containerPort: 9121, protocol: "TCP" }],
                },
              ]
            : []),
        ],
        volumes: [
          ...chart.volumes,
          p.persistent === false
            ? { name: "redis-data", emptyDir: {} }
            : { name: "redis-data", persistentVolumeClaim: { claimName: `redis-data-${p.name}` } },
          ...chart.volumesAfterData,
        ],
        hostname: p.name,
        subdomain: chart.subdomain,
        nodeName: "bastion02",
        ...chart.spec,
        terminationGracePeriodSeconds: 30,
      },
      status: {},
    };
    this.setRunning(pod, p.ip === undefined ? this.nextIp() : p.ip, p.ready ?? true, p.restartCount ?? 0);
    this.pods.set(`${namespace}/${p.name}`, pod);
    this.logs.set(pod.metadata.uid, { lines: [], running: p.ip !== null, followers: new Set() });
    this.emit("ADDED", pod);
    return pod;
  }

  pod(name: string, namespace = "redis-cluster"): Json {
    return this.pods.get(`${namespace}/${name}`);
  }

  /** Changes a pod (as the kubelet would) and emits MODIFIED. */
  updatePod(name: string, mutate: (pod: Json) => void, namespace = "redis-cluster") {
    const pod = this.pod(name, namespace);
    mutate(pod);
    this.emit("MODIFIED", pod);
  }

  setReady(name: string, ready: boolean, namespace = "redis-cluster") {
    this.updatePod(
      name,
      (p) => this.setRunning(p, p.status.podIP, ready, p.status.containerStatuses[0].restartCount),
      namespace,
    );
  }

  /** A graceful delete's first step: deletionTimestamp set (Terminating), MODIFIED. */
  terminatePod(name: string, namespace = "redis-cluster") {
    this.updatePod(
      name,
      (p) => {
        p.metadata.deletionTimestamp = new Date(Date.now() + 30_000).toISOString().replace(/\.\d+Z$/, "Z");
        p.metadata.deletionGracePeriodSeconds = 30;
      },
      namespace,
    );
  }

  /** The kubelet started a Pending pod's container at `ip`: Running, not ready yet, MODIFIED. */
  runPod(name: string, ip: string, namespace = "redis-cluster") {
    const pod = this.pod(name, namespace);
    this.setRunning(pod, ip, false, pod.status.containerStatuses?.[0]?.restartCount ?? 0);
    this.logs.get(pod.metadata.uid)!.running = true;
    this.emit("MODIFIED", pod);
  }

  /** Removes a pod at once, with no replacement (e.g. the StatefulSet scaled down). */
  removePod(name: string, namespace = "redis-cluster") {
    const pod = this.pod(name, namespace);
    this.pods.delete(`${namespace}/${name}`);
    this.stopContainer(pod.metadata.uid);
    this.emit("DELETED", pod);
  }

  /** Forgets the event history up to now: any watch from an older resourceVersion gets `410 Gone`. */
  compact() {
    this.compactedBefore = this.rv + 1;
    this.history = [];
  }

  currentResourceVersion(): string {
    return String(this.rv);
  }

  /** A BOOKMARK carrying the current resourceVersion, to watchers that asked for bookmarks. */
  bookmark() {
    for (const w of this.watchers) {
      if (!w.bookmarks) continue;
      w.res.write(
        JSON.stringify({
          type: "BOOKMARK",
          object: {
            kind: "Pod",
            apiVersion: "v1",
            metadata: { resourceVersion: String(this.rv), creationTimestamp: null },
            spec: { containers: null },
            status: {},
          },
        }) + "\n",
      );
    }
  }

  /** Cuts every open watch connection without a proper end (a network drop). */
  dropWatches() {
    for (const w of this.watchers) w.res.socket?.destroy();
    this.watchers.clear();
  }

  /** Ends every open watch cleanly, as the apiserver does at the watch's timeoutSeconds. */
  endWatches() {
    for (const w of this.watchers) w.res.end();
    this.watchers.clear();
  }

  watcherCount(): number {
    return this.watchers.size;
  }

  /** Appends a line to the current container's log (what Redis writes to stdout). */
  log(name: string, text: string, opts: { ts?: string; namespace?: string } = {}) {
    const pod = this.pod(name, opts.namespace);
    const inc = this.logs.get(pod.metadata.uid)!;
    const line = { ts: opts.ts ?? this.timestamp(), text };
    inc.lines.push(line);
    for (const f of inc.followers) f.push(line);
  }

  /** Cuts the open log streams of a pod without ending them properly (a dropped connection). */
  dropLogStreams(name: string, namespace = "redis-cluster") {
    const pod = this.pod(name, namespace);
    const inc = this.logs.get(pod.metadata.uid)!;
    for (const f of [...inc.followers]) f.drop();
  }

  logFollowerCount(name: string, namespace = "redis-cluster"): number {
    const pod = this.pod(name, namespace);
    return pod ? (this.logs.get(pod.metadata.uid)?.followers.size ?? 0) : 0;
  }

  // ---- the API ------------------------------------------------------------------------------------------

  private handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? "/", "http://x");
    const query = Object.fromEntries(url.searchParams.entries());
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      let body: Json = undefined;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = raw;
      }
      this.requests.push({ method: req.method ?? "GET", path: url.pathname, query, body });
      try {
        this.route(req.method ?? "GET", url.pathname, query, body, res);
      } catch (err) {
        this.status(res, 500, "InternalError", String(err));
      }
    });
  }

  private route(
    method: string,
    path: string,
    q: Record<string, string>,
    body: Json,
    res: http.ServerResponse,
  ) {
    let m: RegExpMatchArray | null;
    if (method === "POST" && path === "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews") {
      const a = body?.spec?.resourceAttributes ?? {};
      const allowed = this.allowed({
        verb: a.verb,
        group: a.group ?? "",
        resource: a.resource,
        subresource: a.subresource || undefined,
        name: a.name || undefined,
        namespace: a.namespace,
      });
      return this.json(res, 201, {
        kind: "SelfSubjectAccessReview",
        apiVersion: "authorization.k8s.io/v1",
        metadata: { creationTimestamp: null },
        spec: body?.spec ?? {},
        status: allowed
          ? { allowed: true, reason: 'RBAC: allowed by RoleBinding "failover-lab"' }
          : { allowed: false },
      });
    }
    if ((m = path.match(/^\/api\/v1\/namespaces\/([^/]+)$/)) && method === "GET") {
      if (!this.authorize(res, { verb: "get", group: "", resource: "namespaces", name: m[1] })) return;
      if (!this.namespaces.has(m[1]))
        return this.status(res, 404, "NotFound", `namespaces "${m[1]}" not found`);
      return this.json(res, 200, {
        kind: "Namespace",
        apiVersion: "v1",
        metadata: { name: m[1] },
        status: { phase: "Active" },
      });
    }
    if ((m = path.match(/^\/api\/v1\/namespaces\/([^/]+)\/pods$/)) && method === "GET") {
      const ns = m[1];
      const watch = q.watch === "true" || q.watch === "1";
      if (
        !this.authorize(res, { verb: watch ? "watch" : "list", group: "", resource: "pods", namespace: ns })
      )
        return;
      const selector = parseSelector(q.labelSelector ?? "");
      if (watch) return this.watch(ns, selector, q, res);
      const items = [...this.pods.values()].filter(
        (p) => p.metadata.namespace === ns && matches(p, selector),
      );
      return this.json(res, 200, {
        kind: "PodList",
        apiVersion: "v1",
        metadata: { resourceVersion: String(this.rv) },
        items: items.sort((a, b) => a.metadata.name.localeCompare(b.metadata.name)),
      });
    }
    if ((m = path.match(/^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)$/))) {
      const [, ns, name] = m;
      if (method === "DELETE") {
        if (!this.authorize(res, { verb: "delete", group: "", resource: "pods", name, namespace: ns }))
          return;
        return this.deletePod(ns, name, q, body, res);
      }
      if (method === "GET") {
        if (!this.authorize(res, { verb: "get", group: "", resource: "pods", name, namespace: ns })) return;
        const pod = this.pods.get(`${ns}/${name}`);
        return pod
          ? this.json(res, 200, pod)
          : this.status(res, 404, "NotFound", `pods "${name}" not found`, name);
      }
    }
    if ((m = path.match(/^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/log$/)) && method === "GET") {
      const [, ns, name] = m;
      if (
        !this.authorize(res, {
          verb: "get",
          group: "",
          resource: "pods",
          subresource: "log",
          name,
          namespace: ns,
        })
      )
        return;
      return this.podLog(ns, name, q, res);
    }
    if ((m = path.match(/^\/api\/v1\/namespaces\/([^/]+)\/secrets\/([^/]+)$/)) && method === "GET") {
      const [, ns, name] = m;
      if (!this.authorize(res, { verb: "get", group: "", resource: "secrets", name, namespace: ns })) return;
      const data = this.secrets.get(`${ns}/${name}`);
      if (!data) return this.status(res, 404, "NotFound", `secrets "${name}" not found`, name, "secrets");
      return this.json(res, 200, {
        kind: "Secret",
        apiVersion: "v1",
        metadata: { name, namespace: ns, labels: { "app.kubernetes.io/managed-by": "Helm" } },
        type: "Opaque",
        data,
      });
    }
    this.status(res, 404, "NotFound", "the server could not find the requested resource");
  }

  /** `pods/exec` is a websocket upgrade of GET .../pods/{name}/exec?command=…&container=…&stdout=true. */
  private upgrade(req: http.IncomingMessage, socket: import("node:net").Socket, head: Buffer) {
    const url = new URL(req.url ?? "/", "http://x");
    const m = url.pathname.match(/^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/exec$/);
    const refuse = (code: number, reason: string, message: string) => {
      const body = JSON.stringify({
        kind: "Status",
        apiVersion: "v1",
        metadata: {},
        status: "Failure",
        message,
        reason,
        code,
      });
      socket.end(
        `HTTP/1.1 ${code} ${http.STATUS_CODES[code]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
    };
    if (!m) return refuse(404, "NotFound", "the server could not find the requested resource");
    const [, ns, name] = m;
    const command = url.searchParams.getAll("command");
    const container = url.searchParams.get("container") ?? "";
    const allowed = this.allowed({
      verb: "get",
      group: "",
      resource: "pods",
      subresource: "exec",
      name,
      namespace: ns,
    });
    this.execs.push({ pod: name, container, command, allowed });
    if (!allowed)
      return refuse(
        403,
        "Forbidden",
        `pods "${name}" is forbidden: User "${this.user}" cannot get resource "pods/exec" in API group "" in the namespace "${ns}"`,
      );
    const pod = this.pods.get(`${ns}/${name}`);
    if (!pod) return refuse(404, "NotFound", `pods "${name}" not found`);
    const names: string[] = pod.spec.containers.map((c: Json) => c.name);
    if (!names.includes(container))
      return refuse(400, "BadRequest", `container ${container} is not valid for pod ${name}`);
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const frame = (channel: number, data: Buffer | string) =>
        ws.send(Buffer.concat([Buffer.from([channel]), Buffer.from(data)]));
      const run = this.opts.onExec
        ? this.opts.onExec({ name, namespace: ns, container }, command)
        : Promise.resolve({
            stdout: Buffer.alloc(0),
            stderr: "exec is not played by this fake\n",
            exitCode: 126,
          });
      run
        .then((r) => {
          if (r.stdout.length > 0) frame(1, r.stdout);
          if (r.stderr) frame(2, r.stderr);
          frame(
            3,
            JSON.stringify(
              r.exitCode === 0
                ? { metadata: {}, status: "Success" }
                : {
                    metadata: {},
                    status: "Failure",
                    message: `command terminated with non-zero exit code: error executing command [${command.join(" ")}], exit code ${r.exitCode}`,
                    reason: "NonZeroExitCode",
                    details: { causes: [{ reason: "ExitCode", message: String(r.exitCode) }] },
                  },
            ),
          );
        })
        .catch((err: Error) =>
          frame(
            3,
            JSON.stringify({
              metadata: {},
              status: "Failure",
              message: String(err),
              reason: "InternalError",
            }),
          ),
        )
        .finally(() => ws.close());
    });
  }

  private watch(
    ns: string,
    selector: Record<string, string>,
    q: Record<string, string>,
    res: http.ServerResponse,
  ) {
    const fromRv = q.resourceVersion ? Number(q.resourceVersion) : null;
    if (fromRv !== null && fromRv !== 0 && fromRv < this.compactedBefore - 1) {
      const st = {
        kind: "Status",
        apiVersion: "v1",
        metadata: {},
        status: "Failure",
        message: `too old resource version: ${fromRv} (${this.compactedBefore})`,
        reason: "Expired",
        code: 410,
      };
      if (this.opts.goneAsHttpStatus) return this.json(res, 410, st);
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ type: "ERROR", object: st }) + "\n");
      return;
    }
    res.writeHead(200, { "Content-Type": "application/json", "Transfer-Encoding": "chunked" });
    res.flushHeaders();
    const w: Watcher = { namespace: ns, selector, bookmarks: q.allowWatchBookmarks === "true", res };
    if (fromRv === null || fromRv === 0) {
      for (const p of this.pods.values())
        if (p.metadata.namespace === ns && matches(p, selector))
          res.write(JSON.stringify({ type: "ADDED", object: p }) + "\n");
    } else {
      for (const e of this.history)
        if (e.rv > fromRv && e.object.metadata.namespace === ns && matches(e.object, selector))
          res.write(JSON.stringify({ type: e.type, object: e.object }) + "\n");
    }
    this.watchers.add(w);
    res.on("close", () => this.watchers.delete(w));
    const timeout = Number(q.timeoutSeconds ?? 0);
    if (timeout > 0) this.later(timeout * 1000, () => res.end());
  }

  private deletePod(
    ns: string,
    name: string,
    q: Record<string, string>,
    body: Json,
    res: http.ServerResponse,
  ) {
    const pod = this.pods.get(`${ns}/${name}`);
    if (!pod) return this.status(res, 404, "NotFound", `pods "${name}" not found`, name);
    // As the real API server: with a body, DeleteOptions come from the body alone and the query is ignored.
    const options: Json = body && typeof body === "object" ? body : q;
    const uid = options.preconditions?.uid;
    if (uid && uid !== pod.metadata.uid)
      return this.status(
        res,
        409,
        "Conflict",
        `Operation cannot be fulfilled on Pod "${name}": Precondition failed: UID in precondition: ${uid}, UID in object meta: ${pod.metadata.uid}`,
        name,
      );
    const grace =
      options.gracePeriodSeconds ?? (pod.spec.terminationGracePeriodSeconds as number | undefined) ?? 30;
    const crash = Number(grace) === 0;
    if (this.opts.onDelete) {
      this.json(res, 200, pod);
      this.opts.onDelete(
        { name, namespace: ns, uid: pod.metadata.uid },
        options.gracePeriodSeconds === undefined ? null : Number(options.gracePeriodSeconds),
      );
      return;
    }
    if (crash) {
      this.pods.delete(`${ns}/${name}`);
      this.stopContainer(pod.metadata.uid);
      this.emit("DELETED", pod);
      this.json(res, 200, pod);
      this.later(this.opts.recreateMs ?? 10, () => this.recreate(pod));
      return;
    }
    pod.metadata.deletionTimestamp = new Date(Date.now() + Number(grace) * 1000)
      .toISOString()
      .replace(/\.\d+Z$/, "Z");
    pod.metadata.deletionGracePeriodSeconds = Number(grace);
    this.emit("MODIFIED", pod);
    this.json(res, 200, pod);
    this.later(this.opts.terminationMs ?? 10, () => {
      this.stopContainer(pod.metadata.uid);
      this.pods.delete(`${ns}/${name}`);
      for (const cs of pod.status.containerStatuses) {
        cs.ready = false;
        cs.state = {
          terminated: {
            exitCode: 0,
            reason: "Completed",
            startedAt: pod.status.startTime,
            finishedAt: new Date().toISOString(),
          },
        };
      }
      this.emit("DELETED", pod);
      this.later(this.opts.recreateMs ?? 10, () => this.recreate(pod));
    });
  }

  /** The StatefulSet controller: same name, new uid, Pending without an IP, then Running with a new IP. */
  private recreate(old: Json) {
    const name = old.metadata.name;
    const ns = old.metadata.namespace;
    const pod = JSON.parse(JSON.stringify(old));
    delete pod.metadata.deletionTimestamp;
    delete pod.metadata.deletionGracePeriodSeconds;
    pod.metadata.uid = this.newUid();
    pod.metadata.creationTimestamp = new Date().toISOString().replace(/\.\d+Z$/, "Z");
    pod.status = {
      phase: "Pending",
      conditions: [
        {
          type: "PodScheduled",
          status: "True",
          lastProbeTime: null,
          lastTransitionTime: pod.metadata.creationTimestamp,
        },
      ],
      hostIP: "10.0.0.2",
      qosClass: "BestEffort",
    };
    this.pods.set(`${ns}/${name}`, pod);
    this.logs.set(pod.metadata.uid, { lines: [], running: false, followers: new Set() });
    this.emit("ADDED", pod);
    this.later(this.opts.recreateMs ?? 10, () => {
      if (this.pods.get(`${ns}/${name}`) !== pod) return;
      this.setRunning(pod, this.nextIp(), this.opts.replacementReady ?? false, 0);
      this.logs.get(pod.metadata.uid)!.running = true;
      this.emit("MODIFIED", pod);
    });
  }

  private podLog(ns: string, name: string, q: Record<string, string>, res: http.ServerResponse) {
    const pod = this.pods.get(`${ns}/${name}`);
    if (!pod) return this.status(res, 404, "NotFound", `pods "${name}" not found`, name);
    const names: string[] = pod.spec.containers.map((c: Json) => c.name);
    if (!q.container && names.length > 1)
      return this.status(
        res,
        400,
        "BadRequest",
        `a container name must be specified for pod ${name}, choose one of: [${names.join(" ")}]`,
      );
    const container = q.container ?? names[0];
    if (!names.includes(container))
      return this.status(res, 400, "BadRequest", `container ${container} is not valid for pod ${name}`);
    const inc = this.logs.get(pod.metadata.uid)!;
    if (!inc.running && inc.lines.length === 0)
      return this.status(
        res,
        400,
        "BadRequest",
        `container "${container}" in pod "${name}" is waiting to start: ContainerCreating`,
      );
    const since = q.sinceTime ? normalizeTs(q.sinceTime) : null;
    let lines = inc.lines.filter((l) => since === null || normalizeTs(l.ts) >= since);
    if (q.tailLines) lines = lines.slice(-Number(q.tailLines));
    const timestamps = q.timestamps === "true";
    const fmt = (l: LogLine) => (timestamps ? `${l.ts} ${l.text}\n` : `${l.text}\n`);
    res.writeHead(200, { "Content-Type": "text/plain", "Transfer-Encoding": "chunked" });
    // The kubelet's stream answers at once, before any line: a quiet container is still an open log.
    res.flushHeaders();
    for (const l of lines) res.write(fmt(l));
    if (q.follow !== "true" || !inc.running) return res.end();
    const follower: LogFollower = {
      push: (l) => res.write(fmt(l)),
      end: () => {
        inc.followers.delete(follower);
        res.end();
      },
      drop: () => {
        inc.followers.delete(follower);
        res.socket?.destroy();
      },
    };
    inc.followers.add(follower);
    res.on("close", () => inc.followers.delete(follower));
  }

  // ---- helpers ------------------------------------------------------------------------------------------

  private stopContainer(uid: string) {
    const inc = this.logs.get(uid);
    if (!inc || !inc.running) return;
    inc.running = false;
    this.later(this.opts.logEndDelayMs ?? 5, () => {
      for (const f of [...inc.followers]) f.end();
    });
  }

  private setRunning(pod: Json, ip: string | null, ready: boolean, restartCount: number) {
    const now = new Date().toISOString().replace(/\.\d+Z$/, "Z");
    const t = pod.metadata.creationTimestamp;
    const running = ip !== null;
    const names: string[] = pod.spec.containers.map((c: Json) => c.name);
    const unready = `containers with unready status: [${names.join(" ")}]`;
    pod.status = {
      phase: running ? "Running" : "Pending",
      conditions: [
        {
          type: "PodReadyToStartContainers",
          status: running ? "True" : "False",
          lastProbeTime: null,
          lastTransitionTime: t,
        },
        { type: "Initialized", status: "True", lastProbeTime: null, lastTransitionTime: t },
        ready
          ? { type: "Ready", status: "True", lastProbeTime: null, lastTransitionTime: now }
          : {
              type: "Ready",
              status: "False",
              lastProbeTime: null,
              lastTransitionTime: now,
              reason: "ContainersNotReady",
              message: unready,
            },
        ready
          ? { type: "ContainersReady", status: "True", lastProbeTime: null, lastTransitionTime: now }
          : {
              type: "ContainersReady",
              status: "False",
              lastProbeTime: null,
              lastTransitionTime: now,
              reason: "ContainersNotReady",
              message: unready,
            },
        { type: "PodScheduled", status: "True", lastProbeTime: null, lastTransitionTime: t },
      ],
      hostIP: "10.0.0.2",
      hostIPs: [{ ip: "10.0.0.2" }],
      ...(running ? { podIP: ip, podIPs: [{ ip }] } : {}),
      startTime: t,
      containerStatuses: pod.spec.containers.map((c: Json, i: number) => ({
        name: c.name,
        state: running ? { running: { startedAt: now } } : { waiting: { reason: "ContainerCreating" } },
        lastState: {},
        ready,
        restartCount,
        image: c.image,
        imageID: `${c.image.replace(/:.*$/, "")}@sha256:5f0e3c1f2b9a`,
        containerID: running ? `containerd://${pod.metadata.uid.replace(/-/g, "")}${i}` : undefined,
        started: running,
      })),
      qosClass: "BestEffort",
    };
  }

  private emit(type: string, pod: Json) {
    this.rv++;
    pod.metadata.resourceVersion = String(this.rv);
    const object = JSON.parse(JSON.stringify(pod));
    this.history.push({ rv: this.rv, type, object });
    for (const w of this.watchers)
      if (w.namespace === object.metadata.namespace && matches(object, w.selector))
        w.res.write(JSON.stringify({ type, object }) + "\n");
  }

  private allowed(a: Attrs): boolean {
    if (this.rules === null) return true;
    const res = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
    return this.rules.some(
      (r) =>
        (r.apiGroups.includes(a.group) || r.apiGroups.includes("*")) &&
        (r.resources.includes(res) || r.resources.includes("*")) &&
        (r.verbs.includes(a.verb) || r.verbs.includes("*")) &&
        (!r.resourceNames ||
          r.resourceNames.length === 0 ||
          (a.name !== undefined && r.resourceNames.includes(a.name))),
    );
  }

  private authorize(res: http.ServerResponse, a: Attrs): boolean {
    if (this.allowed(a)) return true;
    const res2 = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
    const what = a.name ? `${a.resource} "${a.name}"` : a.resource;
    const where = a.namespace ? ` in the namespace "${a.namespace}"` : " at the cluster scope";
    this.status(
      res,
      403,
      "Forbidden",
      `${what} is forbidden: User "${this.user}" cannot ${a.verb} resource "${res2}" in API group "${a.group}"${where}`,
      a.name,
      a.resource,
    );
    return false;
  }

  private json(res: http.ServerResponse, code: number, body: Json) {
    res.writeHead(code, { "Content-Type": "application/json" });
    res.end(JSON.stringify(body));
  }

  private status(
    res: http.ServerResponse,
    code: number,
    reason: string,
    message: string,
    name?: string,
    kind = "pods",
  ) {
    this.json(res, code, {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message,
      reason,
      ...(name ? { details: { name, kind } } : {}),
      code,
    });
  }

  private later(ms: number, fn: () => void) {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  private nextIp(): string {
    return `10.42.2.${this.ipCounter++}`;
  }

  private newUid(): string {
    const n = (++this.uidCounter).toString(16).padStart(12, "0");
    return `6f1d2c3b-8a7e-4d5c-9b1a-${n}`;
  }

  /** RFC3339Nano as the kubelet writes it: trailing zeros of the fraction trimmed. */
  private timestamp(): string {
    const ms = Date.now();
    const nanos = (ms % 1000) * 1_000_000 + (++this.tsCounter % 1_000_000);
    const frac = String(nanos).padStart(9, "0").replace(/0+$/, "");
    return `${new Date(ms - (ms % 1000)).toISOString().slice(0, 19)}${frac ? `.${frac}` : ""}Z`;
  }
}

interface PodSpec {
  name: string;
  namespace?: string;
  release?: string;
  ip?: string | null;
  ready?: boolean;
  restartCount?: number;
  labels?: Record<string, string>;
  ownerName?: string;
  /** Kind of the controlling owner; null: no ownerReferences at all (a pod created by hand). */
  ownerKind?: string | null;
  /** Name of the redis container; default as the chart's template names it. */
  container?: string;
  /** The chart's `metrics.enabled`: a `metrics` (redis_exporter) container after the redis one. */
  metrics?: boolean;
  /** The chart's `persistence.enabled`: `redis-data` is a PVC, else an emptyDir. Default true. */
  persistent?: boolean;
  /** `redis`: a pod of the bitnami redis chart (lab A, master/replicas); default the redis-cluster chart. */
  chart?: "redis-cluster" | "redis";
}

/** What one chart's StatefulSet template puts in a pod beyond the skeleton addPod builds. */
interface ChartPod {
  /** The chart's own labels; addPod adds the ones every StatefulSet pod of a Helm release has. */
  labels: Record<string, string>;
  annotations: Record<string, string>;
  ownerUid: string;
  redis: Json;
  metricsPort: string;
  /** Volumes before `redis-data`, and after it. */
  volumes: Json[];
  volumesAfterData: Json[];
  subdomain: string;
  spec: Json;
}

type ChartInput = PodSpec & { namespace: string; release: string; sts: string };

/** The redis-cluster chart: the container named after the StatefulSet, data at /bitnami/redis/data. */
function clusterChartPod(p: ChartInput): ChartPod {
  return {
    labels: {
      "app.kubernetes.io/name": "redis-cluster",
      "controller-revision-hash": `${p.sts}-7c9f8b8d5`,
      "helm.sh/chart": "redis-cluster-9.8.1",
    },
    annotations: { "checksum/scripts": "4f1c0b3d0e1a", "checksum/secret": "9b2c6e1f44d1" },
    ownerUid: "5a0f1c2e-6d2b-4c63-9d7e-0c7b2f3a9e11",
    redis: {
      name: p.container ?? p.sts,
      image: CLUSTER_IMAGE,
      ports: [
        { name: "tcp-redis", containerPort: 6379, protocol: "TCP" },
        { name: "tcp-redis-bus", containerPort: 16379, protocol: "TCP" },
      ],
      volumeMounts: [
        { name: "scripts", mountPath: "/scripts" },
        { name: "redis-data", mountPath: "/bitnami/redis/data" },
        {
          name: "kube-api-access-x2k9d",
          mountPath: "/var/run/secrets/kubernetes.io/serviceaccount",
          readOnly: true,
        },
      ],
      readinessProbe: {
        exec: { command: ["sh", "-c", "/scripts/ping_readiness_local.sh 1"] },
        initialDelaySeconds: 5,
        periodSeconds: 5,
        timeoutSeconds: 2,
        successThreshold: 1,
        failureThreshold: 5,
      },
    },
    metricsPort: "http-metrics",
    volumes: [{ name: "scripts", configMap: { name: `${p.sts}-scripts`, defaultMode: 493 } }],
    volumesAfterData: [
      {
        name: "kube-api-access-x2k9d",
        projected: { defaultMode: 420, sources: [{ serviceAccountToken: { path: "token" } }] },
      },
    ],
    subdomain: `${p.sts}-headless`,
    spec: {},
  };
}

/**
 * The redis chart's `<release>-master` / `<release>-replicas`: labels with `app.kubernetes.io/component`, the
 * container `redis` running the chart's start script, `redis-data` mounted at `/data`
 * (`master.persistence.path`), and the headless Service as subdomain, which is how replicas find the master
 * (`--replicaof <release>-master-0.<release>-headless.<ns>.svc.cluster.local`).
 */
function redisChartPod(p: ChartInput): ChartPod {
  const component = /-master$/.test(p.sts) ? "master" : "replica";
  const full = p.release.includes("redis") ? p.release : `${p.release}-redis`;
  const masterHost = `${full}-master-0.${full}-headless.${p.namespace}.svc.cluster.local`;
  return {
    labels: {
      "app.kubernetes.io/component": component,
      "app.kubernetes.io/name": "redis",
      "controller-revision-hash": `${p.sts}-6d9f7c5b8`,
      "helm.sh/chart": "redis-18.19.4",
    },
    annotations: {
      "checksum/configmap": "86bcc953bb473748a3d3dc60b7c11f34e60c93519234d4c37f42e22ada559d47",
      "checksum/health": "aff24913d801436ea469d8d374b2ddb3ec4c43ee7ab24663d5f8ff1a1b6991a9",
      "checksum/scripts": "43cdf68c28f3abe25ce017a82f74dbf2437d1900fd69df51a55a3edf6193d141",
      "checksum/secret": "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
    },
    ownerUid: "2c7e9a4f-1b3d-4e6a-8f0c-5d2b7a9e1c33",
    redis: {
      name: p.container ?? "redis",
      image: REDIS_IMAGE,
      command: ["/bin/bash"],
      args: ["-c", `/opt/bitnami/scripts/start-scripts/start-${component}.sh`],
      env: [
        { name: "BITNAMI_DEBUG", value: "false" },
        { name: "REDIS_REPLICATION_MODE", value: component === "master" ? "master" : "replica" },
        ...(component === "replica"
          ? [
              { name: "REDIS_MASTER_HOST", value: masterHost },
              { name: "REDIS_MASTER_PORT_NUMBER", value: "6379" },
            ]
          : []),
        { name: "ALLOW_EMPTY_PASSWORD", value: "no" },
        { name: "REDIS_PASSWORD", valueFrom: { secretKeyRef: { name: full, key: "redis-password" } } },
        { name: "REDIS_PORT", value: "6379" },
      ],
      ports: [{ name: "redis", containerPort: 6379, protocol: "TCP" }],
      volumeMounts: [
        { name: "start-scripts", mountPath: "/opt/bitnami/scripts/start-scripts" },
        { name: "health", mountPath: "/health" },
        { name: "redis-data", mountPath: "/data" },
        { name: "config", mountPath: "/opt/bitnami/redis/mounted-etc" },
        { name: "empty-dir", mountPath: "/opt/bitnami/redis/etc/", subPath: "app-conf-dir" },
        { name: "empty-dir", mountPath: "/tmp", subPath: "tmp-dir" },
      ],
      readinessProbe: {
        exec: {
          command: [
            "sh",
            "-c",
            component === "master"
              ? "/health/ping_readiness_local.sh 1"
              : "/health/ping_readiness_local_and_master.sh 1",
          ],
        },
        initialDelaySeconds: 20,
        periodSeconds: 5,
        timeoutSeconds: 2,
        successThreshold: 1,
        failureThreshold: 5,
      },
    },
    metricsPort: "metrics",
    volumes: [
      { name: "start-scripts", configMap: { name: `${full}-scripts`, defaultMode: 493 } },
      { name: "health", configMap: { name: `${full}-health`, defaultMode: 493 } },
      { name: "config", configMap: { name: `${full}-configuration`, defaultMode: 420 } },
      { name: "empty-dir", emptyDir: {} },
    ],
    volumesAfterData: [],
    subdomain: `${full}-headless`,
    spec: { serviceAccountName: full },
  };
}

function parseSelector(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of s.split(",").filter(Boolean)) {
    const [k, v] = part.split("=");
    out[k.trim()] = (v ?? "").trim();
  }
  return out;
}

function matches(pod: Json, selector: Record<string, string>): boolean {
  const labels = pod.metadata?.labels ?? {};
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

function normalizeTs(ts: string): string {
  const m = ts.match(/^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?Z$/);
  return m ? `${m[1]}.${(m[2] ?? "").padEnd(9, "0")}Z` : ts;
}
