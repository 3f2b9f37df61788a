"use client";
import { Classroom } from "../../classroom/Classroom";
import { Prediction } from "../../classroom/Prediction";
import { LabControls } from "../../controls/LabControls";
import { EventLog } from "../../events/EventLog";
import { LogPanel } from "../../logs/LogPanel";
import { Pods, ReadLoopMemo, TimelineMemo } from "../shared";
import type { LabPanelsProps } from "../types";
import { AofViewer } from "./AofViewer";
import { ReplicationGuide } from "./ReplicationGuide";
import { ReplicationPanel } from "./ReplicationPanel";
import { ReplicationRunSummary } from "./ReplicationRunSummary";
import { WriteBox } from "./WriteBox";

/** Lab A: a master and two replicas, and whether the data survives the master's delete. */
export function ReplicationLabPanels({
  state,
  connection,
  deletePod,
  onExplain,
  podNames,
  rights,
}: LabPanelsProps) {
  const masterPod = state.pods.find((p) => p.name.endsWith("-master-0"))?.name ?? "ds-redis-master-0";
  return (
    <>
      <div className="flex min-w-0 flex-col gap-3 2xl:min-h-0 2xl:overflow-y-auto">
        <Pods state={state} deletePod={deletePod} onExplain={onExplain} rights={rights} explainReady />
        <ReplicationPanel nodes={state.replication.nodes} />
        <WriteBox refused={rights.write} connection={connection} service={masterPod.replace(/-0$/, "")} />
      </div>
      <div className="flex min-w-0 flex-col gap-3 2xl:min-h-0 2xl:overflow-y-auto">
        <TimelineMemo lab={state.lab} events={state.events} runs={state.runs} />
        <ReadLoopMemo lab={state.lab} pods={state.pods} />
        <ReplicationRunSummary runs={state.runs} masterPod={masterPod} />
        <AofViewer aof={state.aof} />
      </div>
      <div className="grid min-w-0 grid-cols-1 gap-3 lg:col-span-2 2xl:min-h-0 lg:grid-cols-2 2xl:col-span-1 2xl:flex 2xl:flex-col 2xl:overflow-y-auto">
        <Prediction key="prediction" state={state} connection={connection} />
        <ReplicationGuide
          lab={state.lab}
          pods={state.pods}
          events={state.events}

          runs={state.runs}
          resetAt={state.settings.resetAt}
          persistence={state.settings.persistence}
        />
        <EventLog key="event-log" events={state.events} />
        <LogPanel key="log-panel" logs={state.logs} pods={podNames} />
        <LabControls key="lab-controls" state={state} connection={connection} />
        <Classroom key="classroom" state={state} connection={connection} />
      </div>
    </>
  );
}
