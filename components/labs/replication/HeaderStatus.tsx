"use client";
import { useTranslations } from "use-intl";
import type { DashboardState } from "@/lib/clientState";
import { Badge } from "../../common/Badge";

/** Lab A beside the title: which persistence runs, the setting the whole lesson turns on. */
export function ReplicationHeaderStatus({ state }: { state: DashboardState }) {
  const t = useTranslations("header");
  const p = state.settings.persistence;
  return (
    <span data-testid="header-persistence">
      <Badge tone={p ? "green" : "amber"}>
        {t("persistence", { on: p === null ? "other" : p ? "on" : "off" })}
      </Badge>
    </span>
  );
}
