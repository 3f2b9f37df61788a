import type { DashboardState } from "@/lib/clientState";
import type { PodEvidence } from "@/lib/protocol";

/** What a lab's "Explain" body gets: the pod's own answer (null while it is read) and the live state. */
export interface EvidenceViewProps {
  state: DashboardState;
  pod: string;
  /** `redis-cli -h` of the commands shown: the pod's IP where known. */
  host: string;
  evidence: PodEvidence | null;
  loading: boolean;
}
