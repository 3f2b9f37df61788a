"use client";
import { useTranslations } from "use-intl";
import type { DeleteMode, PodState } from "@/lib/types";

interface Props {
  pod: PodState;
  /** The permission table's reason this viewer may not delete / crash, or null. */
  refused: { delete: string | null; crash: string | null };
  connected: boolean;
  busy: boolean;
  pending: boolean;
  onDelete: (pod: string, mode: DeleteMode) => void;
}

export function DeleteControls({ pod, refused, connected, busy, pending, onDelete }: Props) {
  const t = useTranslations("pods");
  const state = !connected
    ? t("whyNotConnected")
    : busy
      ? t("whyBusy")
      : pod.phase !== "Running"
        ? t("whyPhase", { phase: pod.phase })
        : null;
  const why = refused.delete ?? state;
  const whyCrash = refused.crash ?? state;
  const disabled = why !== null || pending;
  return (
    // The wrapper carries the tooltip because some browsers show none on a disabled button.
    <span className="inline-flex gap-1" title={why ?? undefined}>
      <button
        type="button"
        data-testid={`delete-pod-${pod.name}`}
        disabled={disabled}
        title={why ?? t("deleteTitle", { pod: pod.name })}
        onClick={() => onDelete(pod.name, "graceful")}
        className="rounded-md bg-red-600 px-1.5 py-0.5 text-[13px] font-semibold whitespace-nowrap text-white hover:bg-red-500 disabled:cursor-not-allowed disabled:bg-slate-700 disabled:text-slate-400"
      >
        {pending ? t("deleting") : t("deleteButton")}
      </button>
      <button
        type="button"
        data-testid={`crash-pod-${pod.name}`}
        disabled={whyCrash !== null || pending}
        title={whyCrash ?? t("crashTitle")}
        aria-label={t("crashLabel", { pod: pod.name })}
        onClick={() => onDelete(pod.name, "crash")}
        className="rounded-md border border-red-500/70 px-1 py-0.5 text-xs font-semibold whitespace-nowrap text-red-300 hover:bg-red-500/20 disabled:cursor-not-allowed disabled:border-slate-700 disabled:text-slate-500"
      >
        {/* The pod table is narrow: the sign here, the words in the tooltip and the accessible name. */}
        <span aria-hidden>⚡</span>
      </button>
    </span>
  );
}
