"use client";
import { useCallback, useMemo } from "react";
import { useTranslations } from "use-intl";
import type { DashboardState } from "@/lib/clientState";
import { type Action, anyoneMay, NO_GRANTS, permissionsOf, refusal } from "@/lib/permissions";
import { NAME_KEY, useStored } from "../classroom/stored";
import { useErrorText } from "../i18n/useErrorText";

/** What this viewer may do now: the server's rule, mirrored, so controls show what the server would refuse. */
export function usePermissions(state: DashboardState): Record<Action, boolean> {
  const { session, grants } = state;
  return useMemo(
    () => permissionsOf(session ?? { role: "student", name: "" }, session ? grants : NO_GRANTS),
    [session, grants],
  );
}

/**
 * Why this viewer may not use a control now, in their language, or null when they may: the server's own
 * refusal ("the instructor has not allowed deletes"), and for a student who has not picked a name yet, that
 * (the room would not know who clicked).
 */
export function useWhyNot(state: DashboardState): (action: Action) => string | null {
  const { session, grants } = state;
  const errorText = useErrorText();
  const t = useTranslations("classroom");
  const picked = useStored(NAME_KEY);
  return useCallback(
    (action: Action) => {
      if (!session) return t("whyConnecting");
      const no = refusal(session, action, grants);
      if (no) return errorText({ code: no.code, params: no.params, error: no.code });
      if (session.role === "student" && !picked) return t("whyPickName");
      return null;
    },
    [session, grants, picked, errorText, t],
  );
}

/** The pod table's delete and crash buttons for this viewer: each one's reason, and whether to show them at all. */
export interface DeleteRights {
  delete: string | null;
  crash: string | null;
  /**
   * A student sees the buttons (disabled, with the reason) while someone in the room may use them, so the room
   * sees whose turn it is; when nobody may (watching only, or the grant was revoked) they are gone.
   */
  shown: boolean;
}

export function useDeleteRights(state: DashboardState): DeleteRights {
  const whyNot = useWhyNot(state);
  const del = whyNot("delete");
  const crash = whyNot("crash");
  const shown =
    state.session?.role === "instructor" ||
    del === null ||
    crash === null ||
    anyoneMay(state.grants, "delete") ||
    anyoneMay(state.grants, "crash");
  return useMemo(() => ({ delete: del, crash, shown }), [del, crash, shown]);
}
