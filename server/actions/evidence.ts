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

/** How long one pod's evidence is shared: a person cannot read faster, a flood costs one read per pod. */
export const EVIDENCE_REUSE_MS = 500;

/** One in-flight read per pod, reused by every caller until EVIDENCE_REUSE_MS after it finished. */
export class EvidenceReader {
  private readonly reads = new Map<
    string,
    { ip: string | null; done: number | null; result: Promise<PodEvidence> }
  >();

  constructor(private readonly platform: Platform) {}

  read(pod: PodState | null, name: string): Promise<PodEvidence> {
    const ip = pod?.ip ?? null;
    const hit = this.reads.get(name);
    if (hit && hit.ip === ip && (hit.done === null || Date.now() - hit.done < EVIDENCE_REUSE_MS))
      return hit.result;
    const entry = { ip, done: null as number | null, result: readEvidence(this.platform, pod, name) };
    this.reads.set(name, entry);
    void entry.result.finally(() => (entry.done = Date.now()));
    return entry.result;
  }
}
