import type { Store } from "../store";
import { topologyOf } from "@/lib/labs/cluster/state";

/**
 * `GET /healthz`. `ok` is false while the platform cannot see the pods (the Kubernetes API unreachable):
 * the pod states the dashboard shows are then the last ones it saw, not the current ones.
 * The HTTP status stays 200 because the process itself is healthy: the Deployment's liveness and readiness
 * probes use this path, and restarting the dashboard or taking it out of its Service would not bring the
 * API server back; it would only hide the notice from the students.
 */
export function healthReport(store: Store) {
  const { apiUnreachable, logErrors } = store.platformStatus;
  return {
    ok: apiUnreachable === null,
    // "unknown" in a lab without a cluster.
    clusterState: topologyOf(store.labState).clusterState,
    podsReady: store.pods.filter((p) => p.ready).length,
    podsStale: apiUnreachable !== null,
    ...(apiUnreachable
      ? {
          kubernetesApi: {
            reachable: false,
            since: new Date(apiUnreachable.since).toISOString(),
            error: apiUnreachable.error,
          },
        }
      : {}),
    ...(logErrors.length ? { logErrors } : {}),
  };
}
