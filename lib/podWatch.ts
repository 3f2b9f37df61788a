// The pod table's changes as `kubectl get pod -w` prints them: a header and the pods as first listed, then one
// line per change, newest at the bottom. kubectl writes through cli-runtime's tabwriter (liggitt/tabwriter:
// minwidth 6, padding 3, pad ' ', RememberWidths) and flushes after the first listing and after each watch
// event, so a column is as wide as the widest cell seen so far — a later `Terminating` widens STATUS from that
// line on while the lines above keep their old width. Pure: the caller keeps the PodWatch between pod lists.
import { kubectlAge } from "./format";
import { byPodName } from "./podOrder";
import type { PodState } from "./types";

const MIN_WIDTH = 6;
const PADDING = 3;
export const WATCH_COLUMNS = ["NAME", "READY", "STATUS", "RESTARTS", "AGE"] as const;

export interface PodWatch {
  /** Width of each padded column (all but the last) remembered across flushes. */
  widths: number[];
  header: string;
  /** Newest last, at most the caller's bound. */
  lines: string[];
}

// Container waiting/terminated reasons kubectl shows in STATUS instead of the phase.
const CONTAINER_REASONS = new Set([
  "ContainerCreating",
  "PodInitializing",
  "CrashLoopBackOff",
  "ErrImagePull",
  "ImagePullBackOff",
  "CreateContainerConfigError",
  "Error",
  "Completed",
  "OOMKilled",
]);

/** The STATUS column: the phase, or the container's reason where kubectl prints that (`ContainerCreating`). */
export function watchStatus(p: PodState): string {
  if (p.phase === "Terminating") return "Terminating";
  const reason = p.readyReason?.split(":")[0].trim();
  return reason && CONTAINER_REASONS.has(reason) ? reason : p.phase;
}

function cells(p: PodState, t: number): string[] {
  return [
    p.name,
    p.ready ? "1/1" : "0/1",
    watchStatus(p),
    String(p.restarts),
    // The page's estimate of server time can trail the server's own stamp by a moment: a new pod is 0s, not
    // kubectl's `<invalid>` for a clock far in the future.
    p.createdAt > 0 ? kubectlAge(Math.max(0, t - p.createdAt)) : "<unknown>",
  ];
}

/** One tabwriter flush: rows aligned among themselves and with every width remembered before. */
function flush(widths: readonly number[], rows: string[][]): { widths: number[]; lines: string[] } {
  const next = [...widths];
  for (const row of rows) {
    row.slice(0, -1).forEach((cell, i) => {
      next[i] = Math.max(next[i] ?? MIN_WIDTH, cell.length + PADDING);
    });
  }
  const lines = rows.map((row) =>
    row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(next[i]))).join(""),
  );
  return { widths: next, lines };
}

/** What `kubectl get pod -w` prints when started at `t`: the header and the current pods in one block. */
export function startPodWatch(pods: readonly PodState[], t: number): PodWatch {
  const rows = [[...WATCH_COLUMNS] as string[], ...[...pods].sort(byPodName).map((p) => cells(p, t))];
  const { widths, lines } = flush([], rows);
  return { widths, header: lines[0], lines: lines.slice(1) };
}

function changed(p: PodState, n: PodState): boolean {
  return (
    p.ready !== n.ready ||
    watchStatus(p) !== watchStatus(n) ||
    p.restarts !== n.restarts ||
    p.ip !== n.ip ||
    p.createdAt !== n.createdAt
  );
}

/**
 * The lines the watch adds between two consecutive pod lists seen at `t`: one per pod that appeared, changed
 * (READY, STATUS, RESTARTS, or a new IP or incarnation: each a watch event), or disappeared (kubectl prints a
 * deleted pod's last state). Each is its own flush. Keeps the newest `max` lines; the same object if none.
 */
export function advancePodWatch(
  watch: PodWatch,
  prev: readonly PodState[],
  next: readonly PodState[],
  t: number,
  max: number,
): PodWatch {
  const before = new Map(prev.map((p) => [p.name, p]));
  const after = new Set(next.map((n) => n.name));
  const events: PodState[] = [];
  for (const n of [...next].sort(byPodName)) {
    const p = before.get(n.name);
    if (!p || changed(p, n)) events.push(n);
  }
  for (const p of [...prev].sort(byPodName)) if (!after.has(p.name)) events.push(p);
  if (events.length === 0) return watch;

  let widths = watch.widths;
  const added: string[] = [];
  for (const pod of events) {
    const out = flush(widths, [cells(pod, t)]);
    widths = out.widths;
    added.push(out.lines[0]);
  }
  return { widths, header: watch.header, lines: [...watch.lines, ...added].slice(-max) };
}
