"use client";
import { useMemo } from "react";
import type { DashboardState } from "@/lib/clientState";
import { type Action, NO_GRANTS, permissionsOf } from "@/lib/permissions";

/** What this viewer may do now: the server's rule, mirrored, so controls show what the server would refuse. */
export function usePermissions(state: DashboardState): Record<Action, boolean> {
  const { session, grants } = state;
  return useMemo(
    () => permissionsOf(session ?? { role: "student", name: "" }, session ? grants : NO_GRANTS),
    [session, grants],
  );
}
