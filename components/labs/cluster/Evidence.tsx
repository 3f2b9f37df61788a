"use client";
import { useMemo } from "react";
import { useTranslations } from "use-intl";
import { clusterInfoLines, clusterNodesLines } from "@/lib/labs/cluster/evidenceLines";
import { othersSay } from "@/lib/evidenceViews";
import { shortId } from "@/lib/topologyDiff";
import { EvidenceText } from "../../evidence/EvidenceText";
import { OthersSayTable } from "../../evidence/OthersSayTable";
import type { EvidenceViewProps } from "../../evidence/types";
import { topologyOf } from "@/lib/labs/cluster/state";

/** Seed 3.2 (5) without a terminal: the pod's own CLUSTER INFO / NODES next to what the others say about it. */
export function ClusterEvidence({ state, pod, host, evidence: answer, loading }: EvidenceViewProps) {
  const t = useTranslations("evidence");
  const evidence = answer?.kind === "cluster" ? answer : null;
  const topology = topologyOf(state.labState);
  const others = useMemo(() => othersSay(pod, topology), [pod, topology]);
  const ghosts = others.rows.filter((r) => r.ghost);
  return (
    <>
      <p className="rounded-md border border-sky-500/40 bg-sky-500/10 px-3 py-2 text-sm leading-relaxed text-sky-100">
        {t("explanation")}
      </p>

      <div className="grid gap-4 lg:grid-cols-[3fr_2fr]">
        <section className="flex min-w-0 flex-col gap-3">
          <h3 className="text-sm font-semibold tracking-wide text-slate-300 uppercase">{t("ownView")}</h3>
          <EvidenceText
            command={`redis-cli -h ${host} cluster info`}
            lines={evidence?.clusterInfo ? clusterInfoLines(evidence.clusterInfo) : null}
            empty={loading ? t("reading") : t("noAnswer")}
            testId="pod-evidence-cluster-info"
          />
          <EvidenceText
            command={`redis-cli -h ${host} cluster nodes`}
            lines={evidence?.clusterNodes ? clusterNodesLines(evidence.clusterNodes) : null}
            empty={loading ? t("reading") : t("noAnswer")}
            testId="pod-evidence-cluster-nodes"
          />
        </section>

        <section className="flex min-w-0 flex-col gap-3">
          <h3 className="text-sm font-semibold tracking-wide text-slate-300 uppercase">{t("othersSay")}</h3>
          {ghosts.length > 0 ? (
            <ul data-testid="pod-evidence-ghosts" className="flex flex-col gap-1.5">
              {ghosts.map((g) => {
                const knowers = Object.entries(g.byPod).filter(([, d]) => d !== "unknown");
                return (
                  <li
                    key={g.nodeId}
                    className="rounded-md border border-red-500/50 bg-red-950/40 px-3 py-1.5 text-sm text-red-100"
                  >
                    <span className="font-mono font-bold text-white" title={g.nodeId}>
                      {shortId(g.nodeId)}
                    </span>{" "}
                    {t("ghostLine", {
                      addr: g.addr,
                      n: knowers.length,
                      desc: knowers[0]?.[1] ?? "?",
                      never: g.byPod[pod] === "unknown" ? "yes" : "no",
                    })}
                  </li>
                );
              })}
            </ul>
          ) : (
            <p className="text-sm text-slate-400">{t("noGhost")}</p>
          )}
          {others.selfId ? (
            <p className="text-sm text-slate-300">
              {t("ownIdNow")}{" "}
              <span className="font-mono font-bold text-sky-200">{shortId(others.selfId)}</span>{" "}
              {t("ownIdDisagree", { disagree: others.rows.find((r) => r.self)?.disagree ? "yes" : "no" })}
            </p>
          ) : null}
        </section>
      </div>

      <section className="flex min-w-0 flex-col gap-1">
        <h3 className="text-sm font-semibold tracking-wide text-slate-300 uppercase">{t("sideBySide")}</h3>
        <OthersSayTable pod={pod} data={others} />
        <p className="text-xs text-slate-500">{t("sideBySideNote")}</p>
      </section>
    </>
  );
}
