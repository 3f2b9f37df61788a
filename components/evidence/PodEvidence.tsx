"use client";
import { type ReactNode, useCallback, useEffect, useRef, useState } from "react";
import { useTranslations } from "use-intl";
import type { DashboardState } from "@/lib/clientState";
import { clockTime } from "@/lib/format";
import type { Ack, PodEvidence as PodEvidenceData } from "@/lib/protocol";
import { Badge } from "../common/Badge";
import { useErrorText } from "../i18n/useErrorText";
import type { LabConnection } from "../lab/LabConnection";
import type { EvidenceViewProps } from "./types";

interface Props {
  state: DashboardState;
  connection: LabConnection | null;
  pod: string;
  onClose: () => void;
  /** The running lab's reading of the pod's answer. */
  Evidence: (p: EvidenceViewProps) => ReactNode;
}

/** "Explain" on a pod: what its own Redis says, read now; the running lab decides what that is and how it reads. */
export function PodEvidence({ state, connection, pod, onClose, Evidence }: Props) {
  const t = useTranslations("evidence");
  const errorText = useErrorText();
  // Keyed by pod, so switching pods never shows the previous pod's answer for a moment.
  const [answer, setAnswer] = useState<{ pod: string; ack: Ack<PodEvidenceData> } | null>(null);
  const [loading, setLoading] = useState(false);
  const request = useRef(0);
  const closeButton = useRef<HTMLButtonElement>(null);

  const load = useCallback(async () => {
    if (!connection) return;
    const n = ++request.current;
    setLoading(true);
    const ack = await connection.evidence(pod);
    if (n !== request.current) return;
    setLoading(false);
    setAnswer({ pod, ack });
  }, [connection, pod]);

  useEffect(() => {
    void load();
  }, [load]);

  // The dashboard re-renders many times a second; a fresh onClose each time must not re-run the focus.
  const latestOnClose = useRef(onClose);
  useEffect(() => {
    latestOnClose.current = onClose;
  });
  useEffect(() => {
    closeButton.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") latestOnClose.current();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  const ack = answer?.pod === pod ? answer.ack : null;
  const evidence = ack?.ok ? (ack.result ?? null) : null;
  const failure = ack && !ack.ok ? t("readFailed", { pod, error: errorText(ack) }) : null;
  const podState = state.pods.find((p) => p.name === pod);
  const ip = evidence?.ip ?? podState?.ip ?? null;
  const host = ip ?? pod;

  return (
    <div
      className="fixed inset-0 z-50 flex items-start justify-center overflow-y-auto bg-black/70 p-4 backdrop-blur-sm"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
    >
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby="pod-evidence-title"
        data-testid="pod-evidence"
        data-pod={pod}
        className="flex w-full max-w-7xl flex-col gap-3 rounded-xl border border-slate-700 bg-slate-900 p-4 shadow-2xl shadow-black/60"
      >
        <header className="flex flex-wrap items-center gap-3">
          <h2 id="pod-evidence-title" className="text-lg font-semibold text-white">
            {t("title", { pod, ready: podState?.ready ? "yes" : "no" })}
          </h2>
          {podState ? (
            <Badge tone={podState.ready ? "green" : "red"} className="font-mono text-sm">
              {podState.ready ? "1/1" : "0/1"}
            </Badge>
          ) : null}
          {podState?.readyReason ? (
            <span className="font-mono text-sm text-red-300" title={t("probePrinted")}>
              {podState.readyReason}
            </span>
          ) : null}
          <span className="font-mono text-sm text-slate-400">{ip ?? t("noIp")}</span>
          <span className="ml-auto flex items-center gap-2">
            {evidence ? (
              <span className="text-xs text-slate-500">{t("readAt", { time: clockTime(evidence.at) })}</span>
            ) : null}
            <button
              type="button"
              data-testid="pod-evidence-refresh"
              disabled={!connection || loading}
              onClick={() => void load()}
              className="rounded-md border border-slate-600 bg-slate-800 px-2.5 py-1 text-sm font-semibold text-slate-100 hover:bg-slate-700 disabled:cursor-not-allowed disabled:text-slate-500"
            >
              {loading ? t("reading") : t("refresh")}
            </button>
            <button
              ref={closeButton}
              type="button"
              data-testid="pod-evidence-close"
              onClick={onClose}
              aria-label={t("close")}
              className="rounded-md px-2 py-1 text-lg leading-none text-slate-400 hover:bg-slate-800 hover:text-white"
            >
              ✕
            </button>
          </span>
        </header>

        {failure || evidence?.error ? (
          <p data-testid="pod-evidence-error" className="text-sm text-red-300">
            {failure ?? t("redisError", { pod, error: evidence?.error ?? "" })}
          </p>
        ) : null}
        {!connection ? <p className="text-sm text-slate-400">{t("notConnected")}</p> : null}

        <Evidence state={state} pod={pod} host={host} evidence={evidence} loading={loading} />
      </div>
    </div>
  );
}
