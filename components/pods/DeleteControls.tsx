"use client";
import type { DeleteMode, PodState } from "@/lib/types";

interface Props {
  pod: PodState;
  canAct: boolean;
  busy: boolean;
  pending: boolean;
  onDelete: (pod: string, mode: DeleteMode) => void;
}

export function DeleteControls({ pod, canAct, busy, pending, onDelete }: Props) {
  const disabled = !canAct || busy || pending || pod.phase !== "Running";
  const why = !canAct
    ? "instructor only"
    : busy
      ? "another action is running"
      : pod.phase !== "Running"
        ? `pod is ${pod.phase}`
        : null;
  return (
    // The wrapper carries the tooltip because some browsers show none on a disabled button.
    <span className="inline-flex gap-1" title={why ?? undefined}>
      <button
        type="button"
        data-testid={`delete-pod-${pod.name}`}
        disabled={disabled}
        title={why ?? `kubectl delete pod ${pod.name} (SIGTERM, graceful)`}
        onClick={() => onDelete(pod.name, "graceful")}
        className="rounded-md bg-red-600 px-2 py-0.5 text-[13px] font-semibold text-white hover:bg-red-500 disabled:cursor-not-allowed disabled:bg-slate-700 disabled:text-slate-400"
      >
        {pending ? "deleting…" : "delete"}
      </button>
      <button
        type="button"
        data-testid={`crash-pod-${pod.name}`}
        disabled={disabled}
        title={why ?? "crash: SIGKILL, grace period 0"}
        aria-label={`crash ${pod.name} (SIGKILL)`}
        onClick={() => onDelete(pod.name, "crash")}
        className="rounded-md border border-red-500/70 px-1.5 py-0.5 text-xs font-semibold text-red-300 hover:bg-red-500/20 disabled:cursor-not-allowed disabled:border-slate-700 disabled:text-slate-500"
      >
        <span className="hidden 2xl:inline">crash</span>
        <span className="2xl:hidden">⚡</span>
      </button>
    </span>
  );
}
