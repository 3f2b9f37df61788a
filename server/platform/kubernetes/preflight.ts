import type { V1Pod } from "@kubernetes/client-node";
import { Redis } from "ioredis";
import type { KubeChart } from "@/lib/labs/kubeChart";
import type { RedisAddress } from "../types";
import { KubeError } from "./errors";
import type { KubeApi } from "./kubeApi";
import { releaseSelector } from "./names";
import { describePermission, type Permission } from "./permissions";

// Start-up checks. Each returns plain sentences, one per problem, naming what is wrong and what to do;
// an empty list means the check passed.

/** Every applicable permission, each with a SelfSubjectAccessReview (`kubectl auth can-i`). */
export async function checkPermissions(
  api: KubeApi,
  namespace: string,
  perms: Permission[],
): Promise<string[]> {
  let results: { p: Permission; allowed: boolean }[];
  try {
    results = await Promise.all(
      perms.map(async (p) => ({ p, allowed: (await api.canI(namespace, p)).allowed })),
    );
  } catch (err) {
    const e = err as KubeError;
    if (e.status === 0) return [`cannot reach the Kubernetes API server at ${api.server} (${e.reason})`];
    if (e.status === 401) return [e.message];
    // Reviews themselves refused (very unusual: system:basic-user allows them): the calls below will tell.
    return [];
  }
  const missing = results.filter((r) => !r.allowed).map((r) => r.p);
  if (missing.length === 0) return [];
  const list = missing.map((p) => `${describePermission(p)} (to ${p.purpose})`).join("; ");
  return [
    `no access in namespace ${namespace}: forbidden to ${list}. Apply deploy/kubernetes/rbac.yaml ` +
      `(with the namespace and release adjusted) or use a kubeconfig that may do this.`,
  ];
}

/**
 * Permissions a feature needs but the lab can run without (lab A's `get` and `create pods/exec` for the AOF viewer):
 * the ones the review refuses. A review that cannot be made counts as allowed; the call itself will tell.
 */
export async function missingOptionalPermissions(
  api: KubeApi,
  namespace: string,
  perms: Permission[],
): Promise<Permission[]> {
  const results = await Promise.all(
    perms.map(async (p) => ({
      p,
      allowed: await api.canI(namespace, p).then(
        (r) => r.allowed,
        () => true,
      ),
    })),
  );
  return results.filter((r) => !r.allowed).map((r) => r.p);
}

/** The release's pods; when there are none, finds out whether the namespace, the release or the lab is wrong. */
export async function checkPods(
  api: KubeApi,
  namespace: string,
  release: string,
  chart: KubeChart,
  /** The other labs' charts: a release of one of them here means the wrong lab was chosen. */
  otherCharts: readonly KubeChart[],
): Promise<{ problems: string[]; pods: V1Pod[] }> {
  const selector = releaseSelector(release, chart);
  let pods: V1Pod[];
  try {
    pods = (await api.listPods(namespace, selector)).items;
  } catch (err) {
    return { problems: [(err as Error).message], pods: [] };
  }
  if (pods.length > 0) return { problems: [], pods };
  const all = (await api.listPods(namespace, "").catch(() => ({ items: [] as V1Pod[] }))).items;
  if (all.length === 0) {
    const exists = await api.namespaceExists(namespace);
    if (exists === false)
      return { problems: [`namespace ${namespace} not found (set KUBE_NAMESPACE)`], pods };
    return {
      problems: [
        `no pods in namespace ${namespace}${exists === null ? " (or the namespace does not exist)" : ""}: ` +
          `is the bitnami ${chart.chart} chart installed there as release ${release}? (helm -n ${namespace} ls)`,
      ],
      pods,
    };
  }
  const known = new Set([chart, ...otherCharts].map((c) => c.chart));
  const releases = new Set<string>();
  for (const p of all) {
    const l = p.metadata?.labels ?? {};
    const inst = l["app.kubernetes.io/instance"];
    const name = l["app.kubernetes.io/name"];
    if (inst && name && known.has(name)) releases.add(`${inst} (chart ${name})`);
  }
  const sameReleaseOtherChart = otherCharts.find((other) =>
    all.some(
      (p) =>
        p.metadata?.labels?.["app.kubernetes.io/instance"] === release &&
        p.metadata?.labels?.["app.kubernetes.io/name"] === other.chart,
    ),
  );
  let msg = `release ${release} not found: no pods with labels ${selector} in namespace ${namespace}`;
  if (sameReleaseOtherChart)
    msg += `; release ${release} there is the ${sameReleaseOtherChart.chart} chart: set DASHBOARD_LAB=${sameReleaseOtherChart.lab}`;
  else if (releases.size > 0) msg += `; Redis releases there: ${[...releases].join(", ")} (set KUBE_RELEASE)`;
  return { problems: [msg], pods };
}

/** Whether this process can reach, and log in to, the Redis of the given pods. */
export async function checkRedis(
  targets: { pod: string; podIp: string; address: RedisAddress }[],
  password: string,
  reach: "pod-ip" | "port-forward",
  timeoutMs = 2500,
): Promise<string[]> {
  const results = await Promise.all(targets.map((t) => pingRedis(t.address, password, timeoutMs)));
  const problems: string[] = [];
  const unreachable = targets.filter((_, i) => results[i].kind === "unreachable");
  if (unreachable.length > 0) {
    const t = unreachable[0];
    const detail = results[targets.indexOf(t)].detail;
    problems.push(
      reach === "pod-ip"
        ? `Redis unreachable from here: pod ${t.pod} at ${t.podIp}:${t.address.port} (${detail})` +
            `${unreachable.length > 1 ? ` and ${unreachable.length - 1} more pod(s)` : ""}. Pod IPs are routable ` +
            `only inside the cluster or on its nodes: run this on the k3s node or in the cluster, or use ` +
            `port-forwards (KUBE_REACH=port-forward).`
        : `Redis unreachable through the port-forward to pod ${t.pod} (${detail}).`,
    );
  }
  const auth = results.find((r) => r.kind === "auth");
  if (auth)
    problems.push(
      `Redis rejected the password (${auth.detail}): check REDIS_PASSWORD or the chart's secret.`,
    );
  return problems;
}

async function pingRedis(
  address: RedisAddress,
  password: string,
  timeoutMs: number,
): Promise<{ kind: "ok" | "unreachable" | "auth"; detail: string }> {
  const r = new Redis({
    host: address.host,
    port: address.port,
    password: password || undefined,
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  r.on("error", () => undefined);
  try {
    await r.connect();
    await r.ping();
    return { kind: "ok", detail: "" };
  } catch (err) {
    const msg = (err as Error).message ?? String(err);
    const code = (err as { code?: string }).code;
    if (/WRONGPASS|NOAUTH|invalid password|invalid username-password/i.test(msg))
      return { kind: "auth", detail: msg };
    return { kind: "unreachable", detail: code ?? msg };
  } finally {
    r.disconnect();
  }
}
