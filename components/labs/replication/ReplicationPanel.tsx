"use client";
import { useTranslations } from "use-intl";
import type { ReplicationNode } from "@/lib/types";
import { Badge } from "../../common/Badge";
import { Panel } from "../../common/Panel";
import { useServerNow } from "../../common/serverClock";
import { useDuration } from "../../i18n/useFormat";

/** Each pod's own INFO replication, in Redis's field names: the lesson is in how they move when the master goes. */
export function ReplicationPanel({ nodes }: { nodes: ReplicationNode[] }) {
  const t = useTranslations("replication");
  const duration = useDuration();
  const now = useServerNow(1000);
  return (
    <Panel title={t("panelTitle")} hint={t("panelHint")} testId="replication-panel" className="shrink-0">
      {nodes.length === 0 ? (
        <p className="p-4 text-center text-slate-500">{t("noPods")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-xs">
            <thead className="text-xs text-slate-400">
              <tr>
                <th className="px-3 py-1.5 font-medium">{t("pod")}</th>
                <th className="px-2 py-1.5 font-medium">{t("role")}</th>
                <th data-raw className="px-2 py-1.5 font-mono font-medium whitespace-nowrap">
                  master_link_status
                </th>
                <th data-raw className="px-2 py-1.5 font-mono font-medium whitespace-nowrap">
                  master_repl_offset
                </th>
                <th data-raw className="px-2 py-1.5 font-mono font-medium whitespace-nowrap">
                  master_replid
                </th>
                <th data-raw className="px-2 py-1.5 font-mono font-medium whitespace-nowrap">
                  connected_slaves
                </th>
                <th className="px-2 py-1.5 font-medium">{t("lastSync")}</th>
                <th className="px-2 py-1.5 font-medium">{t("keys")}</th>
              </tr>
            </thead>
            <tbody>
              {nodes.map((n) => (
                <tr
                  key={n.pod}
                  data-testid={`replication-row-${n.pod}`}
                  data-role={n.role ?? ""}
                  data-link={n.linkStatus ?? ""}
                  data-keys={n.keys ?? ""}
                  className="border-t border-slate-800 font-mono"
                >
                  <td className="px-3 py-1.5 whitespace-nowrap text-slate-100">
                    {n.pod}
                    <span className="ml-2 text-xs text-slate-500">{n.ip ?? ""}</span>
                  </td>
                  <td className="px-2 py-1.5">
                    {!n.reachable ? (
                      <Badge tone="red">{t("silent")}</Badge>
                    ) : (
                      <span data-raw>
                        <Badge tone={n.role === "master" ? "emerald" : "sky"} className="font-mono">
                          role:{n.role === "master" ? "master" : "slave"}
                        </Badge>
                      </span>
                    )}
                    {n.loading ? <span className="ml-1 text-xs text-amber-300">{t("loading")}</span> : null}
                  </td>
                  <td className="px-2 py-1.5">
                    {n.linkStatus ? (
                      <span data-raw className={n.linkStatus === "up" ? "text-green-300" : "text-red-300"}>
                        {n.linkStatus}
                      </span>
                    ) : (
                      <span className="text-slate-600">{t("never")}</span>
                    )}
                    {n.syncInProgress ? (
                      <span className="ml-1 text-xs text-amber-300">{t("syncing")}</span>
                    ) : null}
                  </td>
                  <td className="px-2 py-1.5 text-slate-200">{n.offset ?? t("never")}</td>
                  <td className="px-2 py-1.5 text-slate-300" title={n.replId ?? undefined}>
                    {n.replId ? n.replId.slice(0, 12) : t("never")}
                  </td>
                  <td className="px-2 py-1.5 text-slate-200">{n.connectedReplicas ?? t("never")}</td>
                  <td className="px-2 py-1.5 text-slate-300">
                    {n.lastFullSyncAt
                      ? t("ago", { duration: duration(Math.max(0, now - n.lastFullSyncAt)) })
                      : t("never")}
                  </td>
                  <td className="px-2 py-1.5 text-lg font-bold text-white">{n.keys ?? t("never")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
