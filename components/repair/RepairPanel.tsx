"use client";
import { useWhyNot } from "../lab/usePermissions";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslations } from "use-intl";
import type { DashboardState } from "@/lib/clientState";
import { memoOnState } from "../common/memoOnState";
import type { RepairRun } from "@/lib/protocol";
import { currentRun } from "@/lib/repairProgress";
import type { RepairPlan } from "@/lib/repairPlan";
import { Panel } from "../common/Panel";
import { useErrorText } from "../i18n/useErrorText";
import type { LabConnection } from "../lab/LabConnection";
import { PlanView } from "./PlanView";
import { RunProgress } from "./RunProgress";

interface Props {
  state: DashboardState;
  connection: LabConnection | null;
}

/** Lab B's manual repair (seed 3.3–3.4), planned by the server, shown before it runs and streamed while it does. */
function RepairPanelPanel({ state, connection }: Props) {
  const t = useTranslations("repair");
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const [plan, setPlan] = useState<{ plan: RepairPlan; at: number } | null>(null);
  const [planning, setPlanning] = useState(false);
  const [planError, setPlanError] = useState<string | null>(null);
  const [executing, setExecuting] = useState(false);
  const [executeError, setExecuteError] = useState<string | null>(null);
  const [ackedRun, setAckedRun] = useState<RepairRun | null>(null);
  // Only the newest request may write its answer: a slow old plan must not replace a fresh one.
  const request = useRef(0);

  const fetchPlan = useCallback(async () => {
    if (!connection) return;
    const n = ++request.current;
    setPlanning(true);
    setPlanError(null);
    const ack = await connection.planRepair();
    if (n !== request.current) return;
    setPlanning(false);
    if (ack.ok && ack.result) setPlan({ plan: ack.result, at: Date.now() });
    else
      setPlanError(
        ack.ok
          ? t("noPlanSent")
          : t("failed", { what: "plan", status: String(ack.status), error: errorText(ack) }),
      );
  }, [connection, t, errorText]);

  const run = currentRun(state.repair, ackedRun);

  // A finished repair changed the topology, so the plan on screen is stale: ask again, once per run.
  const finishedId = run && run.status !== "running" ? run.id : null;
  const seenFinished = useRef(finishedId);
  useEffect(() => {
    if (finishedId === seenFinished.current) return;
    seenFinished.current = finishedId;
    if (finishedId !== null && open) void fetchPlan();
  }, [finishedId, open, fetchPlan]);

  const refused = useWhyNot(state)("repair");
  const running = run?.status === "running";
  const shown = open ? plan?.plan : undefined;
  const noSteps = !shown || shown.steps.length === 0;
  const blocked = !connection
    ? "notConnected"
    : state.busy || running
      ? "busy"
      : planning
        ? "planning"
        : noSteps
          ? "noSteps"
          : null;
  const executeBlocked = refused ?? (blocked === null ? null : t("blocked", { why: blocked }));

  async function execute() {
    if (!connection || !shown) return;
    setExecuting(true);
    setExecuteError(null);
    const ack = await connection.executeRepair(shown.fingerprint);
    setExecuting(false);
    if (ack.ok && ack.result) setAckedRun(ack.result);
    else if (!ack.ok && ack.code === "cannot_repair") {
      // The server planned again and found no step it may run: its fresh plan, in the viewer's language,
      // says why better than the English summary the error carries.
      setExecuteError(t("cannotRepair"));
      void fetchPlan();
    } else if (!ack.ok)
      setExecuteError(t("failed", { what: "repair", status: String(ack.status), error: errorText(ack) }));
  }

  return (
    <Panel
      title={t("title")}
      hint={t("hint")}
      testId="repair-panel"
      className="shrink-0"
      bodyClassName="overflow-auto p-3"
      actions={
        <div className="flex items-center gap-2">
          {open ? (
            <button
              type="button"
              onClick={() => setOpen(false)}
              className="rounded-md px-2 py-1 text-xs text-slate-400 hover:text-slate-200"
            >
              {t("hide")}
            </button>
          ) : null}
          <button
            type="button"
            data-testid="repair-button"
            disabled={!connection || planning}
            onClick={() => {
              setOpen(true);
              void fetchPlan();
            }}
            className="rounded-md bg-sky-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-sky-500 disabled:cursor-not-allowed disabled:bg-slate-700 disabled:text-slate-400"
          >
            {planning ? t("planning") : t("plan")}
          </button>
          {/* The wrapper carries the tooltip because some browsers show none on a disabled button. */}
          <span title={executeBlocked ?? undefined}>
            <button
              type="button"
              data-testid="repair-execute"
              disabled={executeBlocked !== null || executing}
              onClick={() => void execute()}
              className="rounded-md bg-emerald-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-emerald-500 disabled:cursor-not-allowed disabled:bg-slate-700 disabled:text-slate-400"
            >
              {executing ? t("starting") : t("execute")}
            </button>
          </span>
        </div>
      }
    >
      <div className="flex flex-col gap-3">
        {refused ? (
          <p data-testid="repair-refused" className="text-sm text-slate-300">
            <span aria-hidden>⊘ </span>
            {refused}
          </p>
        ) : null}
        {planError ? (
          <p data-testid="repair-plan-error" className="text-sm text-red-300">
            {planError}
          </p>
        ) : null}
        {executeError ? (
          <p data-testid="repair-execute-error" className="text-sm text-red-300">
            {executeError}
          </p>
        ) : null}
        {run ? <RunProgress run={run} /> : null}
        {open && plan ? (
          <div className={planning ? "opacity-60 transition-opacity" : "transition-opacity"}>
            <PlanView plan={plan.plan} at={plan.at} />
          </div>
        ) : null}
        {!run && !open ? <p className="text-sm text-slate-400">{t("intro")}</p> : null}
      </div>
    </Panel>
  );
}

// useWhyNot reads the session and grants.
export const RepairPanel = memoOnState(RepairPanelPanel, ["repair", "busy", "session", "grants"]);
