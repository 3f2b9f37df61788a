// "Explain" on a pod: every lab's evidence, told apart by `kind` (the panel of the running lab draws it).
import type { ClusterPodEvidence } from "./cluster/podEvidence";
import type { ReplicationPodEvidence } from "./replication/podEvidence";

export type { PodEvidenceBase } from "./podEvidenceBase";
export type PodEvidence = ClusterPodEvidence | ReplicationPodEvidence;
