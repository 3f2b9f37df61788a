import { LAB_DEFINITIONS } from "@/lib/labs";
import type { LabDefinition, LabRunHooks, RunContext } from "@/lib/labs/types";
import { startRun, summarizeRun } from "@/lib/runMetrics";
import type { LabEvent } from "@/lib/events";
import type { DeleteMode, PodState, ProbeSample, RunSummary } from "@/lib/types";
import { topologyOf } from "@/lib/labs/cluster/state";
import type { Store } from "../store";

const UPDATE_EVERY_MS = 500;
/**
 * A running run's read counts move with every probe tick; the browsers draw such figures once a second
 * (components/lab/LabConnection.ts), so the update tick sends them at most this often. Milestones (FAIL,
 * promotion, pod ready, the end) go at once.
 */
const FIGURES_EVERY_MS = 1000;
/** Reads must have been fine this long before a run counts as recovered (a blip is not a recovery). */
const STABLE_MS = 1000;

/**
 * Turns one delete into a measured run: time to FAIL, to promotion, to cluster_state ok, downtime per key
 * and lane, and when the recreated pod turned ready (which, without a repair, may be never).
 */
export class RunTracker {
  private current: RunSummary | null = null;
  private timer: NodeJS.Timeout | null = null;
  private seq = 0;
  private podWentAway = false;
  private podReplaced = false;
  /** The run as last sent, as JSON, and when. */
  private published = "";
  private publishedAt = 0;

  constructor(
    private readonly store: Store,
    private readonly timeoutMs: number,
  ) {
    store.on("events", (es) => this.onEvents(es));
    store.on("pods", (pods) => this.onPods(pods));
    store.on("labState", () => this.noteReturn());
  }

  begin(pod: string, mode: DeleteMode, actor: string): RunSummary {
    this.finish(this.current?.status === "running" ? "timed-out" : null);
    // Each lab's observer knows the roles: lab B's topology, lab A's INFO replication.
    const { nodeId, role } = this.definition().podRole(this.store.labState, pod);
    const started = startRun({
      id: `run-${Date.now().toString(36)}-${++this.seq}`,
      pod,
      nodeId,
      role,
      mode,
      actor,
      startedAt: Date.now(),
      keys: this.store.lab.keys,
    });
    const run = this.lab().start?.(started, this.store.labState) ?? started;
    this.current = run;
    this.podWentAway = false;
    this.podReplaced = false;
    this.publish(run);
    this.timer = setInterval(() => this.update(), UPDATE_EVERY_MS);
    return run;
  }

