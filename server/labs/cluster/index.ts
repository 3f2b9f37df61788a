// Lab B on the server: six cluster pods, every pod's own CLUSTER NODES view, and the repair.
import { clusterLab } from "@/lib/labs/cluster/definition";
import { EvidenceReader } from "../../actions/evidence";
import type { RepairDeps } from "../../actions/repair";
import { TopologyPoller } from "../../observe/topologyPoller";
import { LocalPlatform } from "../../platform/local/localPlatform";
import type { ServerLab } from "../types";
import { readClusterEvidence } from "./evidence";
import { topologyOf } from "@/lib/labs/cluster/state";

/**
 * The steady poll (DESIGN §4: ≤ 250 ms). A change that Redis logs, that a probe feels or that the platform
 * reports makes the poller read every pod at once (server/observe/topologyPoller.ts), so this bounds only what
 * gives no signal: a frozen pod is shown silent within one period plus the silence threshold.
 */
export const TOPOLOGY_PERIOD_MS = 250;

export const clusterServerLab: ServerLab = {
  definition: clusterLab,
  stateNodes: (store) => topologyOf(store.labState).nodes,

  localPlatform: (config, pods, initialValues) =>
    new LocalPlatform({
      ...pods,
      nodeTimeoutMs: config.nodeTimeoutMs,
      requireFullCoverage: config.requireFullCoverage,
      ipStart: config.ipStart,
      keys: initialValues,
    }),

  // On kubernetes the chart decides it.
  requireFullCoverage: (config, platform) => (platform.kind === "local" ? config.requireFullCoverage : null),

  run({ platform, store, config }) {
    const poller = new TopologyPoller(platform, store, TOPOLOGY_PERIOD_MS);
    const evidence = new EvidenceReader((pod, name) => readClusterEvidence(platform, pod, name));
    const repair: RepairDeps = { platform, store, poller, readinessPeriodMs: config.readinessPeriodMs };
    return {
      async start() {
        poller.start();
        await poller.fresh();
      },
      stop: () => poller.stop(),
      beforeReset() {},
      afterReset: async () => void (await poller.fresh()),
      evidence: (pod, name) => evidence.read(pod, name),
      repair,
    };
  },
};
