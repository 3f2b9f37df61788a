import type { PodState } from "@/lib/types";

export interface IpMemo {
  ip: string;
  /** The IP of the previous incarnation, once the pod came back with another one. */
  previous: string | null;
  changedAt: number | null;
}

/** Remembers each pod's last known IP across Pending (no IP) so a recreated pod shows "was …". Same object if nothing changed. */
export function rememberIps(
  memo: Record<string, IpMemo>,
  pods: PodState[],
  now: number,
): Record<string, IpMemo> {
  let next: Record<string, IpMemo> | null = null;
  for (const p of pods) {
    if (!p.ip) continue;
    const known = memo[p.name];
    if (known && known.ip === p.ip) continue;
    next ??= { ...memo };
    next[p.name] = known
      ? { ip: p.ip, previous: known.ip, changedAt: now }
      : { ip: p.ip, previous: null, changedAt: null };
  }
  return next ?? memo;
}
