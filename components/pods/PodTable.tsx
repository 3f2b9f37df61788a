"use client";
import { Fragment, useState } from "react";
import { byPodName } from "@/lib/podOrder";
import { useTranslations } from "use-intl";
import type { PodList } from "@/lib/clientState";
import type { Ack } from "@/lib/protocol";
import { kubectlAge } from "@/lib/format";
import { formatSlots } from "@/lib/slots";
import { shortId } from "@/lib/topologyDiff";
import type { DeleteMode, NodeSummary, PodState } from "@/lib/types";
import { Panel } from "../common/Panel";
import { useNodeColor } from "../common/nodeColors";
import { useServerNow } from "../common/serverClock";
import { shortPod } from "../common/podName";
import { useErrorText } from "../i18n/useErrorText";
import type { DeleteRights } from "../lab/usePermissions";
import { DeleteControls } from "./DeleteControls";
import { rememberIps, type IpMemo } from "./ipMemory";
import { PodWatchLines } from "./PodWatchLines";
import { usePodWatch } from "./usePodWatch";

const IP_FLASH_MS = 8000;

interface Props {
  pods: PodState[];
  /** Every pod list as it arrived, for the `kubectl get pod -w` view. */
  podLists: PodList[];
  nodes: NodeSummary[];
  /** Why this viewer may not delete / crash pods now (the permission table's reason), and whether to show the buttons. */
  refused: DeleteRights;
  busy: boolean;
  deletePod: ((pod: string, mode: DeleteMode) => Promise<Ack<{ runId: string }>>) | null;
  /** Opens the evidence of why a pod is not ready (its own CLUSTER INFO / CLUSTER NODES). */
  onExplain?: (pod: string) => void;
  /** Offers the evidence of ready pods too: in lab A whom a pod follows and what it keeps matters at any time. */
  explainReady?: boolean;
}

const PHASE_STYLE: Record<PodState["phase"], string> = {
  Running: "text-green-300",
  Terminating: "text-amber-300",
  Pending: "text-slate-400",
};

function RoleCell({ node, nodes }: { node: NodeSummary | undefined; nodes: NodeSummary[] }) {
  const t = useTranslations("pods");
  const color = useNodeColor();
  if (!node) return <span className="text-slate-500">—</span>;
  const swatch = <span className="h-2.5 w-2.5 shrink-0 rounded-sm" style={{ background: color(node.id) }} />;
  if (node.role === "replica") {
    const master = nodes.find((n) => n.id === node.masterId);
    return (
      <span
        className="flex items-center gap-1 whitespace-nowrap text-slate-300"
        title={t("replicaTitle", {
          id: node.id,
          master: master?.pod ? shortPod(master.pod) : node.masterId ? shortId(node.masterId) : "?",
        })}
      >
        {swatch}
        {t("replica")}
      </span>
    );
  }
  return (
    <span
      className="flex flex-wrap items-center gap-x-1 font-semibold whitespace-nowrap text-white"
      title={t("masterTitle", { id: node.id, slots: node.slots.length ? formatSlots(node.slots) : "none" })}
    >
      <span className="flex items-center gap-1">
        {swatch}
        {t("master")}
      </span>
      {node.slots.length === 0 ? (
        <span className="text-xs font-normal text-amber-300">{t("noSlots")}</span>
      ) : null}
    </span>
  );
}

