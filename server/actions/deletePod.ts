import { deletePodRequestSchema, describeZodError } from "@/lib/protocol";
import type { DeleteMode, RunSummary } from "@/lib/types";
import type { RunTracker } from "../observe/runTracker";
import type { Platform } from "../platform/types";
import type { Store } from "../store";
import { ActionError, type ActionLock } from "./actionLock";

export interface Actor {
  name: string;
  canAct: boolean;
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
  if (!actor.canAct) throw new ActionError(403, "only the instructor may delete pods");
  const parsed = deletePodRequestSchema.safeParse(input);
  if (!parsed.success) throw new ActionError(400, `invalid request: ${describeZodError(parsed.error)}`);
  const { pod, mode } = parsed.data as { pod: string; mode: DeleteMode };
  if (!deps.platform.ownsPod(pod)) {
    throw new ActionError(404, `pod "${pod}" is not a pod of this lab (${deps.platform.scope})`);
  }
  const state = deps.store.pods.find((p) => p.name === pod);
  if (!state || state.phase !== "Running") {
    throw new ActionError(409, `pod "${pod}" is ${state?.phase ?? "gone"}; wait until it is Running`);
  }
  const release = deps.lock.acquire(`delete ${pod}`);
  const run = deps.runs.begin(pod, mode, actor.name);
  deps.store.addEvents([
    {
      t: run.startedAt,
      kind: "action",
      message: `${actor.name} deleted pod ${pod}${mode === "crash" ? " (crash: SIGKILL, grace period 0)" : ""}`,
      pod,
      nodeId: run.nodeId,
      actor: actor.name,
      source: "action",
    },
  ]);
  deps.platform
    .deletePod(pod, mode)
    .catch((err: Error) =>
      deps.store.addEvents([
        {
          t: Date.now(),
          kind: "action",
          message: `deleting ${pod} failed: ${err.message}`,
          pod,
          nodeId: null,
          actor: actor.name,
          source: "action",
        },
      ]),
    )
    .finally(release);
  return run;
}
