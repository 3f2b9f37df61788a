import type { RunSummary } from "./types";

const HEADER = [
  "run_id",
  "pod",
  "node_id",
  "role",
  "mode",
  "actor",
  "started_at",
  "status",
  "fail_after_ms",
  "promoted_after_ms",
  "cluster_ok_after_ms",
  "pod_ready_after_ms",
  "outcome",
  "returned_after_ms",
  "returned_node_id",
  "key",
  "lane",
  "downtime_ms",
  "failed_reads",
  "total_reads",
] as const;

/** One row per key and lane, the run's own columns repeated, so a spreadsheet can pivot on anything. */
export function runToCsv(run: RunSummary): string {
  const common = [
    run.id,
    run.pod,
    run.nodeId ?? "",
    run.role ?? "",
    run.mode,
    run.actor,
    new Date(run.startedAt).toISOString(),
    run.status,
    run.failAfterMs ?? "",
    run.promotedAfterMs ?? "",
    run.clusterOkAfterMs ?? "",
    run.podReadyAfterMs ?? "",
    run.outcome ?? "",
    run.returnedAfterMs ?? "",
    run.returnedNodeId ?? "",
  ];
  const rows = run.lanes.map((l) => [
    ...common,
    l.key,
    l.lane,
    Math.round(l.downtimeMs),
    l.failedReads,
    l.totalReads,
  ]);
  if (rows.length === 0) rows.push([...common, "", "", "", "", ""]);
  return [HEADER, ...rows].map((r) => r.map((c) => csvCell(String(c))).join(",")).join("\n") + "\n";
}

function csvCell(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