export function PodTable({
  pods,
  podLists,
  nodes,
  refused,
  busy,
  deletePod,
  onExplain,
  explainReady,
}: Props) {
  const t = useTranslations("pods");
  const errorText = useErrorText();
  const now = useServerNow(1000);
  const watch = usePodWatch(podLists, now);
  const [watchOpen, setWatchOpen] = useState(false);
  const [ips, setIps] = useState<Record<string, IpMemo>>({});
  const [pending, setPending] = useState<string | null>(null);
  const [ackError, setAckError] = useState<string | null>(null);

  // Derived state: remember IPs across renders so a recreated pod's new IP can be pointed out.
  const remembered = rememberIps(ips, pods, now);
  if (remembered !== ips) setIps(remembered);

  const sorted = [...pods].sort(byPodName);

  async function onDelete(pod: string, mode: DeleteMode) {
    if (!deletePod) return;
    setPending(pod);
    setAckError(null);
    const ack = await deletePod(pod, mode);
    setPending(null);
    if (!ack.ok) setAckError(t("deleteFailed", { pod, error: errorText(ack) }));
  }

  return (
    <Panel
      title={t("title")}
      hint={t("hint")}
      testId="pod-table"
      className="shrink-0"
      bodyClassName="overflow-auto"
      actions={
        <button
          type="button"
          data-testid="pod-watch-toggle"
          aria-pressed={watchOpen}
          title={t("watchTitle")}
          onClick={() => setWatchOpen((o) => !o)}
          className={`rounded-md border px-2 py-0.5 font-mono text-xs ${
            watchOpen
              ? "border-sky-400/70 bg-sky-500/15 text-sky-100"
              : "border-slate-700 text-slate-300 hover:bg-slate-800"
          }`}
        >
          $ {t("watchShow")}
        </button>
      }
    >
      <table className="w-full text-left text-[13px]">
        <thead className="text-[11px] text-slate-400 uppercase">
          <tr className="border-b border-slate-800">
            <th className="py-1.5 pr-1 pl-2 font-medium">{t("colName")}</th>
            <th className="px-[2px] py-1.5 font-medium">{t("colReady")}</th>
            <th className="px-[2px] py-1.5 font-medium">{t("colStatus")}</th>
            <th className="hidden px-[2px] py-1.5 text-right text-[10px] font-medium tracking-tight sm:table-cell">
              {t("colRestarts")}
            </th>
            <th className="hidden px-[2px] py-1.5 text-right font-medium sm:table-cell">{t("colAge")}</th>
            <th className="px-[2px] py-1.5 font-medium">{t("colIp")}</th>
            <th className="hidden px-[2px] py-1.5 font-medium sm:table-cell">{t("colNode")}</th>
            <th className="px-[2px] py-1.5 font-medium">{t("colRole")}</th>
            <th className="px-[2px] py-1.5 font-medium" />
          </tr>
        </thead>
        <tbody>
          {sorted.map((pod) => {
            const node = nodes.find((n) => n.pod === pod.name);
            const memo = ips[pod.name];
            const flashing = memo?.changedAt != null && now - memo.changedAt < IP_FLASH_MS;
            return (
              <Fragment key={pod.name}>
                <tr
                  data-testid={`pod-row-${pod.name}`}
                  data-ready={String(pod.ready)}
                  data-phase={pod.phase}
                  className={`align-top ${pod.ready ? "border-b border-slate-800/70" : ""} ${
                    flashing ? "bg-amber-400/20" : pod.ready ? "" : "bg-red-950/40"
                  }`}
                >
                  <td className="py-1.5 pr-1 pl-2 font-mono text-[11px] whitespace-nowrap text-slate-100">
                    {/* A phone has room for the part that tells the pods apart. */}
                    <span className="hidden sm:inline">{pod.name}</span>
                    <span className="sm:hidden" title={pod.name}>
                      {shortPod(pod.name)}
                    </span>
                  </td>
                  <td
                    className={`px-[2px] py-1.5 font-mono font-bold ${pod.ready ? "text-green-300" : "text-red-400"}`}
                  >
                    {pod.ready ? "1/1" : "0/1"}
                  </td>
                  <td className={`px-[2px] py-1.5 ${pod.reason ? "text-red-400" : PHASE_STYLE[pod.phase]}`}>
                    {pod.reason ?? pod.phase}
                  </td>
                  <td className="hidden px-[2px] py-1.5 text-right font-mono text-slate-300 sm:table-cell">
                    {pod.restarts}
                  </td>
                  <td className="hidden px-[2px] py-1.5 text-right font-mono text-slate-300 sm:table-cell">
                    <AgeText ms={now - pod.createdAt} />
                  </td>
                  <td className="px-[2px] py-1.5 font-mono text-[11px] whitespace-nowrap">
                    <span className={flashing ? "font-bold text-amber-200" : "text-slate-200"}>
                      {pod.ip ?? "<none>"}
                    </span>
                    {memo?.previous && pod.ip === memo.ip ? (
                      <div className="text-[11px] text-slate-500 line-through" title={t("previousIp")}>
                        {memo.previous}
                      </div>
                    ) : null}
                  </td>
                  <td
                    className="hidden max-w-24 truncate px-[2px] py-1.5 font-mono text-xs whitespace-nowrap text-slate-300 sm:table-cell"
                    title={pod.node ?? undefined}
                    data-raw
                  >
                    {pod.node ?? "<none>"}
                  </td>
                  <td className="px-[2px] py-1.5">
                    <RoleCell node={node} nodes={nodes} />
                  </td>
                  <td className="py-1.5 pr-1 text-right whitespace-nowrap">
                    {explainReady && onExplain && pod.phase === "Running" && pod.ready ? (
                      <button
                        type="button"
                        className="mr-1 rounded border border-sky-400/50 px-2 py-0.5 text-xs text-sky-200 hover:bg-sky-900/60"
                        data-testid={`explain-pod-${pod.name}`}
                        onClick={() => onExplain(pod.name)}
                      >
                        {t("explain")}
                      </button>
                    ) : null}
                    {refused.shown ? (
                      <DeleteControls
                        pod={pod}
                        refused={refused}
                        connected={deletePod !== null}
                        busy={busy}
                        pending={pending === pod.name}
                        onDelete={onDelete}
                      />
                    ) : null}
                  </td>
                </tr>
                {!pod.ready && pod.readyReason ? (
                  <tr className="bg-red-950/40">
                    <td
                      colSpan={9}
                      className="px-3 pb-1.5 font-mono text-[13px] text-red-300"
                      data-testid={`not-ready-reason-${pod.name}`}
                    >
                      {t("notReady")}{" "}
                      {/* The chart's probe script's own output (`Timed out`, redis-cli's error, cluster_state:…):
                          quoted as it prints it, in every language. */}
                      <samp data-raw translate="no">
                        {pod.readyReason}
                      </samp>
                      {onExplain && pod.phase === "Running" ? (
                        <button
                          type="button"
                          className="ml-3 rounded border border-red-400/50 px-2 py-0.5 font-sans text-xs text-red-200 hover:bg-red-900/60"
                          data-testid={`explain-pod-${pod.name}`}
                          onClick={() => onExplain(pod.name)}
                        >
                          {t("whyNotReady")}
                        </button>
                      ) : null}
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
          {sorted.length === 0 ? (
            <tr>
              <td colSpan={9} className="px-3 py-6 text-center text-slate-500">
                {t("empty")}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {refused.delete && sorted.length ? (
        // Said once under the table, not only in each button's tooltip: a phone shows no tooltips.
        <p data-testid="delete-refused" className="m-2 text-sm text-slate-300">
          <span aria-hidden>⊘ </span>
          {refused.delete}
        </p>
      ) : null}
      {ackError ? (
        <p
          role="alert"
          data-testid="delete-error"
          className="m-2 rounded-md bg-red-950 px-3 py-2 text-sm text-red-200"
        >
          {ackError}
        </p>
      ) : null}
      {watchOpen ? <PodWatchLines watch={watch} /> : null}
    </Panel>
  );
}

/**
 * AGE changes every second: in a box sized by its character count (the cell is monospace) with size and layout
 * containment, a new value lays out and paints only the box, not the whole table; the table lays out again only
 * when the length changes (9s → 10s, 2m59s → 3m).
 */
function AgeText({ ms }: { ms: number }) {
  const age = kubectlAge(ms);
  return (
    <span
      className="inline-block h-[1lh] align-top [contain:size_layout]"
      style={{ width: `${age.length}ch` }}
    >
      {age}
    </span>
  );
}
