// The `labState` stream's two ends: the server's delta against what browsers hold, the browser's apply.
import { LAB_DEFINITIONS } from ".";
import type { LabState, LabStateChange, LabStateDelta } from "./labState";

// Each lab's spec is typed by its own state and change (lib/labs/<kind>/state.ts); the registry lists them as
// the seam's, so what comes back is that lab's, named here by the union.

/** What turns `prev` (version `base`) into `next` (version `version`): the lab's own change, or `next` whole. */
export function labStateDelta(
  prev: LabState | null,
  next: LabState,
  base: number,
  version: number,
): LabStateDelta {
  if (!prev || prev.kind !== next.kind) return { base, version, full: next };
  const change = LAB_DEFINITIONS[next.kind].state.diff(prev, next) as LabStateChange | null;
  return change ? { base, version, change } : { base, version };
}

/** `next` may reach the browsers a little later than `prev` did: its lab says nothing the room watches moved. */
export function labStateCanWait(prev: LabState, next: LabState): boolean {
  if (prev.kind !== next.kind) return false;
  const { canWait } = LAB_DEFINITIONS[next.kind].state as { canWait?: (a: LabState, b: LabState) => boolean };
  return canWait?.(prev, next) ?? false;
}

export function emptyLabState(kind: LabState["kind"]): LabState {
  return LAB_DEFINITIONS[kind].state.empty() as LabState;
}

export function applyLabStateDelta(s: LabState, d: LabStateDelta): LabState {
  if (d.full) return d.full;
  return d.change ? (LAB_DEFINITIONS[s.kind].state.apply(s, d.change) as LabState) : s;
}
