import path from "node:path";
import type { Config } from "@/lib/config";
import { LocalPlatform } from "./local/localPlatform";
import type { Platform } from "./types";

const LOCAL_DEFAULT_PASSWORD = "new1234";

export async function createPlatform(
  config: Config,
  initialValues: Record<string, string>,
): Promise<Platform> {
  if (config.lab !== "cluster") {
    // The observers read CLUSTER NODES / CLUSTER INFO; lab A's master/replica pods answer neither.
    throw new Error(
      "the replication lab (lab A, DASHBOARD_LAB=replication) is not implemented yet; use DASHBOARD_LAB=cluster",
    );
  }
  if (config.platform === "kubernetes") {
    const { createKubernetesPlatform } = await import("./kubernetes");
    return createKubernetesPlatform({
      namespace: config.kubeNamespace,
      release: config.kubeRelease,
      lab: config.lab,
      reach: config.kubeReach,
      password: config.redisPassword,
    });
  }
  const local = new LocalPlatform({
    dataDir: path.resolve(config.dataDir),
    password: config.redisPassword ?? LOCAL_DEFAULT_PASSWORD,
    nodeTimeoutMs: config.nodeTimeoutMs,
    requireFullCoverage: config.requireFullCoverage,
    persistence: config.persistence,
    readinessPeriodMs: config.readinessPeriodMs,
    restartDelayMs: config.restartDelayMs,
    ipPrefix: config.ipPrefix,
    ipStart: config.ipStart,
    keys: initialValues,
  });
  // Before Next.js prepares and before any pod is touched: a second dashboard on this data dir stops here.
  local.claimDataDir();
  return local;
}
