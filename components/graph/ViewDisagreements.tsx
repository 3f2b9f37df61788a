"use client";
import { useMemo } from "react";
import { comparePodNames } from "@/lib/podOrder";
import { useTranslations } from "use-intl";
import { viewDisagreements } from "@/lib/topology";
import { shortId } from "@/lib/topologyDiff";
import type { NodeSummary, NodeView } from "@/lib/types";
import { shortPod } from "../common/podName";

function cellStyle(text: string): string {
  if (text === "unknown") return "text-slate-500 italic";
  if (text.includes("fail")) return "text-red-300 font-semibold";
  return "text-slate-200";
}

export function ViewDisagreements({ views, nodes }: { views: NodeView[]; nodes: NodeSummary[] }) {
  const t = useTranslations("graph");
  const rows = useMemo(() => viewDisagreements(views), [views]);
  const pods = useMemo(
    () =>
      views
        .filter((v) => v.reachable)
        .map((v) => v.pod)
        .sort(comparePodNames),
    [views],
  );
  const owner = new Map(nodes.map((n) => [n.id, n.pod]));
  if (rows.length === 0) {
    return (
      <p className="px-1 text-sm text-green-300" data-testid="views-agree">
        {t("viewsAgree", { n: pods.length })}
      </p>
    );
  }
  return (
    <div data-testid="views-disagree">
      <p className="mb-1 text-sm text-amber-200">
        <b>{t("viewsDisagree")}</b> — {t("viewsDisagreeWhat")}
      </p>
      <div className="overflow-x-auto">
        <table className="w-full font-mono text-[11px]">
          <thead>
            <tr className="text-slate-400">
              <th className="px-1.5 py-1 text-left font-medium">{t("nodeColumn")}</th>
              {pods.map((p) => (
                <th key={p} className="px-1.5 py-0.5 text-left font-medium whitespace-nowrap" title={p}>
                  {shortPod(p)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.nodeId} className="border-t border-slate-800">
                <td className="px-1.5 py-0.5 whitespace-nowrap" title={r.nodeId}>
                  <span className="text-white">{shortId(r.nodeId)}</span>{" "}
                  <span className="text-slate-500">
                    {owner.get(r.nodeId) ? shortPod(owner.get(r.nodeId)!) : t("ghost")}
                  </span>
                </td>
                {pods.map((p) => (
                  <td
                    key={p}
                    className={`px-1.5 py-0.5 whitespace-nowrap ${cellStyle(r.byPod[p] ?? "unknown")}`}
                  >
                    {r.byPod[p] === "unknown" ? t("notListed") : (r.byPod[p] ?? "—")}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
