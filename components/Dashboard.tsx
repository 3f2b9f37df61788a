"use client";
import { memo, type ReactNode, useMemo, useState } from "react";
import type { DashboardState } from "@/lib/clientState";
import type { StepId } from "@/lib/labGuide";
import type { LabKind } from "@/lib/types";
import type { LabConnection } from "./lab/LabConnection";
import { AofViewer } from "./labs/replication/AofViewer";
import { ReplicationPanel } from "./labs/replication/ReplicationPanel";
import { ReplicationRunSummary } from "./labs/replication/ReplicationRunSummary";
import { WriteBox } from "./labs/replication/WriteBox";
import { Classroom } from "./classroom/Classroom";
import { Prediction } from "./classroom/Prediction";
import { ProjectorPanels, useProjector } from "./classroom/Projector";
import { LabControls } from "./controls/LabControls";
import { PodEvidence } from "./evidence/PodEvidence";
import { RepairPanel } from "./repair/RepairPanel";
import { EventLog } from "./events/EventLog";
import { ReplicationGraph } from "./graph/ReplicationGraph";
import { LabGuide } from "./guide/LabGuide";
import { ReplicationGuide } from "./labs/replication/ReplicationGuide";
import { Header } from "./header/Header";
import { SamplesProvider } from "./lab/samples";
import { useLab } from "./lab/useLab";
import { type DeleteRights, useDeleteRights, useWhyNot } from "./lab/usePermissions";
import { LogPanel } from "./logs/LogPanel";
import { NodeColorsProvider } from "./common/nodeColors";
import { ServerClockProvider } from "./common/serverClock";
import { PodTable } from "./pods/PodTable";
import { RunSummaryPanel } from "./runs/RunSummaryPanel";
import { SlotMap } from "./slots/SlotMap";
import { AvailabilityTimeline } from "./timeline/AvailabilityTimeline";
import { ReadLoopTerminal } from "./timeline/ReadLoopTerminal";

// A topology change must reach the DOM fast; panels whose props did not change must not re-render with it.
const PodTableMemo = memo(PodTable);
const TimelineMemo = memo(AvailabilityTimeline);
const RunSummaryMemo = memo(RunSummaryPanel);
const ReadLoopMemo = memo(ReadLoopTerminal);
const LabGuideMemo = memo(LabGuide);

/** What every lab's panels get. */
interface LabPanelsProps {
  state: DashboardState;
  connection: LabConnection | null;
  deletePod: LabConnection["deletePod"] | null;
  onExplain: (pod: string) => void;
  podNames: string[];
  /** What this viewer may not do and why (the permission table, mirrored). */
  rights: { pods: DeleteRights; write: string | null };
  /** The instructor moves the room to a guide step; null for students, who follow. */
  focusGuide: ((step: StepId | null) => void) | null;
}

/** The pod table: the same in every lab (kubectl's view of the lab's pods). */
function Pods({
  state,
  deletePod,
  onExplain,
  rights,
}: Pick<LabPanelsProps, "state" | "deletePod" | "onExplain" | "rights">) {
  return (
    <PodTableMemo
      pods={state.pods}
      podLists={state.podLists}
      nodes={state.topology.nodes}
      refused={rights.pods}
      busy={state.busy !== null}
      deletePod={deletePod}
      onExplain={onExplain}
    />
  );
}

/** Lab B: the cluster failover and its repair (DESIGN §1). */
function ClusterLabPanels({
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

/** Lab A: a master and two replicas, and whether the data survives the master's delete. */
function ReplicationLabPanels({ state, connection, deletePod, onExplain, podNames, rights }: LabPanelsProps) {
  const masterPod = state.pods.find((p) => p.name.endsWith("-master-0"))?.name ?? "ds-redis-master-0";
  return (
    <>
      <div className="flex min-w-0 flex-col gap-3 2xl:min-h-0 2xl:overflow-y-auto">
        <Pods state={state} deletePod={deletePod} onExplain={onExplain} rights={rights} />
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

/**
 * One panel list per lab: the lab decides what is on screen, nothing else branches on it. Called as functions,
 * not mounted as components, so the panels both labs share (keyed) keep their state across a switch: the lab
 * switch's own progress and answer survive the snapshot of the new lab.
 */
const LAB_PANELS: Record<LabKind, (p: LabPanelsProps) => ReactNode> = {
  cluster: ClusterLabPanels,
  replication: ReplicationLabPanels,
};

export function Dashboard() {
  const { state, samples, connection, tokenRejected } = useLab();
  const podRights = useDeleteRights(state);
  const whyWrite = useWhyNot(state)("write");
  const rights = useMemo(() => ({ pods: podRights, write: whyWrite }), [podRights, whyWrite]);
  const isInstructor = state.session?.role === "instructor";
  const focusGuide = useMemo(
    () => (isInstructor && connection ? (step: StepId | null) => void connection.setGuideStep(step) : null),
    [isInstructor, connection],
  );
  const podNames = useMemo(() => state.pods.map((p) => p.name), [state.pods]);
  const [evidencePod, setEvidencePod] = useState<string | null>(null);
  const deletePod = useMemo(() => (connection ? connection.deletePod.bind(connection) : null), [connection]);
  const panels = LAB_PANELS[state.lab?.lab ?? "cluster"];
  const [projector] = useProjector();

  return (
    <SamplesProvider store={samples}>
      <ServerClockProvider>
        <NodeColorsProvider nodes={state.topology.nodes}>
          <div
            className="flex min-h-screen flex-col lg:h-screen lg:min-h-[760px]"
            data-projector={projector ? "on" : undefined}
          >
            <Header state={state} tokenRejected={tokenRejected} connection={connection} />
            <main className="grid min-h-0 flex-1 grid-cols-1 content-start gap-3 overflow-auto p-3 lg:grid-cols-[minmax(0,54fr)_minmax(0,46fr)] 2xl:grid-cols-[minmax(0,39fr)_minmax(0,38fr)_minmax(0,23fr)] 2xl:content-stretch 2xl:overflow-hidden">
              <ProjectorPanels state={state}>
                {panels({
                  state,
                  connection,
                  deletePod,
                  onExplain: setEvidencePod,
                  podNames,
                  rights,
                  focusGuide,
                })}
              </ProjectorPanels>
            </main>
            {evidencePod ? (
              <PodEvidence
                state={state}
                connection={connection}
                pod={evidencePod}
                onClose={() => setEvidencePod(null)}
              />
            ) : null}
          </div>
        </NodeColorsProvider>
      </ServerClockProvider>
    </SamplesProvider>
  );
}
