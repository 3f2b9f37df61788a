// Lab A on the server: a master and two replicas, each pod's INFO replication and persistence, the write box
// and the master's AOF files.
import { replicationLab } from "@/lib/labs/replication/definition";
import { setCommand } from "@/lib/redisCli";
import { EvidenceReader } from "../../actions/evidence";
import { ActionError } from "../../actions/actionError";
import { AofReader } from "../../observe/aofReader";
import { ReplicationPoller } from "../../observe/replicationPoller";
import { LocalReplicationPlatform } from "../../platform/local/replicationPods";
import { oneShot } from "../../redis/connect";
import type { RunningLab, ServerLab } from "../types";
import { readReplicationEvidence } from "./evidence";
import { replicationOf } from "@/lib/labs/replication/state";

/** INFO replication + persistence + DBSIZE per pod, about four times a second. */
const REPLICATION_PERIOD_MS = 250;
/**
 * Lab A's pods take addresses from here up, lab B's from `LOCAL_IP_START`: a replica that still follows its
 * master's old IP must never reach a cluster pod that took it after a lab switch.
 */
const REPLICATION_IP_START = 200;

export const replicationServerLab: ServerLab = {
  definition: replicationLab,
  // No cluster topology here: each pod is what its INFO replication says.
  stateNodes: (store) =>
    replicationOf(store.labState).nodes.map(({ pod, role, linkStatus, offset, replId }) => ({
      pod,
      role,
      linkStatus,
      offset,
      replId,
    })),

  // The seed's lab A starts empty: the class writes `a` itself, through the write box.
  localPlatform: (config, pods) =>
    new LocalReplicationPlatform({ ...pods, ipStart: Math.max(REPLICATION_IP_START, config.ipStart + 1) }),

  requireFullCoverage: () => null,

  run({ platform, store, keys }) {
    const poller = new ReplicationPoller(platform, store, keys, REPLICATION_PERIOD_MS);
    const aof = platform.aofFiles ? new AofReader(platform, store) : null;
    const evidence = new EvidenceReader((pod, name) => readReplicationEvidence(platform, pod, name));
    const lab: RunningLab = {
      async start() {
        poller.start();
        aof?.start();
      },
      stop() {
        poller.stop();
        aof?.stop();
      },
      beforeReset: () => poller.forget(),
      async afterReset() {},
      evidence: (pod, name) => evidence.read(pod, name),
    };
    if (aof) lab.aof = () => aof.readNow();
    const serviceAddress = platform.serviceAddress?.bind(platform);
    if (serviceAddress) {
      // On the master through its Service, as the seed does.
      lab.setKey = async (key, value) => {
        const service = platform.serviceName?.("master") ?? "master";
        const addr = serviceAddress("master");
        if (!addr)
          throw new ActionError(503, "no_master", { service, detail: "the master pod is not ready" });
        try {
          const reply = await oneShot(addr, platform.password, 2000, (r) => r.set(key, value));
          return { reply, command: setCommand(service, key, value) };
        } catch (err) {
          throw new ActionError(503, "no_master", { service, detail: (err as Error).message.slice(0, 200) });
        }
      };
    }
    return lab;
  },
};
