import type { RepairStep } from "@/lib/repairPlan";
import { STEP_COMMAND } from "@/lib/repairProgress";
import type { Tone } from "../common/Badge";

const TONE: Record<RepairStep["kind"], Tone> = {
  forget: "red",
  meet: "sky",
  replicate: "violet",
  takeover: "amber",
  addslots: "amber",
};

/** A step's badge: the Redis command it runs (the same word in every language) and its colour. */
export const STEP_KIND = Object.fromEntries(
  (Object.keys(TONE) as RepairStep["kind"][]).map((k) => [k, { label: STEP_COMMAND[k], tone: TONE[k] }]),
) as Record<RepairStep["kind"], { label: string; tone: Tone }>;
