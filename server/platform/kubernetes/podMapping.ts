import type { V1Pod } from "@kubernetes/client-node";
import type { PodState } from "@/lib/types";

// Pure functions from API pods to the dashboard's PodState, and watch deltas applied to a pod map
// (after Headlamp's lib/k8s: deltas tested apart from any I/O).

/** Pods keyed by name: the StatefulSet reuses names, and the dashboard follows a name across incarnations. */
export type PodMap = ReadonlyMap<string, V1Pod>;

function toMs(t: Date | string | undefined | null): number {
  if (!t) return 0;
  const ms = new Date(t).getTime();
  return Number.isNaN(ms) ? 0 : ms;
}

export function podUid(pod: V1Pod): string {
  return pod.metadata?.uid ?? "";
}

export function podResourceVersion(pod: V1Pod): string {
  return pod.metadata?.resourceVersion ?? "";
}

/**
 * Why a pod is not ready, most specific first: container waiting/terminated reasons (CrashLoopBackOff,
 * ContainerCreating), then a running container that the readiness probe has not passed. The probe's own output
 * (`cluster_state:fail`) is not in the pod's status (only in Events); `probeHint` supplies it when known.
 */
function notReadyReason(pod: V1Pod, containerName: string | null, probeHint: string | null): string {
  if (pod.metadata?.deletionTimestamp) return "Terminating";
  const statuses = pod.status?.containerStatuses ?? [];
  const cs = statuses.find((s) => s.name === containerName) ?? statuses[0];
  const waiting = cs?.state?.waiting;
  if (waiting?.reason) return waiting.message ? `${waiting.reason}: ${waiting.message}` : waiting.reason;
  const terminated = cs?.state?.terminated;
  if (terminated) return terminated.reason ?? `exited with code ${terminated.exitCode}`;
  if (cs?.state?.running) return probeHint ? probeHint : "readiness probe not passing";
  if (pod.status?.reason) return pod.status.reason;
  const ready = pod.status?.conditions?.find((c) => c.type === "Ready");
  const scheduled = pod.status?.conditions?.find((c) => c.type === "PodScheduled");
  if (scheduled?.status === "False") return scheduled.reason ?? "Unschedulable";
  return ready?.reason ?? pod.status?.phase ?? "Pending";
}

export function podToState(
  pod: V1Pod,
  containerName: string | null = null,
  probeHint: string | null = null,
): PodState {
  const terminating = Boolean(pod.metadata?.deletionTimestamp);
  const apiPhase = pod.status?.phase;
  // Succeeded/Failed/Unknown have no PodState phase; a StatefulSet pod in them is about to be replaced,
  // so it is shown as Pending with the reason.
  const phase: PodState["phase"] = terminating
    ? "Terminating"
    : apiPhase === "Running"
      ? "Running"
      : "Pending";
  const readyCondition = pod.status?.conditions?.find((c) => c.type === "Ready");
  const ready = !terminating && readyCondition?.status === "True";
  let readyReason = ready ? null : notReadyReason(pod, containerName, probeHint);
  if (!ready && apiPhase && apiPhase !== "Running" && apiPhase !== "Pending" && !terminating) {
    readyReason = `${apiPhase}${readyReason && readyReason !== apiPhase ? `: ${readyReason}` : ""}`;
  }
  const restarts = (pod.status?.containerStatuses ?? []).reduce((n, s) => n + (s.restartCount ?? 0), 0);
  return {
    name: pod.metadata?.name ?? "",
    ip: pod.status?.podIP || null,
    phase,
    ready,
    readyReason,
    restarts,
    createdAt: toMs(pod.metadata?.creationTimestamp),
    node: pod.spec?.nodeName ?? null,
  };
}

