// The browser's copy of the lab: a snapshot, then deltas applied by a pure reducer. Buffers are bounded so a
// projector left open all day stays as fast as it was at the start.
import { decodeSamples } from "./probeWire";
import type { LabInfo, LabSettings, LogLine, RepairRun, SessionInfo, Snapshot } from "./protocol";
import {
  PLATFORM_OK,
  type LabEvent,
  type PlatformStatus,
  type PodState,
  type ProbeSample,
  type RunSummary,
  type Topology,
} from "./types";

export const SAMPLE_WINDOW_MS = 30 * 60_000;
const MAX_EVENTS = 1000;
const MAX_LOGS = 2000;
const MAX_RUNS = 100;

/** The snapshot's contents, kept current by deltas, plus what only the browser knows. */
export interface DashboardState extends Omit<Snapshot, "lab" | "samples"> {
  samples: ProbeSample[];
  connected: boolean;
  connectionError: string | null;
  session: SessionInfo | null;
  lab: LabInfo | null;
}

export type DashboardAction =
  | { type: "connected"; connected: boolean; error?: string | null }
  | { type: "session"; session: SessionInfo }
  | { type: "snapshot"; snapshot: Snapshot }
  | { type: "pods"; pods: PodState[] }
  | { type: "topology"; topology: Topology }
  | { type: "probes"; samples: ProbeSample[] }
  | { type: "events"; events: LabEvent[] }
  | { type: "run"; run: RunSummary }
  | { type: "logs"; logs: LogLine[] }
  | { type: "busy"; busy: boolean }
  | { type: "repair"; repair: RepairRun }
  | { type: "settings"; settings: LabSettings }
  | { type: "platformStatus"; platformStatus: PlatformStatus };

export const initialDashboardState: DashboardState = {
  connected: false,
  connectionError: null,
  session: null,
  lab: null,
  pods: [],
  topology: { nodes: [], clusterState: "unknown", views: [] },
  samples: [],
  events: [],
  runs: [],
  logs: [],
  busy: false,
  repair: null,
  settings: { autoRepair: false, persistence: null, canReset: false },
  platformStatus: PLATFORM_OK,
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
        topology: s.topology,
        samples: decodeSamples(s.samples),
        events: s.events.slice(-MAX_EVENTS),
        runs: s.runs.slice(0, MAX_RUNS),
        logs: s.logs.slice(-MAX_LOGS),
        busy: s.busy,
        repair: s.repair,
        settings: s.settings,
        platformStatus: s.platformStatus ?? PLATFORM_OK,
      };
    }
    case "pods":
      return { ...state, pods: action.pods };
    case "topology":
      return { ...state, topology: action.topology };
    case "probes": {
      const newest = action.samples.reduce((m, s) => Math.max(m, s.t), 0);
      const cutoff = newest - SAMPLE_WINDOW_MS;
      const kept =
        state.samples.length && state.samples[0].t < cutoff
          ? state.samples.filter((s) => s.t >= cutoff)
          : state.samples;
      return { ...state, samples: kept.concat(action.samples) };
    }
    case "events":
      return { ...state, events: appendBounded(state.events, action.events, MAX_EVENTS) };
    case "logs":
      return { ...state, logs: appendBounded(state.logs, action.logs, MAX_LOGS) };
    case "run":
      if (state.runs.some((r) => r.id === action.run.id)) {
        return { ...state, runs: state.runs.map((r) => (r.id === action.run.id ? action.run : r)) };
      }
      return { ...state, runs: [action.run, ...state.runs].slice(0, MAX_RUNS) };
    case "busy":
      return { ...state, busy: action.busy };
    case "repair":
      return { ...state, repair: action.repair };
    case "settings":
      return { ...state, settings: action.settings };
    case "platformStatus":
      return { ...state, platformStatus: action.platformStatus };
  }
}

function appendBounded<T>(list: T[], add: T[], max: number): T[] {
  const next = list.concat(add);
  return next.length > max ? next.slice(next.length - max) : next;
}
