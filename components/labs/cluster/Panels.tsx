"use client";
import { ReplicationGraph } from "../../graph/ReplicationGraph";
import { RepairPanel } from "../../repair/RepairPanel";
import { SlotMap } from "../../slots/SlotMap";
import { LabGuideMemo, Pods, ReadLoopMemo, RunSummaryMemo, TimelineMemo, SideColumn } from "../shared";
import type { LabPanelsProps } from "../types";
import { ClusterControls } from "./Controls";
import { topologyOf } from "@/lib/labs/cluster/state";

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
        <ReplicationGraph topology={topologyOf(state.labState)} events={state.events} />
      </div>
      <div className="flex min-w-0 flex-col gap-3 2xl:min-h-0 2xl:overflow-y-auto">
        <SlotMap nodes={topologyOf(state.labState).nodes} keys={state.lab?.keys ?? []} />
        <TimelineMemo lab={state.lab} events={state.events} runs={state.runs} />
        <ReadLoopMemo lab={state.lab} pods={state.pods} />
        <RunSummaryMemo runs={state.runs} resetAt={state.settings.resetAt} />
        <RepairPanel state={state} connection={connection} />
      </div>
      <SideColumn
        state={state}
        connection={connection}
        podNames={podNames}
        labControls={<ClusterControls state={state} connection={connection} />}
        guide={
          <LabGuideMemo
            lab={state.lab}
            pods={state.pods}
            topology={topologyOf(state.labState)}
            runs={state.runs}
            resetAt={state.settings.resetAt}
            focus={state.guide}
            onFocus={focusGuide}
          />
        }
      />
    </>
  );
}
