import type { RepairStep } from "@/lib/repairPlan";
import type { Tone } from "../common/Badge";

export const STEP_KIND: Record<RepairStep["kind"], { label: string; tone: Tone }> = {
  forget: { label: "FORGET", tone: "red" },
  meet: { label: "MEET", tone: "sky" },
  replicate: { label: "REPLICATE", tone: "violet" },
};
