"use client";
import { memo, useMemo } from "react";
import { useTranslations } from "use-intl";
import type { LabEvent } from "@/lib/events";
import type { Topology } from "@/lib/types";
import { Panel } from "../common/Panel";
import { NodeCard } from "./NodeCard";
import { ViewDisagreements } from "./ViewDisagreements";
import { groupNodes } from "./groupNodes";

interface Props {
  topology: Topology;
  events: LabEvent[];
}

export const ReplicationGraph = memo(function ReplicationGraph({ topology, events }: Props) {
  const t = useTranslations("graph");
  const groups = useMemo(() => groupNodes(topology.nodes), [topology.nodes]);
  const promoted = useMemo(
    () => new Set(events.flatMap((e) => (e.kind === "replica-promoted" ? [e.params.nodeId] : []))),
    [events],
  );
  const knownBy = new Map(topology.views.map((v) => [v.pod, v]));

  return (
    <Panel
      title={t("title")}
      hint={t("hint")}
      testId="replication-graph"
      className="2xl:flex-1"
      bodyClassName="overflow-auto p-3 space-y-3"
    >
      <div
        className="grid gap-3"
        style={{ gridTemplateColumns: `repeat(${Math.max(1, groups.shards.length)}, minmax(0, 1fr))` }}
      >
        {groups.shards.map(({ master, replicas }) => (
          <div key={master.id} className="flex flex-col gap-1.5" data-testid={`shard-${master.id}`}>
            <NodeCard node={master} promoted={promoted.has(master.id)} />
            {replicas.map((r) => (
              <div key={r.id} className="flex flex-col items-stretch">
                <div className="text-center text-xs leading-3 text-slate-400">{t("replicates")}</div>
                <NodeCard node={r} promoted={promoted.has(r.id)} />
              </div>
            ))}
            {replicas.length === 0 ? (
              <div className="rounded-lg border border-dashed border-amber-500/60 px-2 py-1.5 text-center text-xs text-amber-200">
                {t("noReplica")}
              </div>
            ) : null}
          </div>
        ))}
      </div>

      {groups.orphans.length + groups.ghosts.length > 0 ? (
        <div className="grid grid-cols-2 gap-3">
          {groups.orphans.length > 0 ? (
            <div>
              <h3 className="mb-1 text-sm font-semibold text-amber-200">{t("knowsOnlyItself")}</h3>
              <div className="flex flex-col gap-2">
                {groups.orphans.map((n) => {
                  const view = n.pod ? knownBy.get(n.pod) : undefined;
                  const note = view
                    ? `cluster_known_nodes:${view.knownNodes} · cluster_state:${view.clusterState ?? "?"}`
                    : t("emptyMaster");
                  return <NodeCard key={n.id} node={n} promoted={false} note={note} />;
                })}
              </div>
            </div>
          ) : null}

          {groups.ghosts.length > 0 ? (
            <div>
              <h3 className="mb-1 text-sm font-semibold text-red-300">{t("ghosts")}</h3>
              <div className="flex flex-col gap-2">
                {groups.ghosts.map((n) => (
                  <NodeCard key={n.id} node={n} promoted={false} />
                ))}
              </div>
            </div>
          ) : null}
        </div>
      ) : null}

      {groups.detached.length > 0 ? (
        <div>
          <h3 className="mb-1 text-sm font-semibold text-slate-300">{t("detached")}</h3>
          <div className="grid grid-cols-2 gap-2">
            {groups.detached.map((n) => (
              <NodeCard key={n.id} node={n} promoted={false} />
            ))}
          </div>
        </div>
      ) : null}

      <ViewDisagreements views={topology.views} nodes={topology.nodes} />
    </Panel>
  );
});
