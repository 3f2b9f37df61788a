"use client";
import { Classroom } from "../../classroom/Classroom";
import { Prediction } from "../../classroom/Prediction";
import { LabControls } from "../../controls/LabControls";
import { EventLog } from "../../events/EventLog";
import { ReplicationGraph } from "../../graph/ReplicationGraph";
import { LogPanel } from "../../logs/LogPanel";
import { RepairPanel } from "../../repair/RepairPanel";
import { SlotMap } from "../../slots/SlotMap";
import { LabGuideMemo, Pods, ReadLoopMemo, RunSummaryMemo, TimelineMemo } from "../shared";
import type { LabPanelsProps } from "../types";

/** Lab B: the cluster failover and its repair (DESIGN §1). */
export function ClusterLabPanels({
  state,
  connection,
  deletePod,
  onExplain,
  podNames,
  rights,
  focusGuide,
}: LabPanelsProps) {
  return (
    <>
      <div className="flex min-w-0 flex-col gap-3 2xl:min-h-0">
        <Pods state={state} deletePod={deletePod} onExplain={onExplain} rights={rights} />
        <ReplicationGraph topology={state.topology} events={state.events} />
      </div>
      <div className="flex min-w-0 flex-col gap-3 2xl:min-h-0 2xl:overflow-y-auto">
        <SlotMap nodes={state.topology.nodes} keys={state.lab?.keys ?? []} />
        <TimelineMemo lab={state.lab} events={state.events} runs={state.runs} />
        <ReadLoopMemo lab={state.lab} pods={state.pods} />
        <RunSummaryMemo runs={state.runs} resetAt={state.settings.resetAt} />
        <RepairPanel state={state} connection={connection} />
      </div>
      <div className="grid min-w-0 grid-cols-1 gap-3 lg:col-span-2 2xl:min-h-0 lg:grid-cols-2 2xl:col-span-1 2xl:flex 2xl:flex-col 2xl:overflow-y-auto">
        <Prediction key="prediction" state={state} connection={connection} />
        <LabGuideMemo
          lab={state.lab}
          pods={state.pods}
          topology={state.topology}

          runs={state.runs}
          resetAt={state.settings.resetAt}
          focus={state.guide}
          onFocus={focusGuide}
        />
        <EventLog key="event-log" events={state.events} />
        <LogPanel key="log-panel" logs={state.logs} pods={podNames} />
        <LabControls key="lab-controls" state={state} connection={connection} />
        <Classroom key="classroom" state={state} connection={connection} />
      </div>
    </>
  );
}
