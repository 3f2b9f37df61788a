"use client";
import { useTranslations } from "use-intl";
import { dataLoss } from "@/lib/runMetrics";
import type { RunSummary } from "@/lib/types";
import { Panel } from "../../common/Panel";
import { useDuration } from "../../i18n/useFormat";

/** Lab A's run: not how long reads failed (the replicas keep answering) but whether the data survived. */
export function ReplicationRunSummary({ runs, masterPod }: { runs: RunSummary[]; masterPod: string }) {
  const t = useTranslations("replication");
  const duration = useDuration();
  const run = runs.find((r) => r.replication);
  const facts = run?.replication;
  const loss = facts ? dataLoss(facts.lost, (p) => p === masterPod) : null;
  return (
    <Panel title={t("runTitle")} hint={t("runHint")} testId="replication-run" className="shrink-0">
      <div className="flex flex-col gap-1 p-3 text-sm">
        {!run || !facts ? (
          <p className="text-slate-500">{t("runNone", { pod: masterPod })}</p>
        ) : (
          <>
            <p
              className="text-xs text-slate-400"
              data-testid="replication-run-status"
              data-status={run.status}
              data-run-id={run.id}
            >
              <span className="font-mono">{run.pod}</span> ·{" "}
              {t("status", { status: run.status === "timed-out" ? "timedOut" : run.status })}
            </p>
            {loss ? (
              <p
                data-testid="replication-run-loss"
                data-lost="yes"
                className="text-lg font-bold text-red-300"
              >
                {t("dataLost", {
                  master: loss.master ? "yes" : "no",
                  replicas: loss.replicas,
                  keys: loss.keys.join(", ") || "DBSIZE 0",
                })}
              </p>
            ) : run.status === "recovered" ? (
              <p
                data-testid="replication-run-loss"
                data-lost="no"
                className="text-lg font-bold text-green-300"
              >
                {t("nothingLost")}
              </p>
            ) : (
              <p className="text-slate-400">{t("running")}</p>
            )}
            {facts.masterAwayMs !== null ? (
              <p className="text-slate-300">{t("masterAway", { duration: duration(facts.masterAwayMs) })}</p>
            ) : null}
            <p className="text-slate-300">{t("staleReads", { n: facts.staleReads })}</p>
            {facts.replicasLinkedAfterMs !== null ? (
              <p className="text-slate-400">
                {t("linkedAfter", { duration: duration(facts.replicasLinkedAfterMs) })} ·{" "}
                {t("resyncs", { n: facts.fullResyncs })}
              </p>
            ) : null}
          </>
        )}
      </div>
    </Panel>
  );
}
