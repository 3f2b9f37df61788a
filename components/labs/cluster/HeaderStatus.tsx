"use client";
import { useTranslations } from "use-intl";
import type { DashboardState } from "@/lib/clientState";
import { failingKeys } from "@/lib/readHealth";
import { useServerNow } from "../../common/serverClock";
import { useDuration } from "../../i18n/useFormat";
import { useSamples } from "../../lab/samples";
import { topologyOf } from "@/lib/labs/cluster/state";

function ClusterStateBadge({ state }: { state: "ok" | "fail" | "unknown" }) {
  const style =
    state === "ok"
      ? "bg-green-500 text-green-950"
      : state === "fail"
        ? // Steady, with a ring: a pulse would make Chromium composite every frame for as long as it fails.
          "bg-red-600 text-white ring-4 ring-red-400/60"
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

/**
 * Redis says `cluster_state:ok` for the whole node timeout while reads of the dead master's keys fail; that gap
 * is the lesson, so it is shown right beside the badge, with how long and why.
 */
function ReadsFailing({ state }: { state: DashboardState }) {
  const t = useTranslations("header");
  const duration = useDuration();
  const keys = state.lab?.keys ?? [];
  const failing = failingKeys(useSamples(), keys);
  // The duration counts only while reads fail: a healthy header is not re-rendered every second.
  const now = useServerNow(1000, failing.length > 0);
  if (failing.length === 0 || !state.lab) return null;
  const marked = topologyOf(state.labState).nodes.some((n) => n.flags.includes("fail"));
  return (
    <span
      data-testid="reads-failing"
      role="status"
      className="rounded-lg border-2 border-red-500 bg-red-950/60 px-3 py-1 text-sm font-semibold text-red-100"
    >
      ⚠{" "}
      {t("readsFailing", {
        keys: failing.map((f) => f.key).join(", "),
        duration: duration(Math.max(0, now - failing[0].since)),
        marked: marked || topologyOf(state.labState).clusterState !== "ok" ? "yes" : "no",
        timeout: duration(state.lab.nodeTimeoutMs),
      })}
    </span>
  );
}

/** Lab B beside the title: Redis's own state, the reads that fail while it still says ok, and the timeout. */
export function ClusterHeaderStatus({ state }: { state: DashboardState }) {
  const t = useTranslations("header");
  const duration = useDuration();
  return (
    <>
      <ClusterStateBadge state={topologyOf(state.labState).clusterState} />
      <ReadsFailing state={state} />
      {state.lab ? (
        <span className="text-sm text-slate-300">
          {t("nodeTimeout")} <b className="font-mono text-white">{duration(state.lab.nodeTimeoutMs)}</b>
        </span>
      ) : null}
    </>
  );
}
