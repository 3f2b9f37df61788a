"use client";
import { useTranslations } from "use-intl";
import type { DashboardState } from "@/lib/clientState";
import { memoOnState } from "../common/memoOnState";
import { clockTime } from "@/lib/format";
import { Badge } from "../common/Badge";
import { useDuration } from "../i18n/useFormat";
import { usePermissions } from "../lab/usePermissions";
import { LangSwitch } from "../i18n/LangSwitch";
import { JoinQr } from "../join/JoinQr";
import { NameBadge, NamePrompt } from "../classroom/NamePicker";
import { ProjectorToggle } from "../classroom/Projector";
import type { LabConnection } from "../lab/LabConnection";
import { LAB_VIEWS } from "../labs";

function ConnectionStatus({ connected, error }: { connected: boolean; error: string | null }) {
  const t = useTranslations("header");
  if (connected) {
    // A steady dot: an endless pulse makes Chromium composite every frame of an idle page (DESIGN §7: ≤ 5 %).
    return (
      <span className="flex items-center gap-2 text-sm text-green-300" data-testid="connection-status">
        <span aria-hidden className="h-2.5 w-2.5 rounded-full bg-green-400" /> {t("live")}
      </span>
    );
  }
  return (
    <span
      className="flex items-center gap-2 text-sm text-amber-300"
      data-testid="connection-status"
      title={error ?? undefined}
    >
      <span aria-hidden className="h-2.5 w-2.5 rounded-full bg-amber-400" />
      {t("reconnecting")}
      {error ? <span className="max-w-64 truncate text-amber-200/80">({error})</span> : null}
    </span>
  );
}

/** What the platform cannot see now: the pod table is then the last state the API gave, not the current one. */
function PlatformNotice({ status }: { status: DashboardState["platformStatus"] }) {
  const t = useTranslations("header");
  const { apiUnreachable, logErrors } = status;
  if (!apiUnreachable && logErrors.length === 0) return null;
  return (
    <span data-testid="platform-notice" className="flex items-center gap-2 text-sm">
      {apiUnreachable ? (
        <span title={apiUnreachable.error} data-stale="true">
          <Badge tone="red">{t("apiUnreachable", { since: clockTime(apiUnreachable.since, false) })}</Badge>
        </span>
      ) : null}
      {logErrors.length ? (
        <span title={logErrors.map((e) => `${e.pod}: ${e.error}`).join("\n")}>
          <Badge tone="amber">{t("logsRefused", { pods: logErrors.map((e) => e.pod).join(", ") })}</Badge>
        </span>
      ) : null}
    </span>
  );
}

function HeaderPanel({
  state,
  tokenRejected,
  connection,
}: {
  state: DashboardState;
  tokenRejected: boolean;
  connection: LabConnection | null;
}) {
  const { lab, session, busy } = state;
  const t = useTranslations("header");
  const tApp = useTranslations("app");
  const duration = useDuration();
  const can = usePermissions(state);
  const { HeaderStatus, HeaderAlert } = LAB_VIEWS[lab?.lab ?? "cluster"];
  const busyText = busy ? t("busy", { action: busy.action, actor: busy.actor, pod: busy.pod ?? "" }) : "";
  return (
    // Two rows that keep their height through a failover: what comes and goes (reads failing, an action running)
    // has its own fixed-height strip in the second row instead of wrapping into a new one, which moved every panel
    // below by a row (measured 109 -> 149 px, a relayout and repaint of the whole page in every browser, twice).
    <header className="flex flex-col gap-y-2 border-b border-slate-800 bg-slate-950 px-5 py-2.5">
      <div className="flex flex-wrap items-center gap-x-6 gap-y-2">
        <div className="flex items-baseline gap-3">
          <h1 className="text-2xl font-bold tracking-tight text-white">{tApp("title")}</h1>
          <span className="text-lg text-slate-300">
            {lab ? t("labTitle", { lab: lab.lab }) : t("connecting")}
          </span>
        </div>
        {lab ? (
          <div className="flex min-w-0 flex-wrap items-center gap-2 text-sm text-slate-400">
            <Badge tone="sky">{lab.platform}</Badge>
            <span className="font-mono">{lab.scope}</span>
            {lab.requireFullCoverage !== null ? (
              <span title={t("fullCoverageHint")} data-testid="full-coverage" className="font-mono">
                <Badge tone={lab.requireFullCoverage ? "slate" : "amber"}>
                  {/* Redis's own config line: the same in every language. */}
                  <code>cluster-require-full-coverage {lab.requireFullCoverage ? "yes" : "no"}</code>
                </Badge>
              </span>
            ) : null}
          </div>
        ) : null}
        {/* What the running lab says of itself beside the title (lab B: cluster_state and the node timeout). */}
        {lab ? <HeaderStatus state={state} /> : null}
        <PlatformNotice status={state.platformStatus} />
        {lab ? (
          <div className="flex gap-4 text-sm text-slate-300">
            <span>
              {t("probeEvery")} <b className="font-mono text-white">{duration(lab.probeIntervalMs)}</b>
            </span>
          </div>
        ) : null}
      </div>
      <div className="flex flex-wrap items-center gap-x-6 gap-y-2 lg:flex-nowrap">
        <div data-testid="header-alerts" className="flex min-w-0 flex-1 items-center gap-3 lg:h-12">
          {lab && HeaderAlert ? <HeaderAlert state={state} /> : null}
          {busy ? (
            <span data-testid="busy" className="min-w-0" title={busyText}>
              <Badge tone="amber" wraps>
                {busyText}
              </Badge>
            </span>
          ) : null}
        </div>
        <div className="ml-auto flex min-w-0 flex-wrap items-center gap-x-4 gap-y-2 lg:shrink-0 lg:flex-nowrap">
          {session ? (
            <span data-testid="viewer-role" data-role={session.role}>
              {session.role === "instructor" ? (
                <Badge tone="violet">
                  {t("instructor")}
                  {session.name !== "instructor" ? ` · ${session.name}` : ""}
                </Badge>
              ) : (
                <Badge tone="slate">
                  {Object.values(can).some(Boolean) ? t("studentMayAct") : t("student")}
                </Badge>
              )}
            </span>
          ) : null}
          <NameBadge session={session} connection={connection} />
          <ConnectionStatus connected={state.connected} error={state.connectionError} />
          <LangSwitch />
          <ProjectorToggle />
          <JoinQr instructor={session?.role === "instructor"} join={session?.join ?? null} />
        </div>
      </div>
      <NamePrompt session={session} connection={connection} />
      {tokenRejected ? (
        <p
          role="alert"
          data-testid="token-rejected"
          className="w-full rounded-md bg-amber-900/60 px-3 py-1 text-sm text-amber-100"
        >
          {tApp("tokenRejected")}
        </p>
      ) : null}
    </header>
  );
}

// usePermissions reads the session and grants; the lab's HeaderStatus its lab state (lab B) or settings (lab A).
export const Header = memoOnState(HeaderPanel, [
  "lab",
  "session",
  "busy",
  "connected",
  "connectionError",
  "platformStatus",
  "grants",
  "labState",
  "settings",
]);
