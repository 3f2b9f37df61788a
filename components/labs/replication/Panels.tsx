"use client";
import { Pods, ReadLoopMemo, TimelineMemo, SideColumn } from "../shared";
import type { LabPanelsProps } from "../types";
import { AofViewer } from "./AofViewer";
import { ReplicationGuide } from "./ReplicationGuide";
import { ReplicationPanel } from "./ReplicationPanel";
import { ReplicationRunSummary } from "./ReplicationRunSummary";
import { WriteBox } from "./WriteBox";
import { aofOf, replicationOf } from "@/lib/labs/replication/state";

/** Lab A: a master and two replicas, and whether the data survives the master's delete. */
export function ReplicationLabPanels({
  state,
  connection,
  deletePod,
  onExplain,
  podNames,
  rights,
  focusGuide,
}: LabPanelsProps) {
  const masterPod = state.pods.find((p) => p.name.endsWith("-master-0"))?.name ?? "ds-redis-master-0";
  return (
    <>
      <div className="flex min-w-0 flex-col gap-3 2xl:min-h-0 2xl:overflow-y-auto">
        <Pods state={state} deletePod={deletePod} onExplain={onExplain} rights={rights} explainReady />
        <ReplicationPanel nodes={replicationOf(state.labState).nodes} />
        <WriteBox refused={rights.write} connection={connection} service={masterPod.replace(/-0$/, "")} />
      </div>
      <div className="flex min-w-0 flex-col gap-3 2xl:min-h-0 2xl:overflow-y-auto">
        <TimelineMemo lab={state.lab} events={state.events} runs={state.runs} />
        <ReadLoopMemo lab={state.lab} pods={state.pods} />
        <ReplicationRunSummary runs={state.runs} masterPod={masterPod} />
        <AofViewer aof={aofOf(state.labState)} />
      </div>
      <SideColumn
        state={state}
        connection={connection}
        podNames={podNames}
        guide={
          <ReplicationGuide
            lab={state.lab}
            pods={state.pods}
            events={state.events}
            runs={state.runs}
            resetAt={state.settings.resetAt}
            persistence={state.settings.persistence}
            focus={state.guide}
            onFocus={focusGuide}
          />
        }
      />
    </>
  );
}
