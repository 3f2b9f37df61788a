import path from "node:path";
import type { Config } from "@/lib/config";
import type { LabKind } from "@/lib/types";
import { LocalPlatform } from "./local/localPlatform";
import { LocalReplicationPlatform } from "./local/replicationPods";
import type { Platform } from "./types";

const LOCAL_DEFAULT_PASSWORD = "new1234";
/**
 * Lab A's pods take addresses from here up, lab B's from `LOCAL_IP_START`: a replica that still follows its
 * master's old IP must never reach a cluster pod that took it after a lab switch.
 */
const REPLICATION_IP_START = 200;

/** The pods of one lab on the configured platform. `lab` and `persistence` override the config (a lab switch). */
export async function createPlatform(
  config: Config,
  initialValues: Record<string, string>,
  choice: { lab?: LabKind; persistence?: boolean } = {},
): Promise<Platform> {
  const lab = choice.lab ?? config.lab;
  const persistence = choice.persistence ?? config.persistence;
  if (config.platform === "kubernetes") {
    const { createKubernetesPlatform } = await import("./kubernetes");
    return createKubernetesPlatform({
      namespace: config.kubeNamespace,
      release: config.kubeRelease,
      lab,
      reach: config.kubeReach,
      password: config.redisPassword,
    });
  }
  const common = {
    dataDir: path.resolve(config.dataDir),
    password: config.redisPassword ?? LOCAL_DEFAULT_PASSWORD,
    persistence,
    readinessPeriodMs: config.readinessPeriodMs,
    restartDelayMs: config.restartDelayMs,
    ipPrefix: config.ipPrefix,
  };
  if (lab === "replication") {
    // The seed's lab A starts empty: the class writes `a` itself, through the write box.
    const replication = new LocalReplicationPlatform({
      ...common,
      ipStart: Math.max(REPLICATION_IP_START, config.ipStart + 1),
    });
    replication.claimDataDir();
    return replication;
  }
  const local = new LocalPlatform({
    ...common,
    nodeTimeoutMs: config.nodeTimeoutMs,
    requireFullCoverage: config.requireFullCoverage,
    ipStart: config.ipStart,
    keys: initialValues,
  });
  // Before Next.js prepares and before any pod is touched: a second dashboard on this data dir stops here.
  local.claimDataDir();
  return local;
}
