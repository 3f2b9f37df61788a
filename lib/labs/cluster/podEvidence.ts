import type { PodEvidenceBase } from "../podEvidenceBase";

/** Lab B: why the pod is (not) ready, in its own CLUSTER INFO and CLUSTER NODES. */
export interface ClusterPodEvidence extends PodEvidenceBase {
  kind: "cluster";
  clusterInfo: string | null;
  clusterNodes: string | null;
}