  /**
   * Sends the run to the browsers when it says something new: the update tick recomputes it every
   * UPDATE_EVERY_MS, and most ticks of a run whose reads are fine change nothing (each would be a message to
   * every browser).
   */
  private publish(run: RunSummary): void {
    const text = JSON.stringify(run);
    if (text === this.published) return;
    this.published = text;
    this.publishedAt = Date.now();
    this.store.upsertRun({ ...run });
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private onEvents(events: LabEvent[]): void {
    const run = this.current;
    if (!run || run.status !== "running") return;
    const after = (e: LabEvent) => Math.max(0, e.t - run.startedAt);
    for (const e of events) {
      if (e.kind === "node-fail" && e.params.nodeId === run.nodeId && run.failAfterMs === null)
        run.failAfterMs = after(e);
      if (e.kind === "replica-promoted" && run.promotedAfterMs === null && run.role === "master") {
        run.promotedAfterMs = after(e);
        run.promotedNodeId = e.params.nodeId;
        run.outcome = "failover";
      }
      if (e.kind === "cluster-state" && e.params.state === "ok" && run.failAfterMs !== null) {
        run.clusterOkAfterMs ??= after(e);
      }
      this.lab().onEvent?.(run, e);
      if (e.kind === "cluster-state" && e.params.state === "fail") run.clusterStayedOk = false;
    }
    // Viewers see a milestone when it happens, not at the next update tick.
    this.publish(run);
  }

  private onPods(pods: PodState[]): void {
    const run = this.current;
    if (!run) return;
    const pod = pods.find((p) => p.name === run.pod);
    // The replacement is the pod seen Running again after it was seen going away. Creation times cannot tell:
    // Kubernetes stamps them in whole seconds, so a quick replacement may look older than the delete.
    if (!pod || pod.phase !== "Running") this.podWentAway = true;
    else if (this.podWentAway) this.podReplaced = true;
    this.noteReturn();
    if (run.podReadyAfterMs !== null) return;
    if (pod && pod.ready && this.podReplaced) {
      run.podReadyAfterMs = Date.now() - run.startedAt;
      this.lab().onPodReady?.(run);
      this.publish(run);
    }
  }

  /**
   * The replacement's own Redis answering, and with which id: the old one means nodes.conf (and the data)
   * survived; before any promotion that is the whole story — no failover, nothing to repair. Checked on every
   * pods and topology change and on the update tick, since either may arrive first.
   */
  private noteReturn(): void {
    const run = this.current;
    if (!run || run.returnedNodeId !== null || !this.podReplaced) return;
    const pod = this.store.pods.find((p) => p.name === run.pod);
    // Only lab B's nodes have ids that survive on disk (nodes.conf); another lab's state has no views.
    const view = topologyOf(this.store.labState).views.find(
      (v) => v.pod === run.pod && v.reachable && v.myId && v.ip === pod?.ip && v.at >= run.startedAt,
    );
    if (!view?.myId) return;
    run.returnedNodeId = view.myId;
    run.returnedAfterMs = view.at - run.startedAt;
    if (run.outcome === null && view.myId === run.nodeId) run.outcome = "returned";
    this.publish(run);
  }

  private update(): void {
    const run = this.current;
    if (!run || run.status !== "running") return;
    this.noteReturn();
    const now = Date.now();
    const samples = this.store.samplesSince(run.startedAt);
    Object.assign(run, summarizeRun(run, samples, now));
    this.lab().onUpdate?.(run, this.context(samples, now));
    if (this.recovered(run, now)) this.finish("recovered");
    else if (now - run.startedAt > this.timeoutMs) this.finish("timed-out");
    else if (now - this.publishedAt >= FIGURES_EVERY_MS) this.publish(run);
  }

  /** The running lab's part of a run (lib/labs): what it measures and how its run ends. */
  private lab(): LabRunHooks {
    return this.definition().run;
  }

  private definition(): LabDefinition {
    return LAB_DEFINITIONS[this.store.lab.lab];
  }

  private context(samples: ProbeSample[], now: number): RunContext {
    return { samples, now, podReplaced: this.podReplaced, state: this.store.labState };
  }

  /** The pod came back and the lab's own recovery predicate holds, with reads fine for a moment. */
  private recovered(run: RunSummary, now: number): boolean {
    const pod = this.store.pods.find((p) => p.name === run.pod);
    if (!pod || pod.phase !== "Running" || !this.podReplaced) return false;
    if (!this.definition().recovered({ run, pod, state: this.store.labState })) return false;
    const recent = this.store.samplesSince(now - STABLE_MS);
    return recent.length > 0 && recent.every((s) => s.outcome !== "error");
  }

  private finish(status: "recovered" | "timed-out" | null): void {
    const run = this.current;
    this.stop();
    if (!run || !status || run.status !== "running") return;
    run.status = status;
    const endedAt = Date.now();
    run.endedAt = endedAt;
    const samples = this.store.samplesSince(run.startedAt);
    Object.assign(run, summarizeRun(run, samples, endedAt));
    this.publish(run);
    const recovered = status === "recovered";
    this.store.addEvents([
      this.lab().endEvent({ ...run, endedAt }, recovered, this.context(samples, endedAt)),
    ]);
  }
}
