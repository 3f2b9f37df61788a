"use client";
import { useCallback } from "react";
import { planText } from "@/lib/i18n/planText";
import type { PlanNote } from "@/lib/planNotes";
import { useT } from "../i18n/useT";

/** The planner's and executor's notes in the viewer's language. */
export function usePlanText(): (n: PlanNote) => string {
  const t = useT();
  return useCallback((n: PlanNote) => planText(t, n), [t]);
}
