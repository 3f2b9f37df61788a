// How a repair is shown while it runs: step titles in redis-cli terms, durations, and which run is current.
// Pure, shared by the repair panel's plan view and its live progress.
import type { RepairRun, RepairStepResult } from "./protocol";
import { FORGET_BAN_MS, type RepairStep } from "./repairPlan";

const short = (id: string) => id.slice(0, 8);
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/** One line naming the Redis command a step runs and where. */
export function stepTitle(step: RepairStep): string {
  switch (step.kind) {
    case "forget":
      return `CLUSTER FORGET ${short(step.nodeId)} on ${plural(step.onPods.length, "node")}`;
    case "meet":
      return `CLUSTER MEET ${step.ip} ${step.port} via ${step.viaPod}`;
    case "replicate":
      return `CLUSTER REPLICATE ${short(step.masterId)}${step.masterPod ? ` (${step.masterPod})` : ""} on ${step.pod}`;
  }
}

/** Why a FORGET must run everywhere at once: the part of the lesson students most often miss. */
export function forgetTiming(step: Extract<RepairStep, { kind: "forget" }>): string {
  return (
    `Runs on all ${plural(step.onPods.length, "listed node")} in parallel, within the ` +
    `${FORGET_BAN_MS / 1000} s ban window: a node that still knows the id would gossip it back.`
  );
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
