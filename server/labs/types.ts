// The lab seam, server half: what a lab does on a platform. The engine holds one of these per lab kind
// (server/labs/index.ts) and only asks the running one; it never names a lab.
import type { Config } from "@/lib/config";
import type { LabDefinition } from "@/lib/labs/types";
import type { PodEvidence, SetKeyResult } from "@/lib/protocol";
import type { PodState } from "@/lib/types";
import type { RepairDeps } from "../actions/repair";
import type { LocalPodOptions } from "../platform/local/podOptions";
import type { Platform } from "../platform/types";
import type { Store } from "../store";
import type { AofSnapshot } from "@/lib/aof/aofSnapshot";

export type { LocalPodOptions };

export interface ServerLab {
  readonly definition: LabDefinition;
  /** Its pods as local redis-server processes (the data dir not claimed yet). */
  localPlatform(
    config: Config,
    pods: LocalPodOptions,
    initialValues: Record<string, string>,
  ): Platform & {
    claimDataDir(): void;
  };
  /** `cluster-require-full-coverage` where the dashboard sets it (local pods of a cluster); else null. */
  requireFullCoverage(config: Config, platform: Platform): boolean | null;
  /** `/api/state`'s `nodes` (DESIGN §6): what this lab's observer says each Redis node is. */
  stateNodes(store: Store): unknown[];
  /** Its observers and actions on a platform whose pods run this lab. */
  run(ctx: LabContext): RunningLab;
}

export interface LabContext {
  platform: Platform;
  store: Store;
  config: Config;
  keys: string[];
}

/**
 * One lab running: the observers only it has (the probes and log tails every lab shares are the engine's)
 * and its own actions. An action it lacks is refused with `not_in_lab`.
 */
export interface RunningLab {
  /** Starts its observers, once the platform runs; resolves when the first reading is in. */
  start(): Promise<void>;
  stop(): void;
  /** Before the pods are reset: what the observers remember of the old pods no longer applies. */
  beforeReset(): void;
  /** After the reset: resolves once the observers have read the new pods. */
  afterReset(): Promise<void>;
  /** "Explain" on a pod: what that pod's own Redis says, read now. */
  evidence(pod: PodState | null, name: string): Promise<PodEvidence>;
  /** The write box: `SET key value` on the master. */
  setKey?(key: string, value: string): Promise<Omit<SetKeyResult, "key" | "value">>;
  /** The AOF viewer's files, read now. */
  aof?(): Promise<AofSnapshot>;
  /** What a repair plans from and acts on. */
  repair?: RepairDeps;
}
