import { type ComponentType, memo } from "react";
import type { DashboardState } from "@/lib/clientState";

/**
 * A panel that takes the whole dashboard state re-renders with every change of it: a failover sends a dozen
 * topology deltas, events, runs and pod lists in seconds, and panels that read none of them were redrawn with
 * each (bench:page's long tasks). Memoised on the state fields it reads (keep `reads` in step with the panel)
 * and on its other props by identity.
 */
export function memoOnState<P extends { state: DashboardState }>(
  Panel: ComponentType<P>,
  reads: readonly (keyof DashboardState)[],
) {
  return memo(Panel, (a, b) => {
    const keys = Object.keys(b) as (keyof P)[];
    if (keys.length !== Object.keys(a).length) return false;
    if (keys.some((k) => k !== "state" && a[k] !== b[k])) return false;
    return reads.every((f) => a.state[f] === b.state[f]);
  });
}
