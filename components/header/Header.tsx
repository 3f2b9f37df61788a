"use client";
import type { DashboardState } from "@/lib/clientState";
import { formatDuration } from "@/lib/format";
import { Badge } from "../common/Badge";
import { JoinQr } from "../join/JoinQr";

const LAB_TITLES = {
  cluster: "Redis Cluster failover",
  replication: "Master / replica persistence",
} as const;

function ConnectionStatus({ connected, error }: { connected: boolean; error: string | null }) {
  if (connected) {
    return (
      <span className="flex items-center gap-2 text-sm text-green-300" data-testid="connection-status">
        <span className="h-2.5 w-2.5 animate-pulse rounded-full bg-green-400" /> live
      </span>
    );
  }
  return (
    <span
      className="flex items-center gap-2 text-sm text-amber-300"
      data-testid="connection-status"
      title={error ?? undefined}
    >
      <span className="h-2.5 w-2.5 rounded-full bg-amber-400" />
      reconnecting…{error ? <span className="max-w-64 truncate text-amber-200/80">({error})</span> : null}
    </span>
  );
}

function ClusterStateBadge({ state }: { state: "ok" | "fail" | "unknown" }) {
  const style =
    state === "ok"
      ? "bg-green-500 text-green-950"
      : state === "fail"
        ? "bg-red-600 text-white animate-pulse"
        : "bg-slate-600 text-slate-100";
  return (
    <span
      data-testid="cluster-state"
      data-state={state}
      className={`rounded-lg px-3 py-1 font-mono text-lg font-bold tracking-tight ${style}`}
    >
      cluster_state:{state}
    </span>
  );
}

/** What the platform cannot see now: the pod table is then the last state the API gave, not the current one. */
function PlatformNotice({ status }: { status: DashboardState["platformStatus"] }) {
  const { apiUnreachable, logErrors } = status;
  if (!apiUnreachable && logErrors.length === 0) return null;
  return (
    <span data-testid="platform-notice" className="flex items-center gap-2 text-sm">
      {apiUnreachable ? (
        <span title={apiUnreachable.error} data-stale="true">
          <Badge tone="red">
            Kubernetes API unreachable since {new Date(apiUnreachable.since).toLocaleTimeString()}: pod states
            are stale
          </Badge>
        </span>
      ) : null}
      {logErrors.length ? (
        <span title={logErrors.map((e) => `${e.pod}: ${e.error}`).join("\n")}>
          <Badge tone="amber">logs refused: {logErrors.map((e) => e.pod).join(", ")}</Badge>
        </span>
      ) : null}
    </span>
  );
}

export function Header({ state }: { state: DashboardState }) {
  const { lab, session } = state;
  return (
    <header className="flex flex-wrap items-center gap-x-6 gap-y-2 border-b border-slate-800 bg-slate-950 px-5 py-2.5">
      <div className="flex items-baseline gap-3">
        <h1 className="text-2xl font-bold tracking-tight text-white">Failover Lab</h1>
        <span className="text-lg text-slate-300">{lab ? LAB_TITLES[lab.lab] : "connecting…"}</span>
      </div>
      {lab ? (
        <div className="flex items-center gap-2 text-sm text-slate-400">
          <Badge tone="sky">{lab.platform}</Badge>
          <span className="font-mono">{lab.scope}</span>
        </div>
      ) : null}
      <ClusterStateBadge state={state.topology.clusterState} />
      <PlatformNotice status={state.platformStatus} />
      {lab ? (
        <div className="flex gap-4 text-sm text-slate-300">
          <span>
            node timeout <b className="font-mono text-white">{formatDuration(lab.nodeTimeoutMs)}</b>
          </span>
          <span>
            probe every <b className="font-mono text-white">{formatDuration(lab.probeIntervalMs)}</b>
          </span>
        </div>
      ) : null}
      <div className="ml-auto flex items-center gap-4">
        {state.busy ? <Badge tone="amber">action running…</Badge> : null}
        {session ? (
          <span data-testid="viewer-role" data-role={session.role}>
            {session.role === "instructor" ? (
              <Badge tone="violet">
                instructor{session.name !== "instructor" ? ` · ${session.name}` : ""}
              </Badge>
            ) : (
              <Badge tone="slate">{session.canAct ? "student · may act" : "student (read-only)"}</Badge>
            )}
          </span>
        ) : null}
        <ConnectionStatus connected={state.connected} error={state.connectionError} />
        <JoinQr />
      </div>
    </header>
  );
}
