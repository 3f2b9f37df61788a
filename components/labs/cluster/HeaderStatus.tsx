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
      // As wide for fail as for ok: the header's first row does not reflow when the state turns.
      className={`min-w-[18ch] rounded-lg px-3 py-1 text-center font-mono text-lg font-bold tracking-tight ${style}`}
    >
      cluster_state:{state}
    </span>
  );
}

/**
 * Redis says `cluster_state:ok` for the whole node timeout while reads of the dead master's keys fail; that gap
 * is the lesson, so it is shown under the badge, with how long and why. At most two lines in the header's status
 * strip, cut if it must be (the whole text in its title): it comes and goes with the failover, and
 * a header that grew a row with it moved every panel below (a full relayout and repaint of every page at the
 * moment reads fail and again when they return).
 */
export function ClusterHeaderAlert({ state }: { state: DashboardState }) {
  const t = useTranslations("header");
  const duration = useDuration();
  const keys = state.lab?.keys ?? [];
  const failing = failingKeys(useSamples(), keys);
  // The duration counts only while reads fail: a healthy header is not re-rendered every second.
  const now = useServerNow(1000, failing.length > 0);
  if (failing.length === 0 || !state.lab) return null;
  const topology = topologyOf(state.labState);
  const marked = topology.nodes.some((n) => n.flags.includes("fail")) || topology.clusterState !== "ok";
  const text = `⚠ ${t("readsFailing", {
    keys: failing.map((f) => f.key).join(", "),
    duration: duration(Math.max(0, now - failing[0].since)),
    marked: marked ? "yes" : "no",
    timeout: duration(state.lab.nodeTimeoutMs),
  })}`;
  return (
    <span
      data-testid="reads-failing"
      role="status"
      title={text}
      className="line-clamp-2 min-w-0 rounded-lg border-2 border-red-500 bg-red-950/60 px-3 py-0.5 text-[13px] leading-4 font-semibold text-red-100"
    >
      {text}
    </span>
  );
}

/** Lab B beside the title: Redis's own state and the node timeout. */
export function ClusterHeaderStatus({ state }: { state: DashboardState }) {
  const t = useTranslations("header");
  const duration = useDuration();
  return (
    <>
      <ClusterStateBadge state={topologyOf(state.labState).clusterState} />
      {state.lab ? (
        <span className="text-sm text-slate-300">
          {t("nodeTimeout")} <b className="font-mono text-white">{duration(state.lab.nodeTimeoutMs)}</b>
        </span>
      ) : null}
    </>
  );
}
