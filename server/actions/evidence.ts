import type { Redis } from "ioredis";
import type { PodEvidence, PodEvidenceBase } from "@/lib/protocol";
import type { PodState } from "@/lib/types";
import { describeRedisError } from "../observe/topologyPoller";
import type { Platform } from "../platform/types";
import { oneShot } from "../redis/connect";

type Facts<E extends PodEvidence> = Omit<E, keyof PodEvidenceBase>;

/**
 * One pod's evidence, read now from that pod alone: `unread` is what the lab shows when the pod could not be
 * asked, `read` asks it (each lab its own commands).
 */
export async function readPodEvidence<E extends PodEvidence>(
  platform: Platform,
  pod: PodState | null,
  name: string,
  unread: Facts<E>,
  read: (r: Redis) => Promise<Facts<E>>,
): Promise<E> {
  const base = { pod: name, ip: pod?.ip ?? null, at: Date.now(), error: null, ...unread } as E;
  if (!pod?.ip) return { ...base, error: `pod ${name} has no IP (${pod?.phase ?? "gone"})` };
  try {
    const facts = await oneShot(platform.resolve(pod.ip, 6379), platform.password, 2000, read);
    return { ...base, ...facts };
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

  constructor(private readonly readOne: (pod: PodState | null, name: string) => Promise<PodEvidence>) {}

  read(pod: PodState | null, name: string): Promise<PodEvidence> {
    const ip = pod?.ip ?? null;
    const hit = this.reads.get(name);
    if (hit && hit.ip === ip && (hit.done === null || Date.now() - hit.done < EVIDENCE_REUSE_MS))
      return hit.result;
    const entry = { ip, done: null as number | null, result: this.readOne(pod, name) };
    this.reads.set(name, entry);
    void entry.result.finally(() => (entry.done = Date.now()));
    return entry.result;
  }
}
