// The lab A steps (seed section 2) checked against what the dashboard sees: the write box's writes, the master's
// delete and return, the replicas' resync, and whether the value survived. Pure, like lib/labGuide.ts (lab B):
// facts in (the time included), a message key and its params out; components render them.
import type { guide } from "./i18n/en/guide";
import type { LabEvent } from "./events";
import { currentRun, type Duration, type StepStatus } from "./labGuide";
import type { LabInfo, PodState, ProbeSample, RunSummary } from "./types";

/** The lab A steps in the seed's order. */
export const REPLICATION_STEP_IDS = ["write", "delete-master", "master-back", "resync", "outcome"] as const;
export type ReplicationStepId = (typeof REPLICATION_STEP_IDS)[number];

type DetailCode = keyof typeof guide.replication.detail;

export interface ReplicationGuideStep {
  id: ReplicationStepId;
  key: string;
  detail: { code: DetailCode; params: Record<string, string | number | Duration> };
  status: StepStatus;
}

export interface ReplicationGuideInput {
  lab: LabInfo | null;
  pods: PodState[];
  events: readonly LabEvent[];
  samples: readonly ProbeSample[];
  runs: RunSummary[];
  resetAt: number | null;
  /** The lab's persistence (null: the platform does not say). */
  persistence: boolean | null;
}

const REPLICA_LANES = ["replica-0", "replica-1"] as const;
const isMaster = (pod: string) => /-master-\d+$/.test(pod);

/** The newest sample of `key` on `lane` at or after `since`. */
function latest(samples: readonly ProbeSample[], key: string, lane: string, since: number) {
  for (let i = samples.length - 1; i >= 0; i--) {
    const s = samples[i];
    if (s.t < since) break;
    if (s.key === key && s.lane === lane) return s;
  }
  return null;
}

export function replicationGuideSteps(input: ReplicationGuideInput): ReplicationGuideStep[] {
  const { lab, pods, events, samples, runs, resetAt } = input;
  const key = lab?.keys[0] ?? "a";
  const since = resetAt ?? 0;
  const masterPod = pods.find((p) => isMaster(p.name))?.name ?? "ds-redis-master-0";

  const writes = events.filter(
    (e): e is Extract<LabEvent, { kind: "key-set" }> =>
      e.kind === "key-set" && e.params.key === key && e.t >= since,
  );
  const lastWrite = writes.at(-1) ?? null;
  const run = currentRun(runs, resetAt);
  const deleted = run !== null && isMaster(run.pod) && run.replication !== undefined;
  // Only writes before the delete are what the delete can lose.
  const written = deleted ? writes.some((w) => w.t <= run.startedAt) : lastWrite !== null;
  const facts = deleted ? run.replication! : null;
  const back = facts !== null && facts.masterAwayMs !== null;
  const linked = facts !== null && facts.replicasLinkedAfterMs !== null;
  const lostKeys = [...new Set((facts?.lost ?? []).flatMap((l) => l.keys))];
  const lostHere = (facts?.lost ?? []).filter((l) => l.keys.includes(key));
  const ended = deleted && run.status !== "running";
  const outcomeKnown = linked && (lostHere.length > 0 || ended);
  const replicaReads = REPLICA_LANES.map((lane) =>
    deleted ? latest(samples, key, lane, run.startedAt) : null,
  );
  const keptValue = replicaReads.find((s) => s?.outcome === "ok")?.value ?? null;
  const masterNow = pods.find((p) => p.name === (run?.pod ?? masterPod));

  const done: Record<ReplicationStepId, boolean> = {
    write: written,
    "delete-master": deleted,
    "master-back": back,
    resync: linked,
    outcome: outcomeKnown,
  };

  const D = (code: DetailCode, params: ReplicationGuideStep["detail"]["params"] = {}) => ({ code, params });
  const details: Record<ReplicationStepId, ReplicationGuideStep["detail"]> = {
    write: lastWrite
      ? D("written", { actor: lastWrite.params.actor, key, value: lastWrite.params.value, n: writes.length })
      : D("writeTodo", { key }),
    "delete-master": deleted
      ? D("masterDeleted", { actor: run.actor, pod: run.pod, mode: run.mode })
      : D("deleteMasterTodo", {
          pod: masterPod,
          persistence: input.persistence === null ? "other" : input.persistence ? "on" : "off",
        }),
    "master-back": back
      ? D("masterBack", { pod: run!.pod, ip: masterNow?.ip ?? "", awayMs: { ms: facts!.masterAwayMs } })
      : D("masterBackTodo", { pod: run?.pod ?? masterPod }),
    resync: linked
      ? D("resynced", { linkedMs: { ms: facts!.replicasLinkedAfterMs }, n: facts!.fullResyncs })
      : D("resyncTodo"),
    outcome: !outcomeKnown
      ? D("outcomeTodo", {
          key,
          persistence: input.persistence === null ? "other" : input.persistence ? "on" : "off",
        })
      : lostHere.length > 0
        ? D("valueLost", { key, n: lostHere.length, keys: lostKeys.join(", ") })
        : D("valueKept", { key, value: keptValue ?? lastWrite?.params.value ?? "" }),
  };

  const order = REPLICATION_STEP_IDS;
  let activeGiven = false;
  return order.map((id) => {
    const step = { id, key, detail: details[id] };
    if (done[id]) return { ...step, status: "done" as const };
    if (activeGiven) return { ...step, status: "todo" as const };
    activeGiven = true;
    return { ...step, status: "active" as const };
  });
}
