"use client";
import { useMemo, useState } from "react";
import type { GuideStepId } from "@/lib/protocol";
import { ProjectorPanels, useProjector } from "./classroom/Projector";
import { PodEvidence } from "./evidence/PodEvidence";
import { Header } from "./header/Header";
import { LAB_VIEWS } from "./labs";
import { SamplesProvider } from "./lab/samples";
import { useLab } from "./lab/useLab";
import { useDeleteRights, useWhyNot } from "./lab/usePermissions";
import { NodeColorsProvider } from "./common/nodeColors";
import { ServerClockProvider } from "./common/serverClock";
import { topologyOf } from "@/lib/labs/cluster/state";

/** The lab decides what is on screen (components/labs/): nothing here branches on it. */
export function Dashboard() {
  const { state, samples, connection, tokenRejected } = useLab();
  const podRights = useDeleteRights(state);
  const whyWrite = useWhyNot(state)("write");
  const rights = useMemo(() => ({ pods: podRights, write: whyWrite }), [podRights, whyWrite]);
  const isInstructor = state.session?.role === "instructor";
  const focusGuide = useMemo(
    () =>
      isInstructor && connection ? (step: GuideStepId | null) => void connection.setGuideStep(step) : null,
    [isInstructor, connection],
  );
  const podNames = useMemo(() => state.pods.map((p) => p.name), [state.pods]);
  const [evidencePod, setEvidencePod] = useState<string | null>(null);
  const deletePod = useMemo(() => (connection ? connection.deletePod.bind(connection) : null), [connection]);
  const view = LAB_VIEWS[state.lab?.lab ?? "cluster"];
  const [projector] = useProjector();

  return (
    <SamplesProvider store={samples}>
      <ServerClockProvider>
        <NodeColorsProvider nodes={topologyOf(state.labState).nodes}>
          <div
            className="flex min-h-screen flex-col lg:h-screen lg:min-h-[760px]"
            data-projector={projector ? "on" : undefined}
          >
            <Header state={state} tokenRejected={tokenRejected} connection={connection} />
            <main className="grid min-h-0 flex-1 grid-cols-1 content-start gap-3 overflow-auto p-3 lg:grid-cols-[minmax(0,54fr)_minmax(0,46fr)] 2xl:grid-cols-[minmax(0,39fr)_minmax(0,38fr)_minmax(0,23fr)] 2xl:content-stretch 2xl:overflow-hidden">
              <ProjectorPanels state={state}>
                {view.panels({
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
                Evidence={view.Evidence}
              />
            ) : null}
          </div>
        </NodeColorsProvider>
      </ServerClockProvider>
    </SamplesProvider>
  );
}
