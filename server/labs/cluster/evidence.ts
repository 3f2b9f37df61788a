import type { ClusterPodEvidence } from "@/lib/labs/cluster/podEvidence";
import type { PodState } from "@/lib/types";
import { readPodEvidence } from "../../actions/evidence";
import type { Platform } from "../../platform/types";

/** `redis-cli -h <pod> CLUSTER INFO` and `CLUSTER NODES`: why the pod is (not) ready, in its own words. */
export function readClusterEvidence(
  platform: Platform,
  pod: PodState | null,
  name: string,
): Promise<ClusterPodEvidence> {
  return readPodEvidence<ClusterPodEvidence>(
    platform,
    pod,
    name,
    { kind: "cluster", clusterInfo: null, clusterNodes: null },
    async (r) => {
      const [clusterInfo, clusterNodes] = await Promise.all([
        r.call("CLUSTER", "INFO") as Promise<string>,
        r.call("CLUSTER", "NODES") as Promise<string>,
      ]);
      return { kind: "cluster", clusterInfo, clusterNodes };
    },
  );
}
