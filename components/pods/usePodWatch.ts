"use client";
import { useState } from "react";
import { advancePodWatch, startPodWatch, type PodWatch } from "@/lib/podWatch";
import type { PodState } from "@/lib/types";

/** Enough for a delete, its recreation and a repair a few times over, without growing through a long class. */
const MAX_LINES = 200;

/**
 * The `kubectl get pod -w` stream of this page: started with the first pod list it saw, one line per change
 * after that. Derived state: each new pod list is compared with the one before, during render.
 */
export function usePodWatch(pods: PodState[], now: number): PodWatch | null {
  const [seen, setSeen] = useState<{ pods: PodState[]; watch: PodWatch | null }>({ pods: [], watch: null });
  if (seen.pods === pods) return seen.watch;
  const watch =
    seen.watch === null
      ? pods.length > 0
        ? startPodWatch(pods, now)
        : null
      : advancePodWatch(seen.watch, seen.pods, pods, now, MAX_LINES);
  setSeen({ pods, watch });
  return watch;
}
