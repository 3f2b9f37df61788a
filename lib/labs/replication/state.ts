// Lab A's observed state: every pod's replication facts and the master's AOF files, each owned by its observer.
import type { AofSnapshot } from "../../aof/aofSnapshot";
import type { ReplicationState } from "../../types";
import type { LabStateSpec } from "../labStateSpec";

export interface ReplicationLabState {
  kind: "replication";
  replication: ReplicationState;
  /** null before the first read of the master's `appendonlydir/`. */
  aof: AofSnapshot | null;
}
/** The parts that changed, each whole: both are small and read about once a second. */
export interface ReplicationChange {
  kind: "replication";
  replication?: ReplicationState;
  aof?: AofSnapshot | null;
}

export const NO_REPLICATION: ReplicationState = { nodes: [] };

const EMPTY: ReplicationLabState = { kind: "replication", replication: NO_REPLICATION, aof: null };

/** Lab A's part of any lab's state: another lab's has none (its panels then draw nothing). */
function own(s: { kind: string }): ReplicationLabState {
  return s.kind === "replication" ? (s as ReplicationLabState) : EMPTY;
}

export function replicationOf(s: { kind: string }): ReplicationState {
  return own(s).replication;
}

export function aofOf(s: { kind: string }): AofSnapshot | null {
  return own(s).aof;
}

/** `s` with some of lab A's parts replaced (from lab A's empty state when `s` is another lab's). */
export function withReplication(
  s: { kind: string },
  parts: Partial<Omit<ReplicationLabState, "kind">>,
): ReplicationLabState {
  return { ...own(s), ...parts };
}

export const replicationStateSpec: LabStateSpec<ReplicationLabState, ReplicationChange> = {
  empty: () => EMPTY,
  diff: (prev, next) => {
    const c: ReplicationChange = { kind: "replication" };
    if (prev.replication !== next.replication) c.replication = next.replication;
    if (prev.aof !== next.aof) c.aof = next.aof;
    return "replication" in c || "aof" in c ? c : null;
  },
  apply: (s, { kind: _, ...parts }) => ({ ...s, ...parts }),
};
