import { newEvent } from "@/lib/events";
import { deletePodRequestSchema, describeZodError } from "@/lib/protocol";
import type { DeleteMode, RunSummary } from "@/lib/types";
import type { RunTracker } from "../observe/runTracker";
import type { Platform } from "../platform/types";
import type { Store } from "../store";
import { ActionError } from "./actionError";
import type { ActionLock } from "./actionLock";

/** Who acts, for the event log and the run; whether they may was decided at the door (server/gate.ts). */
export interface Actor {
  name: string;
}

/**
 * `kubectl delete pod`: validates, authorises and serialises, then lets the platform replace the pod.
 * The lock is held until the replacement is running, like `kubectl delete` waiting for the pod to go.
 */
export function deletePod(
  deps: { platform: Platform; store: Store; lock: ActionLock; runs: RunTracker },
  actor: Actor,
  input: unknown,
): RunSummary {
  const parsed = deletePodRequestSchema.safeParse(input);
  if (!parsed.success) {
    throw new ActionError(400, "invalid_request", { detail: describeZodError(parsed.error) });
  }
  const { pod, mode } = parsed.data as { pod: string; mode: DeleteMode };
  if (!deps.platform.ownsPod(pod)) {
    throw new ActionError(404, "unknown_pod", { pod });
  }
  const state = deps.store.pods.find((p) => p.name === pod);
  if (!state || state.phase !== "Running") {
    throw new ActionError(409, "pod_not_running", { pod, phase: state?.phase ?? "gone" });
  }
  const release = deps.lock.acquire({ action: "delete", actor: actor.name, pod });
  const run = deps.runs.begin(pod, mode, actor.name);
  deps.store.addEvents([
    newEvent("delete-requested", run.startedAt, { actor: actor.name, pod, nodeId: run.nodeId, mode }),
  ]);
  deps.platform
    .deletePod(pod, mode)
    .catch((err: Error) =>
      deps.store.addEvents([
        newEvent("delete-failed", Date.now(), { actor: actor.name, pod, error: err.message }),
      ]),
    )
    .finally(release);
  return run;
}
