"use client";
import { useState } from "react";
import type { PodList } from "@/lib/clientState";
import { advancePodWatch, startPodWatch, type PodWatch } from "@/lib/podWatch";

/** Enough for a delete, its recreation and a repair a few times over, without growing through a long class. */
const MAX_LINES = 200;

interface Seen {
  seq: number;
  pods: PodList["pods"];
  watch: PodWatch | null;
}

/**
 * The `kubectl get pod -w` stream of this page: started with the first pod list it saw, one line per change
 * after that. Every list that arrived since the last render is compared with the one before it, so a state
 * that lasted less than a frame (Terminating) still gets its line. Derived state, updated during render.
 */
export function usePodWatch(lists: PodList[], now: number): PodWatch | null {
  const [seen, setSeen] = useState<Seen>({ seq: 0, pods: [], watch: null });
  const fresh = lists.filter((l) => l.seq > seen.seq);
  if (fresh.length === 0) return seen.watch;
  let { pods, watch } = seen;
  for (const list of fresh) {
    if (watch === null) watch = list.pods.length > 0 ? startPodWatch(list.pods, now) : null;
    else watch = advancePodWatch(watch, pods, list.pods, now, MAX_LINES);
    pods = list.pods;
  }
  setSeen({ seq: fresh[fresh.length - 1].seq, pods, watch });
  return watch;
}
