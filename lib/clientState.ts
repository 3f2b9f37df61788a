// The browser's copy of the lab: a snapshot, then deltas applied by a pure reducer, one rule per stream of
// lib/protocol.ts STREAMS but the probe samples (lib/sampleBuffer.ts: they arrive several times a second, and a
// change of this state re-renders every panel). Buffers are bounded, so a projector left open all day stays as
// fast as it was at the start.
import type { LabEvent } from "./events";
import { NO_GRANTS } from "./permissions";
import { applyLabStateDelta, emptyLabState } from "./labs/labStateDelta";
import { applyPresenceDelta } from "./presenceDelta";
import {
  type DecodedPayloads,
  type LabInfo,
  NO_GUIDE_FOCUS,
  type SessionInfo,
  type Snapshot,
  type StreamName,
} from "./protocol";
import { PLATFORM_OK, type PodState } from "./types";

const MAX_EVENTS = 1000;
const MAX_LOGS = 2000;
const MAX_RUNS = 100;
const MAX_POD_LISTS = 20;

/** One pod list as it arrived, numbered: the `kubectl get pod -w` view prints every one, not just the newest. */
export interface PodList {
  seq: number;
  pods: PodState[];
}

/** The snapshot's contents, kept current by deltas, plus what only the browser knows. */
export interface DashboardState extends Omit<Snapshot, "lab" | "samples"> {
  connected: boolean;
  connectionError: string | null;
  session: SessionInfo | null;
  lab: LabInfo | null;
  /**
   * The latest pod lists in arrival order, newest last. A page may render once for two updates that arrived
   * close together (a pod's Terminating, then Pending), and the watch view must still show both.
   */
  podLists: PodList[];
}

/** The streams this reducer applies: every one but the probe samples. */
export type StateStream = Exclude<StreamName, "probes">;

export type StreamAction = {
  [K in StateStream]: { type: "stream"; name: K; payload: DecodedPayloads[K] };
}[StateStream];

export type DashboardAction =
  | { type: "connected"; connected: boolean; error?: string | null }
  | { type: "session"; session: SessionInfo }
  | { type: "snapshot"; snapshot: Snapshot }
  | StreamAction;

export const initialDashboardState: DashboardState = {
  connected: false,
  connectionError: null,
  session: null,
  lab: null,
  pods: [],
  podLists: [],
  // Replaced by the first snapshot's, whatever lab runs.
  labState: emptyLabState("cluster"),
  labStateVersion: 0,
  events: [],
  seq: 0,
  runs: [],
  logs: [],
  busy: null,
  repair: null,
  settings: {
    autoRepair: false,
    persistence: null,
    canReset: false,
    choosesPersistence: true,
    resetAt: null,
  },
  platformStatus: PLATFORM_OK,
  grants: NO_GRANTS,
  presence: [],
  presenceVersion: 0,
  prediction: null,
  guide: NO_GUIDE_FOCUS,
};

type Apply = { [K in StateStream]: (state: DashboardState, payload: DecodedPayloads[K]) => DashboardState };

const APPLY: Apply = {
  pods: (s, pods) => ({ ...s, pods, podLists: pushPodList(s.podLists, pods) }),
  // A delta that does not follow the held version changes nothing: the connection asks for a snapshot instead.
  labState: (s, d) =>
    deltaFollows(s.labStateVersion, d) === "applies"
      ? { ...s, labState: applyLabStateDelta(s.labState, d), labStateVersion: d.version }
      : s,
  events: (s, events) => appendEvents(s, events),
  run: (s, run) =>
    s.runs.some((r) => r.id === run.id)
      ? { ...s, runs: s.runs.map((r) => (r.id === run.id ? run : r)) }
      : { ...s, runs: [run, ...s.runs].slice(0, MAX_RUNS) },
  logs: (s, logs) => ({ ...s, logs: appendBounded(s.logs, logs, MAX_LOGS) }),
  busy: (s, busy) => ({ ...s, busy }),
  repair: (s, repair) => ({ ...s, repair }),
  settings: (s, settings) => ({ ...s, settings }),
  platformStatus: (s, platformStatus) => ({ ...s, platformStatus }),
  grants: (s, grants) => ({ ...s, grants }),
  presence: (s, d) =>
    d.base === s.presenceVersion
      ? { ...s, presence: applyPresenceDelta(s.presence, d), presenceVersion: d.version }
      : s,
  prediction: (s, prediction) => ({ ...s, prediction }),
  guide: (s, guide) => ({ ...s, guide }),
};

export function dashboardReducer(state: DashboardState, action: DashboardAction): DashboardState {
  switch (action.type) {
    case "connected":
      return { ...state, connected: action.connected, connectionError: action.error ?? null };
    case "session":
      return { ...state, session: action.session };
    case "snapshot": {
      const s = action.snapshot;
      return {
        ...state,
        lab: s.lab,
        pods: s.pods,
        podLists: pushPodList(state.podLists, s.pods),
        labState: s.labState,
        labStateVersion: s.labStateVersion,
        events: s.events.slice(-MAX_EVENTS),
        seq: s.seq,
        runs: s.runs.slice(0, MAX_RUNS),
        logs: s.logs.slice(-MAX_LOGS),
        busy: s.busy,
        repair: s.repair,
        settings: s.settings,
        platformStatus: s.platformStatus ?? PLATFORM_OK,
        grants: s.grants,
        presence: s.presence,
        presenceVersion: s.presenceVersion ?? 0,
        prediction: s.prediction ?? null,
        guide: s.guide ?? NO_GUIDE_FOCUS,
      };
    }
    case "stream":
      return (APPLY[action.name] as (s: DashboardState, p: unknown) => DashboardState)(state, action.payload);
  }
}

function pushPodList(lists: PodList[], pods: PodState[]): PodList[] {
  const seq = (lists.at(-1)?.seq ?? 0) + 1;
  return [...lists, { seq, pods }].slice(-MAX_POD_LISTS);
}

/** Events already in the snapshot (a batch that crossed it on the wire) are not appended twice. */
function appendEvents(state: DashboardState, events: LabEvent[]): DashboardState {
  const fresh = events.filter((e) => e.seq > state.seq);
  if (fresh.length === 0) return state;
  return {
    ...state,
    events: appendBounded(state.events, fresh, MAX_EVENTS),
    seq: fresh[fresh.length - 1].seq,
  };
}

function appendBounded<T>(list: T[], add: T[], max: number): T[] {
  const next = list.concat(add);
  return next.length > max ? next.slice(next.length - max) : next;
}

/** What a delta of a versioned stream (the lab's state, presence) means to a browser holding `heldVersion`: it
 * `applies`, it is `stale` (one the snapshot already contains, sent before it), or there is a `gap` (it missed
 * one) and must ask for a snapshot.
 */
export function deltaFollows(
  heldVersion: number,
  d: { base: number; version: number },
): "applies" | "stale" | "gap" {
  if (d.base === heldVersion) return "applies";
  return d.version <= heldVersion ? "stale" : "gap";
}

/** True when a batch does not continue the sequence the browser holds: it missed events and must resync. */
export function missedEvents(heldSeq: number, batch: readonly LabEvent[]): boolean {
  return batch.length > 0 && batch[0].seq > heldSeq + 1;
}
