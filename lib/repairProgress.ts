// How a repair is shown while it runs: step titles in redis-cli terms, durations, and which run is current.
// Pure, shared by the repair panel's plan view and its live progress.
import type { RepairRun, RepairStepResult } from "./protocol";
import { note, type PlanNote } from "./planNotes";
import { FORGET_BAN_MS, formatSlots, type RepairStep } from "./repairPlan";

const short = (id: string) => id.slice(0, 8);

/** The Redis command a step kind runs, as Redis spells it: the step's name in both languages. */
export const STEP_COMMAND: Record<RepairStep["kind"], string> = {
  forget: "FORGET",
  meet: "MEET",
  replicate: "REPLICATE",
  takeover: "FAILOVER TAKEOVER",
  addslots: "ADDSLOTSRANGE",
};

/** One line naming the Redis command a step runs and where. */
export function stepTitle(step: RepairStep): PlanNote {
  switch (step.kind) {
    case "forget":
      return note("titleForget", { nodeId: short(step.nodeId), nodes: step.onPods.length });
    case "meet":
      return note("titleMeet", { ip: step.ip, port: step.port, via: step.viaPod });
    case "replicate":
      return note("titleReplicate", {
        master: short(step.masterId),
        masterPod: step.masterPod ?? "none",
        pod: step.pod,
      });
    case "takeover":
      return note("titleTakeover", { pod: step.pod });
    case "addslots":
      return note("titleAddSlots", { slots: formatSlots(step.slots), pod: step.pod });
  }
}

/** Why a FORGET must run everywhere at once: the part of the lesson students most often miss. */
export function forgetTiming(step: Extract<RepairStep, { kind: "forget" }>): PlanNote {
  return note("forgetTiming", { nodes: step.onPods.length, ban: FORGET_BAN_MS / 1000 });
}

/** How long a step took, or has been running so far; null before it started. */
export function stepDurationMs(result: RepairStepResult, now: number): number | null {
  if (result.startedAt === null) return null;
  return Math.max(0, (result.endedAt ?? now) - result.startedAt);
}

export function runDurationMs(run: RepairRun, now: number): number {
  return Math.max(0, (run.endedAt ?? now) - run.startedAt);
}

/**
 * The run to show: the streamed one, unless the execute ack answered with a newer run the stream has not
 * delivered yet. The same id always prefers the streamed copy, which is the fresher.
 */
export function currentRun(streamed: RepairRun | null, acked: RepairRun | null): RepairRun | null {
  if (!acked) return streamed;
  if (!streamed) return acked;
  if (streamed.id === acked.id) return streamed;
  return acked.startedAt > streamed.startedAt ? acked : streamed;
}

export interface StepCounts {
  ok: number;
  failed: number;
  running: number;
  pending: number;
}

export function stepCounts(run: RepairRun): StepCounts {
  const out: StepCounts = { ok: 0, failed: 0, running: 0, pending: 0 };
  for (const s of run.steps) out[s.status]++;
  return out;
}
