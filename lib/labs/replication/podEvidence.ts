import type { PodEvidenceBase } from "../podEvidenceBase";

/** Lab A: whom the pod follows and what it keeps, in its own INFO replication and INFO persistence. */
export interface ReplicationPodEvidence extends PodEvidenceBase {
  kind: "replication";
  infoReplication: string | null;
  infoPersistence: string | null;
}
