import path from "node:path";
import type { Config } from "@/lib/config";
import type { LabKind } from "@/lib/types";
import { LABS } from ".";
import type { Platform } from "../platform/types";

const LOCAL_DEFAULT_PASSWORD = "new1234";

/** The pods of one lab on the configured platform. `lab` and `persistence` override the config (a lab switch). */
export async function createPlatform(
  config: Config,
  initialValues: Record<string, string>,
  choice: { lab?: LabKind; persistence?: boolean } = {},
): Promise<Platform> {
  const lab = choice.lab ?? config.lab;
  const persistence = choice.persistence ?? config.persistence;
  if (config.platform === "kubernetes") {
    const { createKubernetesPlatform } = await import("../platform/kubernetes");
    return createKubernetesPlatform({
      namespace: config.kubeNamespaces[lab],
      release: config.kubeRelease,
      chart: LABS[lab].definition.kube,
      otherCharts: Object.values(LABS)
        .map((l) => l.definition.kube)
        .filter((c) => c.lab !== lab),
      reach: config.kubeReach,
      password: config.redisPassword,
    });
  }
  const local = LABS[lab].localPlatform(
    config,
    {
      dataDir: path.resolve(config.dataDir),
      password: config.redisPassword ?? LOCAL_DEFAULT_PASSWORD,
      persistence,
      readinessPeriodMs: config.readinessPeriodMs,
      restartDelayMs: config.restartDelayMs,
      ipPrefix: config.ipPrefix,
    },
    initialValues,
  );
  // Before Next.js prepares and before any pod is touched: a second dashboard on this data dir stops here.
  local.claimDataDir();
  return local;
}
