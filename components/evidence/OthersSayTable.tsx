"use client";
import { useTranslations } from "use-intl";
import type { OthersSay } from "@/lib/evidenceViews";
import { shortId } from "@/lib/topologyDiff";
import { shortPod } from "../common/podName";

function cellStyle(text: string, odd: boolean): string {
  const base = odd ? "bg-amber-400/20 ring-1 ring-inset ring-amber-400/60 " : "";
  if (text === "unknown") return `${base}text-slate-400 italic`;
  if (text.includes("fail")) return `${base}text-red-300 font-semibold`;
  return `${base}text-slate-200`;
}

/** Node ids × pods: what each pod's own CLUSTER NODES says, with the evidence pod's column marked. */
export function OthersSayTable({ pod, data }: { pod: string; data: OthersSay }) {
  const t = useTranslations("evidence");
  if (data.rows.length === 0) {
    return <p className="text-sm text-slate-400 italic">{t("noView")}</p>;
  }
  return (
    <div className="overflow-x-auto" data-testid="pod-evidence-views">
      <table className="w-full font-mono text-xs">
        <thead>
          <tr className="text-slate-400">
            <th className="px-1.5 py-1 text-left font-medium">{t("nodeColumn")}</th>
            {data.pods.map((p) => (
              <th
                key={p}
                title={p}
                className={`px-1.5 py-1 text-left font-medium ${p === pod ? "bg-sky-500/15 text-sky-200" : ""}`}
              >
                {shortPod(p)}
                {p === pod ? <span className="block text-[10px] text-sky-300">{t("thisPod")}</span> : null}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.rows.map((r) => (
            <tr
              key={r.nodeId}
              data-testid={`pod-evidence-row-${r.nodeId}`}
              data-disagree={String(r.disagree)}
              className={`border-t border-slate-800 ${r.disagree ? "bg-amber-400/5" : ""}`}
            >
              <td className="px-1.5 py-1 whitespace-nowrap" title={`${r.nodeId} ${r.addr}`}>
                {r.disagree ? <span className="mr-1 text-amber-300">≠</span> : null}
                <span className="font-bold text-white">{shortId(r.nodeId)}</span>{" "}
                {r.self ? (
                  <span className="text-sky-300">{t("itsNewId")}</span>
                ) : r.ghost ? (
                  <span className="text-red-300" title={t("lastSeen", { addr: r.addr })}>
                    {t("ghost")}
                  </span>
                ) : (
                  <span className="text-slate-500">{r.owner ? shortPod(r.owner) : ""}</span>
                )}
              </td>
              {data.pods.map((p) => {
                const text = r.byPod[p] ?? "—";
                return (
                  <td
                    key={p}
                    className={`px-1.5 py-1 whitespace-nowrap ${cellStyle(text, r.odd.includes(p))} ${
                      p === pod ? "border-x border-sky-500/30" : ""
                    }`}
                  >
                    {text === "unknown" ? t("notListed") : text}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
