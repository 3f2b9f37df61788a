import type { LabKind } from "@/lib/types";

/** The bitnami chart behind each lab: `redis-cluster` (lab B) or `redis` (lab A, master/replicas). */
export function chartName(lab: LabKind): "redis-cluster" | "redis" {
  return lab === "cluster" ? "redis-cluster" : "redis";
}

/** Label selector of the release's Redis pods (the labels every bitnami chart puts on its pods). */
export function releaseSelector(release: string, lab: LabKind): string {
  return `app.kubernetes.io/instance=${release},app.kubernetes.io/name=${chartName(lab)}`;
}

/**
 * The chart's `common.names.fullname`: the release name alone when it already contains the chart name.
 * That is why lab A's release `ds-redis` has pods `ds-redis-master-0` and secret `ds-redis`, not `ds-redis-redis`.
 */
export function fullName(release: string, lab: LabKind): string {
  const chart = chartName(lab);
  return release.includes(chart) ? release : `${release}-${chart}`;
}

/** The chart's password secret (key `redis-password`): `ds-redis-redis-cluster` (lab B), `ds-redis` (lab A). */
export function secretName(release: string, lab: LabKind): string {
  return fullName(release, lab);
}

/**
 * Names the redis container may have, best first: redis-cluster's template names it after the fullname
 * (`ds-redis-redis-cluster`), the redis chart names it `redis`. The pod spec decides (see podMapping).
 */
export function redisContainerNames(release: string, lab: LabKind): string[] {
  return [...new Set([fullName(release, lab), chartName(lab)])];
}

/** The chart's StatefulSets: the only owners whose pods are the lab's (ownerReferences kind StatefulSet). */
export function statefulSetNames(release: string, lab: LabKind): string[] {
  const f = fullName(release, lab);
  return lab === "cluster" ? [f] : [`${f}-master`, `${f}-replicas`];
}

/**
 * Names the chart's StatefulSets give their pods. A second guard next to the labels: a stray pod that
 * carries the release's labels (a debug copy, a client) is still not a Redis pod that may be deleted.
 */
export function releasePodNamePattern(release: string, lab: LabKind): RegExp {
  const f = fullName(release, lab).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return lab === "cluster" ? new RegExp(`^${f}-\\d+$`) : new RegExp(`^${f}-(master|replicas)-\\d+$`);
}

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function isValidObjectName(name: string): boolean {
  return name.length > 0 && name.length <= 253 && DNS1123_SUBDOMAIN.test(name);
}
