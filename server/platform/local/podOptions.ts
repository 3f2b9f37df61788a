/** What every local lab's pods share: where they keep their data and how they behave as pods. */
export interface LocalPodOptions {
  dataDir: string;
  password: string;
  /** On: a pod's data dir is its PVC and survives recreation. Off: an emptyDir, wiped. */
  persistence: boolean;
  readinessPeriodMs: number;
  restartDelayMs: number;
  /** Each lab its own range: one lab must not hand out the addresses another's pods use. */
  ipPrefix: string;
}
