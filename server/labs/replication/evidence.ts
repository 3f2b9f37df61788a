import type { ReplicationPodEvidence } from "@/lib/labs/replication/podEvidence";
import type { PodState } from "@/lib/types";
import { readPodEvidence } from "../../actions/evidence";
import type { Platform } from "../../platform/types";

/** `redis-cli -h <pod> INFO replication` and `INFO persistence`: whom it follows and what it keeps. */
export function readReplicationEvidence(
  platform: Platform,
  pod: PodState | null,
  name: string,
): Promise<ReplicationPodEvidence> {
  return readPodEvidence<ReplicationPodEvidence>(
    platform,
    pod,
    name,
    { kind: "replication", infoReplication: null, infoPersistence: null },
    async (r) => {
      const [infoReplication, infoPersistence] = await Promise.all([
        r.info("replication"),
        r.info("persistence"),
      ]);
      return { kind: "replication", infoReplication, infoPersistence };
    },
  );
}