/** The pod list of a PodMap, sorted by name. */
export function podStates(
  pods: PodMap,
  containerOf: (pod: V1Pod) => string | null = () => null,
  hints: ReadonlyMap<string, string> = new Map(),
): PodState[] {
  return [...pods.values()]
    .map((p) => podToState(p, containerOf(p), hints.get(p.metadata?.name ?? "") ?? null))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Applies one watch event. DELETED removes a pod only if it is the incarnation we hold: a late DELETED for
 * the old uid must not remove the replacement that already took its name.
 */
export function applyPodEvent(pods: PodMap, type: "ADDED" | "MODIFIED" | "DELETED", pod: V1Pod): PodMap {
  const name = pod.metadata?.name;
  if (!name) return pods;
  const next = new Map(pods);
  if (type === "DELETED") {
    const held = next.get(name);
    if (held && (podUid(held) === podUid(pod) || !podUid(pod))) next.delete(name);
    else return pods;
  } else {
    const held = next.get(name);
    // An event older than what we hold for the same incarnation (possible after a re-list) is stale.
    if (held && podUid(held) === podUid(pod) && isOlder(podResourceVersion(pod), podResourceVersion(held)))
      return pods;
    next.set(name, pod);
  }
  return next;
}

/** resourceVersions are opaque, but etcd's are integers; compare only when both are. */
function isOlder(a: string, b: string): boolean {
  if (!/^\d+$/.test(a) || !/^\d+$/.test(b)) return false;
  return BigInt(a) < BigInt(b);
}

export function podMapFromList(items: V1Pod[]): PodMap {
  return new Map(items.filter((p) => p.metadata?.name).map((p) => [p.metadata!.name!, p]));
}

/** Sidecars the charts (or a values file) may add next to redis; never the container whose log is Redis's. */
const SIDECAR = /^(metrics|.*-exporter|sidecar.*|istio-proxy|linkerd-proxy)$/;

/**
 * The container that runs redis-server, from the pod's own spec: the first of `preferred` the spec has,
 * else the first container that is not a known sidecar. Asking the log API for a name the spec lacks is
 * a 400, so never guess a name the pod does not list.
 */
export function redisContainerOf(pod: V1Pod, preferred: readonly string[]): string | null {
  const names = (pod.spec?.containers ?? []).map((c) => c.name);
  for (const n of preferred) if (names.includes(n)) return n;
  return names.find((n) => !SIDECAR.test(n)) ?? names[0] ?? null;
}

/**
 * Pods the release's StatefulSets own. Labels alone are not enough: a debug copy made with `kubectl run`
 * or `kubectl debug --copy-to` carries the same labels but has no (or another) controller.
 */
export function ownedPods(pods: PodMap, statefulSets: readonly string[]): PodMap {
  const owned = (p: V1Pod) =>
    (p.metadata?.ownerReferences ?? []).some(
      (o) => o.kind === "StatefulSet" && o.controller !== false && statefulSets.includes(o.name),
    );
  const all = [...pods.values()];
  return all.every(owned) ? pods : new Map(all.filter(owned).map((p) => [p.metadata!.name!, p]));
}

/** Pods whose own status says the redis container is running, i.e. whose log can be read now. */
export function containerRunning(pod: V1Pod, containerName: string | null): boolean {
  const statuses = pod.status?.containerStatuses ?? [];
  const cs = statuses.find((s) => s.name === containerName) ?? statuses[0];
  return Boolean(cs?.state?.running);
}

export function containerRestartCount(pod: V1Pod, containerName: string | null): number {
  const statuses = pod.status?.containerStatuses ?? [];
  const cs = statuses.find((s) => s.name === containerName) ?? statuses[0];
  return cs?.restartCount ?? 0;
}

/**
 * Whether the lab's data survives a pod's recreation: the charts' `redis-data` volume is a PVC with
 * `persistence.enabled`, an emptyDir without. In lab A the master's volume is what matters (the seed
 * persists the master only). null while no pod says.
 */
export function persistenceOf(pods: PodMap, first: RegExp | null): boolean | null {
  const all = [...pods.values()];
  const masters = first ? all.filter((p) => first.test(p.metadata?.name ?? "")) : [];
  for (const p of [...masters, ...all]) {
    const vol = p.spec?.volumes?.find((v) => v.name === "redis-data");
    if (vol?.persistentVolumeClaim) return true;
    if (vol?.emptyDir) return false;
  }
  return null;
}
