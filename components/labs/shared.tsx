"use client";
import { memo, type ReactNode } from "react";
import { Classroom } from "../classroom/Classroom";
import { Prediction } from "../classroom/Prediction";
import { LabControls } from "../controls/LabControls";
import { EventLog } from "../events/EventLog";
import { LogPanel } from "../logs/LogPanel";
import { PodTable } from "../pods/PodTable";
import { RunSummaryPanel } from "../runs/RunSummaryPanel";
import { AvailabilityTimeline } from "../timeline/AvailabilityTimeline";
import { ReadLoopTerminal } from "../timeline/ReadLoopTerminal";
import { LabGuide } from "../guide/LabGuide";
import type { LabPanelsProps } from "./types";
import { topologyOf } from "@/lib/labs/cluster/state";

// A topology change must reach the DOM fast; panels whose props did not change must not re-render with it.
// One memo per panel for every lab, so a panel both labs show is the same component in each.
const PodTableMemo = memo(PodTable);
export const TimelineMemo = memo(AvailabilityTimeline);
export const RunSummaryMemo = memo(RunSummaryPanel);
export const ReadLoopMemo = memo(ReadLoopTerminal);
export const LabGuideMemo = memo(LabGuide);

/** The pod table: the same in every lab (kubectl's view of the lab's pods). */
export function Pods({
  state,
  deletePod,
  onExplain,
  rights,
  explainReady,
}: Pick<LabPanelsProps, "state" | "deletePod" | "onExplain" | "rights"> & { explainReady?: boolean }) {
  return (
    <PodTableMemo
      pods={state.pods}
      podLists={state.podLists}
      nodes={topologyOf(state.labState).nodes}
      refused={rights.pods}
      busy={state.busy !== null}
      deletePod={deletePod}
      onExplain={onExplain}
      explainReady={explainReady}
    />
  );
}

/**
 * The third column, the same in every lab but for its guide: mounted at the same place in each lab's list, so
 * the panels in it (the lab switch's own progress and answer among them) keep their state across a switch.
 */
export function SideColumn({
  state,
  connection,
  podNames,
  guide,
  labControls,
}: Pick<LabPanelsProps, "state" | "connection" | "podNames"> & {
  guide: ReactNode;
  labControls?: ReactNode;
}) {
  return (
    <div className="grid min-w-0 grid-cols-1 gap-3 lg:col-span-2 2xl:min-h-0 lg:grid-cols-2 2xl:col-span-1 2xl:flex 2xl:flex-col 2xl:overflow-y-auto">
      <Prediction key="prediction" state={state} connection={connection} />
      {guide}
      <EventLog key="event-log" events={state.events} />
      <LogPanel key="log-panel" logs={state.logs} pods={podNames} />
      <LabControls key="lab-controls" state={state} connection={connection}>
        {labControls}
      </LabControls>
      <Classroom
        key="classroom"
        presence={state.presence}
        grants={state.grants}
        session={state.session}
        connection={connection}
      />
    </div>
  );
}
