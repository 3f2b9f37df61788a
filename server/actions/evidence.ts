import type { PodEvidence } from "@/lib/protocol";
import type { PodState } from "@/lib/types";
import { describeRedisError } from "../observe/topologyPoller";
import type { Platform } from "../platform/types";
import { oneShot } from "../redis/connect";

/** `redis-cli -h <pod> CLUSTER INFO` and `CLUSTER NODES`, read now from that pod alone. */
export async function readEvidence(
  platform: Platform,
  pod: PodState | null,
  name: string,
): Promise<PodEvidence> {
  const base: PodEvidence = {
    pod: name,
    ip: pod?.ip ?? null,
    at: Date.now(),
    clusterInfo: null,
    clusterNodes: null,
    error: null,
  };
  if (!pod?.ip) return { ...base, error: `pod ${name} has no IP (${pod?.phase ?? "gone"})` };
  try {
    const [info, nodes] = await oneShot(platform.resolve(pod.ip, 6379), platform.password, 2000, (r) =>
      Promise.all([
        r.call("CLUSTER", "INFO") as Promise<string>,
        r.call("CLUSTER", "NODES") as Promise<string>,
      ]),
    );
    return { ...base, clusterInfo: info, clusterNodes: nodes };
  } catch (err) {
    return { ...base, error: describeRedisError(err) };
  }
}
