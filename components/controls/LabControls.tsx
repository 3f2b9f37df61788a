"use client";
import { useWhyNot } from "../lab/usePermissions";
import { useTranslations } from "use-intl";
import type { DashboardState } from "@/lib/clientState";
import { Panel } from "../common/Panel";
import type { LabConnection } from "../lab/LabConnection";
import { AutoRepairSwitch } from "./AutoRepairSwitch";
import { LabSwitch } from "./LabSwitch";
import { ResetLab } from "./ResetLab";

interface Props {
  state: DashboardState;
  connection: LabConnection | null;
}

/** The instructor's switches for the lab as a whole: auto-repair, and starting over. */
export function LabControls({ state, connection }: Props) {
  const t = useTranslations("controls");
  const whyNot = useWhyNot(state);
  return (
    <Panel title={t("title")} hint={t("hint")} testId="lab-controls" className="shrink-0">
      <div className="flex flex-col gap-4 p-3">
        {state.settings.canReset ? (
          <LabSwitch
            running={state.lab?.lab ?? null}
            persistence={state.settings.persistence}
            refused={whyNot("switchLab")}
            busy={state.busy !== null}
            connection={connection}
          />
        ) : null}
        {state.lab?.lab !== "replication" ? (
          <AutoRepairSwitch
            enabled={state.settings.autoRepair}
            refused={whyNot("autoRepair")}
            connection={connection}
          />
        ) : null}
        {state.settings.canReset && state.lab?.lab !== "replication" ? (
          <ResetLab
            settings={state.settings}
            refused={whyNot("reset")}
            busy={state.busy !== null}
            connection={connection}
          />
        ) : null}
      </div>
    </Panel>
  );
}
