// The bitnami redis-cluster readiness probe (`ping_readiness_local.sh`), as a decision over what Redis answered.
// Once the probe has passed, the chart touches /tmp/.redis_cluster_check and from then on only PING matters:
// that is why a promoted replica stays ready while a restarted, empty master stays 0/1.

export interface ReadinessInput {
  /** Reply to PING, or the error text / "Timed out". */
  ping: string;
  /** `CLUSTER INFO` text, when it was read. */
  clusterInfo: string | null;
  /** Whether this incarnation of the pod has passed the cluster check before (the status file exists). */
  passedOnce: boolean;
}

export interface ReadinessResult {
  ready: boolean;
  /** What the script would print on failure, e.g. `cluster_state:fail`. */
  reason: string | null;
  passedOnce: boolean;
}

export function decideReadiness(input: ReadinessInput): ReadinessResult {
  if (input.ping !== "PONG")
    return { ready: false, reason: input.ping || "no reply to PING", passedOnce: input.passedOnce };
  if (input.passedOnce) return { ready: true, reason: null, passedOnce: true };
  const stateLine = (input.clusterInfo ?? "").split(/\r?\n/).find((l) => l.startsWith("cluster_state"));
  const state = stateLine ? stateLine.replace(/\s/g, "") : "cluster_state:unknown";
  if (state !== "cluster_state:ok") {
    const known = /cluster_known_nodes:(\d+)/.exec(input.clusterInfo ?? "");
    const detail = known ? ` (cluster_known_nodes:${known[1]})` : "";
    return { ready: false, reason: `${state}${detail}`, passedOnce: false };
  }
  return { ready: true, reason: null, passedOnce: true };
}
