"use client";
import { useWhyNot } from "../lab/usePermissions";
import type { ReactNode } from "react";
import { useTranslations } from "use-intl";
import type { DashboardState } from "@/lib/clientState";
import { Panel } from "../common/Panel";
import type { LabConnection } from "../lab/LabConnection";
import { LabSwitch } from "./LabSwitch";

interface Props {
  state: DashboardState;
  connection: LabConnection | null;
  /** The running lab's own switches, below the lab switch. */
  children?: ReactNode;
}

/** The instructor's switches for the lab as a whole: which lab runs, and the running lab's own (lab B: auto-repair, starting over). */
export function LabControls({ state, connection, children }: Props) {
  const t = useTranslations("controls");
  const whyNot = useWhyNot(state);
  return (
    <Panel title={t("title")} hint={t("hint")} testId="lab-controls" className="shrink-0">
      <div className="flex flex-col gap-4 p-3">
        <LabSwitch
          running={state.lab?.lab ?? null}
          persistence={state.settings.persistence}
          choosesPersistence={state.settings.choosesPersistence}
          refused={whyNot("switchLab")}
          busy={state.busy !== null}
          connection={connection}
        />
        {children}
      </div>
    </Panel>
  );
}
