import type { KubeChart } from "@/lib/labs/kubeChart";

/** Label selector of the release's Redis pods (the labels every bitnami chart puts on its pods). */
export function releaseSelector(release: string, chart: KubeChart): string {
  return `app.kubernetes.io/instance=${release},app.kubernetes.io/name=${chart.chart}`;
}

/**
 * The chart's `common.names.fullname`: the release name alone when it already contains the chart name.
 * That is why lab A's release `ds-redis` has pods `ds-redis-master-0` and secret `ds-redis`, not `ds-redis-redis`.
 */
export function fullName(release: string, chart: KubeChart): string {
  return release.includes(chart.chart) ? release : `${release}-${chart.chart}`;
}

/** The chart's password secret (key `redis-password`): `ds-redis-redis-cluster` (lab B), `ds-redis` (lab A). */
export function secretName(release: string, chart: KubeChart): string {
  return fullName(release, chart);
}

/**
 * Names the redis container may have, best first: redis-cluster's template names it after the fullname
 * (`ds-redis-redis-cluster`), the redis chart names it `redis`. The pod spec decides (see podMapping).
 */
export function redisContainerNames(release: string, chart: KubeChart): string[] {
  return [...new Set([fullName(release, chart), chart.chart])];
}

/** The chart's StatefulSets: the only owners whose pods are the lab's (ownerReferences kind StatefulSet). */
export function statefulSetNames(release: string, chart: KubeChart): string[] {
  const f = fullName(release, chart);
  return chart.statefulSetSuffixes.map((suffix) => `${f}${suffix}`);
}

/**
 * Names the chart's StatefulSets give their pods. A second guard next to the labels: a stray pod that
 * carries the release's labels (a debug copy, a client) is still not a Redis pod that may be deleted.
 */
export function releasePodNamePattern(release: string, chart: KubeChart): RegExp {
  const sets = statefulSetNames(release, chart).map(escapeRegExp);
  return new RegExp(`^(${sets.join("|")})-\\d+$`);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function isValidObjectName(name: string): boolean {
  return name.length > 0 && name.length <= 253 && DNS1123_SUBDOMAIN.test(name);
}
