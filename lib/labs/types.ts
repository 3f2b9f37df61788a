// The lab seam, pure half: what a lab is, as data and pure functions the server and the browser share. A lab's
// I/O (its pods, observers and actions) lives beside it in server/labs/<kind>/; its panels in
// components/labs/<kind>/. Adding a lab is adding those folders and its catalogue texts.
import type { KubeChart } from "./kubeChart";
import type { LabEvent, NewEvent } from "../events";
import type { LabKind, NodeRole, PodState, ProbeLane, ProbeSample, RunSummary } from "../types";
import type { LabStateSpec } from "./labStateSpec";

/**
 * The running lab's observed state as the seam passes it around: only its lab looks inside (through its own
 * accessors, such as lib/labs/cluster/state.ts topologyOf). lib/labs/labState.ts names every lab's.
 */
export interface SomeLabState {
  kind: LabKind;
}

/** The actions a lab may offer besides deleting a pod; any other is refused with `not_in_lab`. */
export const LAB_ACTIONS = ["repair", "auto-repair", "keys", "aof"] as const;
export type LabAction = (typeof LAB_ACTIONS)[number];

/** What the recovery predicate of a run sees: the observed state, nothing else. */
export interface RecoveryInput {
  run: RunSummary;
  /** The deleted pod as the platform shows it now, or undefined while it is gone. */
  pod: PodState | undefined;
  state: SomeLabState;
}

/** The seed's 1 s `redis-cli` loop as the lab's terminal types it, replayed from one probe lane. */
export interface ReadLoopSpec {
  /** The lane whose reads the loop replays: the one that reaches what `redis-cli -h <service>` reaches. */
  lane: ProbeLane;
  /** How many of the lab's probed keys the loop reads (the seed's lab A loop reads only `a`). */
  keyCount: number | "all";
  /** The loop prints `date` and a blank line around its reads (lab B's does, lab A's does not). */
  dated: boolean;
  /** The pod whose Service the loop names with -h, and the name when there is none yet. */
  servicePod(pods: PodState[]): PodState | undefined;
  defaultService: string;
  /** The loop as the seed types it, the password as `"$PW"`. */
  command(service: string, keys: string[]): string;
}

/** What a run's lab-specific figures are folded from, besides the run itself. */
export interface RunContext {
  /** Samples since the run started. */
  samples: ProbeSample[];
  now: number;
  /** The deleted pod was seen running again after it went away. */
  podReplaced: boolean;
  state: SomeLabState;
}

/**
 * A run's lab part (all optional but the closing event): lab A counts resyncs and lost keys where lab B
 * only has the common figures. They change the run in place; the tracker publishes it.
 */
export interface LabRunHooks {
  /** The run as it begins, with what the lab observed at the delete. */
  start?(run: RunSummary, state: SomeLabState): RunSummary;
  onEvent?(run: RunSummary, e: LabEvent): void;
  /** The deleted pod turned ready again; `run.podReadyAfterMs` is set. */
  onPodReady?(run: RunSummary): void;
  /** Each update tick of a running run. */
  onUpdate?(run: RunSummary, ctx: RunContext): void;
  /** The event that tells the room how the run ended. */
  endEvent(run: RunSummary & { endedAt: number }, recovered: boolean, ctx: RunContext): NewEvent;
}

export interface LabDefinition {
  kind: LabKind;
  /** What its observers publish (the `labState` stream) and how that travels as a change. */
  state: LabStateSpec<SomeLabState>;
  /** Its bitnami chart, for the kubernetes platform. */
  kube: KubeChart;
  /** The probe lanes of its availability timeline (DESIGN §4), in the order they are drawn. */
  lanes: readonly ProbeLane[];
  /** Which configured key list it probes: the seed reads `a b c` in lab B and writes only `a` in lab A. */
  keys: "keys" | "replicationKeys";
  /** The actions it offers (besides delete). */
  actions: readonly LabAction[];
  /** Its guide's steps, in the seed's order (the ids its catalogue texts are keyed by). */
  guideSteps: readonly string[];
  /** Where the catalogues keep its guide steps' titles, keyed by step id (a dotted message path). */
  guideTexts: string;
  /**
   * Whether a run is over: the lab is serving again the way it did before the delete. Asked only once the
   * deleted pod was seen replaced; reads must also have been fine for a moment (the run tracker checks that).
   */
  recovered(input: RecoveryInput): boolean;
  /** The deleted pod's Redis as the lab's observer saw it at the delete: its node id and role. */
  podRole(state: SomeLabState, pod: string): { nodeId: string | null; role: NodeRole | null };
  /** What a run of this lab measures besides the common figures (lab A: where data was lost). */
  run: LabRunHooks;
  /** Projector mode: the panels (by test id) a guide step shows, besides the guide and the grant table. */
  projectorPanels(step: string | null): readonly string[];
  readLoop: ReadLoopSpec;
}
