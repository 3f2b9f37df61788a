"use client";
import type { ReactNode } from "react";
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
        // One block per pod, its INFO fields wrapping: a table of eight columns hid the keys count (the lesson:
        // 1 before the delete, 0 after it without persistence) behind a sideways scroll on a projector.
        <ul className="divide-y divide-slate-800">
          {nodes.map((n) => (
            <li
              key={n.pod}
              data-testid={`replication-row-${n.pod}`}
              data-role={n.role ?? ""}
              data-link={n.linkStatus ?? ""}
              data-keys={n.keys ?? ""}
              className="px-3 py-2 font-mono text-xs"
            >
              <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
                <span className="text-sm text-slate-100">{n.pod}</span>
                <span className="text-slate-500">{n.ip ?? ""}</span>
                {!n.reachable ? (
                  <Badge tone="red">{t("silent")}</Badge>
                ) : (
                  <span data-raw>
                    <Badge tone={n.role === "master" ? "emerald" : "sky"} className="font-mono">
                      role:{n.role === "master" ? "master" : "slave"}
                    </Badge>
                  </span>
                )}
                {n.loading ? <span className="text-amber-300">{t("loading")}</span> : null}
                <span className="ml-auto font-sans text-slate-400">
                  {t("keys")}{" "}
                  <span className="font-mono text-lg font-bold text-white">{n.keys ?? t("never")}</span>
                </span>
              </div>
              <dl className="mt-1 flex flex-wrap gap-x-4 gap-y-0.5 text-slate-400">
                <Field name="master_link_status">
                  {n.linkStatus ? (
                    <span data-raw className={n.linkStatus === "up" ? "text-green-300" : "text-red-300"}>
                      {n.linkStatus}
                    </span>
                  ) : (
                    <span className="text-slate-600">{t("never")}</span>
                  )}
                  {n.syncInProgress ? <span className="ml-1 text-amber-300">{t("syncing")}</span> : null}
                </Field>
                <Field name="master_repl_offset">{n.offset ?? t("never")}</Field>
                <Field name="master_replid" title={n.replId ?? undefined}>
                  {n.replId ? n.replId.slice(0, 12) : t("never")}
                </Field>
                <Field name="connected_slaves">{n.connectedReplicas ?? t("never")}</Field>
                <Field name={t("lastSync")} translated>
                  {n.lastFullSyncAt
                    ? t("ago", { duration: duration(Math.max(0, now - n.lastFullSyncAt)) })
                    : t("never")}
                </Field>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

/** One INFO field as Redis names it (raw: the language check leaves it alone), or one of ours, translated. */
function Field({
  name,
  title,
  translated,
  children,
}: {
  name: string;
  title?: string;
  translated?: boolean;
  children: ReactNode;
}) {
  return (
    <div className="flex gap-1 whitespace-nowrap" title={title}>
      <dt data-raw={translated ? undefined : true} className={translated ? "font-sans" : undefined}>
        {name}:
      </dt>
      <dd className="text-slate-200">{children}</dd>
    </div>
  );
}
