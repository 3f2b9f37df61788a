"use client";
import { memo } from "react";
import { PodTable } from "../pods/PodTable";
import { RunSummaryPanel } from "../runs/RunSummaryPanel";
import { AvailabilityTimeline } from "../timeline/AvailabilityTimeline";
import { ReadLoopTerminal } from "../timeline/ReadLoopTerminal";
import { LabGuide } from "../guide/LabGuide";
import type { LabPanelsProps } from "./types";

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
      nodes={state.topology.nodes}
      refused={rights.pods}
      busy={state.busy !== null}
      deletePod={deletePod}
      onExplain={onExplain}
      explainReady={explainReady}
    />
  );
}
