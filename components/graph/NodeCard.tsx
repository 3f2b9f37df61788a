"use client";
import { useTranslations } from "use-intl";
import { countSlots, formatSlots } from "@/lib/slots";
import { shortId } from "@/lib/topologyDiff";
import type { NodeSummary } from "@/lib/types";
import { Badge, type Tone } from "../common/Badge";
import { useNodeColor } from "../common/nodeColors";

const FLAG_TONES: Record<string, Tone> = {
  fail: "red",
  pfail: "orange",
  myself: "sky",
  handshake: "violet",
  noaddr: "amber",
  nofailover: "slate",
};

interface Props {
  node: NodeSummary;
  /** A replica-promoted event names this node: the moment the lab is about. */
  promoted: boolean;
  note?: string;
}

export function NodeCard({ node, promoted, note }: Props) {
  const t = useTranslations("graph");
  const color = useNodeColor();
  const failed = node.flags.includes("fail");
  const suspect = node.flags.includes("pfail");
  const frame = failed
    ? "border-red-500 bg-red-950/60 ring-2 ring-red-500/60"
    : suspect
      ? "border-orange-400 bg-orange-950/40"
      : node.pod === null
        ? "border-dashed border-orange-400 bg-slate-800/60"
        : promoted && node.role === "master"
          ? "border-emerald-400 bg-emerald-950/40 ring-2 ring-emerald-400/60 shadow-[0_0_24px_rgba(52,211,153,0.35)]"
          : "border-slate-700 bg-slate-800/60";
  return (
    <div
      data-testid={`graph-node-${node.id}`}
      data-role={node.role}
      data-flags={node.flags.join(" ")}
      data-promoted={promoted ? "true" : undefined}
      className={`relative overflow-hidden rounded-lg border pl-3 ${frame}`}
      title={node.id}
    >
      <span className="absolute inset-y-0 left-0 w-1.5" style={{ background: color(node.id) }} />
      <div className="px-2 py-1.5">
        <div className="flex flex-wrap items-center gap-1.5">
          <span
            className={`font-mono text-[15px] font-bold ${failed ? "text-red-300 line-through decoration-2" : "text-white"}`}
          >
            {shortId(node.id)}
          </span>
          <Badge tone={node.role === "master" ? "sky" : "slate"}>{t(node.role)}</Badge>
          {node.flags.map((f) => (
            <Badge
              key={f}
              tone={FLAG_TONES[f] ?? "slate"}
              className={f === "fail" ? "text-sm uppercase" : ""}
            >
              {f}
            </Badge>
          ))}
          {promoted && node.role === "master" ? <Badge tone="emerald">{t("promoted")}</Badge> : null}
        </div>
        <div className="mt-0.5 text-sm [overflow-wrap:anywhere]">
          {node.pod ? (
            // One text: the line breaks after a dash (`ds-redis-redis-` / `cluster-0`, CSS line breaking), and
            // inside a word only where a part cannot fit.
            <span className="font-mono text-[12px] text-slate-200">{node.pod}</span>
          ) : (
            <span className="text-red-300 italic">{t("noPod")}</span>
          )}
        </div>
        <div className="flex flex-wrap gap-x-3 font-mono text-[11px] text-slate-400 sm:text-xs">
          {/* A phone gives each of three shards a third of 390 px: the port goes to its own line before the
              IP is cut, and a longer pod IP breaks where it must rather than disappear under the edge. */}
          <span data-testid="node-address" className="min-w-0 [overflow-wrap:anywhere]">
            {node.ip || "?"}
            <wbr />:{node.port}
          </span>
          <span>{t("epoch", { n: String(node.configEpoch) })}</span>
        </div>
        {node.role === "master" ? (
          <div className={`font-mono text-xs ${node.slots.length ? "text-slate-200" : "text-amber-300"}`}>
            {node.slots.length
              ? t("slots", { ranges: formatSlots(node.slots), n: countSlots(node.slots) })
              : t("noSlots")}
          </div>
        ) : null}
        {note ? <div className="text-xs text-amber-200">{note}</div> : null}
      </div>
    </div>
  );
}
