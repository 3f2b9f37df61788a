import type { z } from "zod";
import { newEvent } from "@/lib/events";
import {
  buildQuestion,
  type PredictionQuestion,
  type PredictionResult,
  type PredictionView,
  predictionView,
  scorePrediction,
  tally,
} from "@/lib/predictions";
import {
  describeZodError,
  type PredictionAnswer,
  predictionAnswerRequestSchema,
  predictionCloseRequestSchema,
  predictionOpenRequestSchema,
} from "@/lib/protocol";
import type { RunSummary } from "@/lib/types";
import { ActionError } from "../actions/actionError";
import type { Store } from "../store";
import { topologyOf } from "@/lib/labs/cluster/state";
import { replicationOf } from "@/lib/labs/replication/state";

/** A room answering at once would otherwise send every browser one update per answer. */
const PUBLISH_EVERY_MS = 250;

/** Who answers: one answer per browser (its client id), whatever name it shows. */
export interface Answerer {
  name: string;
  clientId: string;
}

/**
 * The question put to the room and its answers (issue 10, "predict, then watch"). Answers are kept by client
 * id and only their number is published while the question is open; the first run that starts after the
 * question opened is the one that scores it, when it ends.
 */
export class Predictions {
  private question: PredictionQuestion | null = null;
  private status: PredictionView["status"] = "open";
  private readonly answers = new Map<string, string>();
  private runId: string | null = null;
  private closedAt: number | null = null;
  private result: PredictionResult | null = null;
  private publishTimer: NodeJS.Timeout | null = null;
  private seq = 0;

  constructor(private readonly store: Store) {
    store.on("run", (run) => this.onRun(run));
    // Another lab's pods and keys: the question was about the old one.
    store.on("lab", () => this.clear());
  }

  open(actor: { name: string }, input: unknown): PredictionView {
    const { question: kind } = parse(predictionOpenRequestSchema, input);
    if (this.question && this.status === "open") throw new ActionError(409, "prediction_already_open");
    const lab = this.store.lab;
    const key = lab.keys[0];
    const last = this.store
      .latestSamples()
      .find((s) => s.key === key && s.lane === "master" && s.outcome === "ok");
    const built = buildQuestion(kind, {
      id: `q-${Date.now().toString(36)}-${++this.seq}`,
      lab: lab.lab,
      keys: lab.keys,
      topology: topologyOf(this.store.labState),
      nodeTimeoutMs: lab.nodeTimeoutMs,
      lastValue: last?.value ?? null,
      now: Date.now(),
      actor: actor.name,
    });
    if (!built.ok) {
      throw new ActionError(409, "prediction_unavailable", {
        reason: built.reason,
        ...(built.slot === undefined ? {} : { slot: built.slot }),
      });
    }
    const q = built.question;
    this.question = q;
    this.status = "open";
    this.answers.clear();
    this.runId = null;
    this.closedAt = null;
    this.result = null;
    this.store.addEvents([
      newEvent("prediction-opened", q.openedAt, {
        actor: actor.name,
        questionId: q.id,
        question: q.kind,
        key: q.key,
        slot: q.slot,
        options: q.options.length,
      }),
    ]);
    return this.publishNow()!;
  }

  answer(who: Answerer, input: unknown): PredictionAnswer {
    const { questionId, option } = parse(predictionAnswerRequestSchema, input);
    const q = this.question;
    if (!q || this.status !== "open") throw new ActionError(409, "prediction_not_open");
    if (q.id !== questionId) throw new ActionError(409, "prediction_stale");
    if (!q.options.some((o) => o.id === option)) {
      throw new ActionError(400, "prediction_unknown_option", { option: option.slice(0, 40) });
    }
    this.answers.set(who.clientId, option);
    this.publishSoon();
    return { questionId, option };
  }

  close(actor: { name: string }, input: unknown): PredictionView {
    parse(predictionCloseRequestSchema, input ?? {});
    if (!this.question || this.status !== "open") throw new ActionError(409, "prediction_not_open");
    this.closeAnswers(actor.name);
    return this.publishNow()!;
  }

  /** The room's copy now; null when no question was asked. */
  view(): PredictionView | null {
    if (!this.question) return null;
    return predictionView(this.question, this.status, this.answers.values(), {
      runId: this.runId,
      closedAt: this.closedAt,
      result: this.result,
    });
  }

  stop(): void {
    if (this.publishTimer) clearTimeout(this.publishTimer);
    this.publishTimer = null;
  }

  private clear(): void {
    this.stop();
    this.question = null;
    this.answers.clear();
    this.runId = null;
    this.result = null;
    this.store.setPrediction(null);
  }

  private closeAnswers(actor: string | null): void {
    const q = this.question!;
    this.status = "closed";
    this.closedAt = Date.now();
    const counts = tally(q, this.answers.values());
    this.store.addEvents([
      newEvent("prediction-closed", this.closedAt, {
        actor,
        questionId: q.id,
        question: q.kind,
        key: q.key,
        slot: q.slot,
        answers: this.answers.size,
        counts: q.options.map((option) => ({ option, count: counts[option.id] ?? 0 })),
      }),
    ]);
  }

  private onRun(run: RunSummary): void {
    const q = this.question;
    if (!q || this.status === "scored") return;
    if (this.runId === null && run.status === "running" && run.startedAt >= q.openedAt) {
      this.runId = run.id;
      this.publishNow();
    }
    if (run.id !== this.runId || run.status === "running") return;
    // Answers are final once the run they predict has been measured.
    if (this.status === "open") this.closeAnswers(null);
    const state = this.store.labState;
    const master = replicationOf(state).nodes.find((n) => n.role === "master" && n.reachable)?.pod ?? null;
    this.result = scorePrediction(q, run, { topology: topologyOf(state), masterPod: master ?? run.pod });
    this.status = "scored";
    this.publishNow();
  }

  private publishSoon(): void {
    this.publishTimer ??= setTimeout(() => this.publishNow(), PUBLISH_EVERY_MS);
  }

  private publishNow(): PredictionView | null {
    this.stop();
    const view = this.view();
    this.store.setPrediction(view);
    return view;
  }
}

function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw new ActionError(400, "invalid_request", { detail: describeZodError(r.error) });
  return r.data;
}
