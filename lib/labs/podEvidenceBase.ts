/** What one pod's own Redis says, read on demand: the evidence of its state. Each lab reads its own. */
export interface PodEvidenceBase {
  pod: string;
  ip: string | null;
  at: number;
  error: string | null;
}
