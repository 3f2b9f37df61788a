"use client";
import type { DashboardState } from "@/lib/clientState";
import { AutoRepairSwitch } from "../../controls/AutoRepairSwitch";
import { ResetLab } from "../../controls/ResetLab";
import type { LabConnection } from "../../lab/LabConnection";
import { useWhyNot } from "../../lab/usePermissions";

/**
 * Lab B's own switches: auto-repair, and starting over with a persistence choice. Lab A has neither: its
 * persistence is chosen with the lab switch, and nothing there repairs.
 */
export function ClusterControls({
  state,
  connection,
}: {
  state: DashboardState;
  connection: LabConnection | null;
}) {
  const whyNot = useWhyNot(state);
  return (
    <>
      <AutoRepairSwitch
        enabled={state.settings.autoRepair}
        refused={whyNot("autoRepair")}
        connection={connection}
      />
      {state.settings.canReset ? (
        <ResetLab
          settings={state.settings}
          refused={whyNot("reset")}
          busy={state.busy !== null}
          connection={connection}
        />
      ) : null}
    </>
  );
}
