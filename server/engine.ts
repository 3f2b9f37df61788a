import type { Config } from "@/lib/config";
import { newEvent } from "@/lib/events";
import { applyGrant, type Grants } from "@/lib/permissions";
import { createPodDiffer } from "@/lib/podDiff";
import type { LabInfo } from "@/lib/protocol";
import {
  autoRepairRequestSchema,
  describeZodError,
  evidenceRequestSchema,
  grantRequestSchema,
  type LabSettings,
  type PodEvidence,
  type RepairRun,
  repairRequestSchema,
  resetLabRequestSchema,
  type SetKeyResult,
  setKeyRequestSchema,
  switchLabRequestSchema,
} from "@/lib/protocol";
import { labWith } from "@/lib/labs";
import type { LabAction } from "@/lib/labs/types";
import type { LabKind } from "@/lib/types";
import type { RepairPlan } from "@/lib/repairPlan";
import type { z } from "zod";
import { ActionError } from "./actions/actionError";
import { ActionLock } from "./actions/actionLock";
import { type Actor, deletePod } from "./actions/deletePod";
import { currentPlan, executeRepair, freshPlan, type RepairDeps } from "./actions/repair";
import { LABS } from "./labs";
import { createPlatform } from "./labs/createPlatform";
import type { RunningLab, ServerLab } from "./labs/types";
import { LogTail } from "./observe/logTail";
import { Probes } from "./observe/probes";
import { RunTracker } from "./observe/runTracker";
import { translator } from "@/lib/i18n/catalogue";
import { planText } from "@/lib/i18n/planText";
import type { Platform } from "./platform/types";
import { Store } from "./store";
import { Predictions } from "./classroom/predictions";
import type { AofSnapshot } from "@/lib/aof/aofSnapshot";

/** Auto-repair waits this long after the topology last changed, so it never acts in the middle of a failover. */
const AUTO_REPAIR_SETTLE_MS = 3000;

/** One lab on one platform: its own observers and actions, and the probes and log tails every lab has. */
interface LabWiring {
  platform: Platform;
  lab: ServerLab;
  running: RunningLab;
  probes: Probes;
  logs: LogTail;
}

/** Values the lab writes on first start: the seed's `set a 11`, `set b 22`, `set c 33`. */
export function initialValues(keys: string[]): Record<string, string> {
  const seed: Record<string, string> = { a: "11", b: "22", c: "33" };
  return Object.fromEntries(keys.map((k) => [k, seed[k] ?? `value-of-${k}`]));
}

/** The whole server-side machine: platform -> observers -> store; actions go in through here. */
export class Engine {
  readonly store: Store;
  readonly lock: ActionLock;
  readonly runs: RunTracker;
  readonly predictions: Predictions;
  private wiring: LabWiring;
  private unsubscribePods: (() => void) | null = null;
  private unsubscribeStatus: (() => void) | null = null;
  private autoRepairTimer: NodeJS.Timeout | null = null;

  constructor(
    platform: Platform,
    readonly config: Config,
  ) {
    this.store = new Store(this.labInfo(platform));
    this.lock = new ActionLock(this.store);
    this.runs = new RunTracker(this.store, 4 * config.nodeTimeoutMs + 60_000);
    this.predictions = new Predictions(this.store);
    this.wiring = this.wire(platform);
    this.store.on("labState", () => this.scheduleAutoRepair());
    this.store.on("pods", () => this.scheduleAutoRepair());
  }

  static async create(config: Config): Promise<Engine> {
    const platform = await createPlatform(config, initialValues(config.keys));
    return new Engine(platform, config);
  }

  get platform(): Platform {
    return this.wiring.platform;
  }

  /** The running lab's own observers and actions. */
  get running(): RunningLab {
    return this.wiring.running;
  }

  private keysOf(lab: LabKind): string[] {
    return this.config[LABS[lab].definition.keys];
  }

  /** The running lab's own part of an action, or the refusal that names the lab that has it. */
  private offer<T>(what: LabAction, part: T | undefined): T {
    if (part === undefined) {
      throw new ActionError(409, "not_in_lab", {
        what,
        lab: labWith(what) ?? "",
        running: this.platform.lab,
      });
    }
    return part;
  }

  private labInfo(platform: Platform): LabInfo {
    const config = this.config;
    return {
      platform: platform.kind,
      lab: platform.lab,
      scope: platform.scope,
      keys: this.keysOf(platform.lab),
      lanes: [...LABS[platform.lab].definition.lanes],
      probeIntervalMs: config.probeIntervalMs,
      nodeTimeoutMs: config.nodeTimeoutMs,
      requireFullCoverage: LABS[platform.lab].requireFullCoverage(config, platform),
      startedAt: Date.now(),
    };
  }

  private wire(platform: Platform): LabWiring {
    const lab = LABS[platform.lab];
    const keys = this.keysOf(platform.lab);
    const w: LabWiring = {
      platform,
      lab,
      running: lab.run({ platform, store: this.store, config: this.config, keys }),
      probes: new Probes(platform, this.store, keys, this.config.probeIntervalMs, [...lab.definition.lanes]),
      logs: new LogTail(platform, this.store),
    };
    this.store.setSettings({
      autoRepair: lab.definition.actions.includes("auto-repair") && this.store.settings.autoRepair,
      persistence: platform.persistence,
      canReset: !!platform.reset,
      choosesPersistence: !platform.observesOnly,
      resetAt: this.store.settings.resetAt ?? null,
    });
    return w;
  }

  async start(): Promise<void> {
    const w = this.wiring;
    const podDiffer = createPodDiffer();
    podDiffer.update(w.platform.pods(), Date.now());
    this.unsubscribePods = w.platform.onPods((pods) => {
      this.store.setPods(pods);
      this.store.addEvents(podDiffer.update(pods, Date.now()));
    });
    w.logs.start();
    this.unsubscribeStatus = w.platform.onStatus?.((s) => this.store.setPlatformStatus(s)) ?? null;
    await w.platform.start();
    // Kubernetes reads persistence from the pods' volumes, known only once it watches them.
    if (this.store.settings.persistence !== w.platform.persistence)
      this.store.setSettings({ ...this.store.settings, persistence: w.platform.persistence });
    if (w.platform.status) this.store.setPlatformStatus(w.platform.status());
    this.store.setPods(w.platform.pods());
    await w.running.start();
    w.probes.start();
  }

  /** Stops the lab's observers and its pods; the store and its subscribers (the hub) stay. */
  private async stopLab(): Promise<void> {
    const w = this.wiring;
    if (this.autoRepairTimer) clearTimeout(this.autoRepairTimer);
    this.autoRepairTimer = null;
    w.probes.stop();
    w.running.stop();
    this.runs.stop();
    w.logs.stop();
    this.unsubscribePods?.();
    this.unsubscribeStatus?.();
    this.unsubscribePods = null;
    this.unsubscribeStatus = null;
    await w.platform.stop();
  }

  async stop(): Promise<void> {
    this.store.removeAllListeners();
    this.predictions.stop();
    await this.stopLab();
  }

  /**
   * `POST /api/lab`: every pod of the running lab is stopped before the other lab's start, inside the same
   * store (events and runs are history and stay). Every browser gets a fresh snapshot of the new lab.
   */
  async switchLab(actor: Actor, input: unknown): Promise<LabInfo> {
    const { lab, persistence } = parse(switchLabRequestSchema, input);
    // Where the platform only observes, the chart's values decide persistence: a choice here would be ignored.
    if (this.platform.observesOnly && persistence !== undefined) {
      throw new ActionError(400, "invalid_request", {
        detail: `persistence: ${this.platform.kind} reads it from the pods' volumes; leave it out`,
      });
    }
    const release = this.lock.acquire({ action: "lab", actor: actor.name });
    try {
      const next = this.platform.observesOnly ? await this.startObserving(lab) : null;
      this.store.addEvents([
        newEvent("lab-switch-started", Date.now(), {
          actor: actor.name,
          lab,
          persistence: persistence ?? null,
        }),
      ]);
      await this.stopLab();
      const platform =
        next ??
        (await createPlatform(this.config, initialValues(this.keysOf(lab)), {
          lab,
          persistence: persistence ?? this.config.persistence,
        }));
      this.store.setLab(this.labInfo(platform));
      this.wiring = this.wire(platform);
      await this.start();
      this.store.addEvents([
        newEvent("lab-switched", Date.now(), { actor: actor.name, lab, persistence: platform.persistence }),
      ]);
      return this.store.lab;
    } finally {
      release();
    }
  }

  /**
   * The other lab's release, checked and watched while the running lab still runs: a missing release or a
   * failed start-up check refuses the switch and leaves the running lab as it was.
   */
  private async startObserving(lab: LabKind): Promise<Platform> {
    const platform = await createPlatform(this.config, initialValues(this.keysOf(lab)), { lab });
    try {
      await platform.start();
      return platform;
    } catch (err) {
      await platform.stop().catch(() => undefined);
      const problems = (err as { problems?: string[] }).problems ?? [(err as Error).message];
      throw new ActionError(409, "lab_unavailable", {
        lab,
        running: this.platform.lab,
        scope: platform.scope,
        detail: problems.join("; ").slice(0, 600),
      });
    }
  }

  /** `POST /api/keys`: the write box's `SET key value`, where the lab has one. */
  async setKey(actor: Actor, input: unknown): Promise<SetKeyResult> {
    const { key, value } = parse(setKeyRequestSchema, input);
    const setKey = this.offer("keys", this.running.setKey);
    const written = await setKey(key, value);
    this.store.addEvents([newEvent("key-set", Date.now(), { actor: actor.name, key, value })]);
    return { key, value, ...written };
  }

  /** `GET /api/aof`: the master's `appendonlydir/` as the viewer shows it, read now. */
  async aof(): Promise<AofSnapshot> {
    return this.offer("aof", this.running.aof)();
  }

  deletePod(actor: Actor, input: unknown) {
    const run = deletePod(
      { platform: this.platform, store: this.store, lock: this.lock, runs: this.runs },
      actor,
      input,
    );
    return run;
  }

  private get repairDeps(): RepairDeps {
    return this.offer("repair", this.running.repair);
  }

  /** Anyone may look at the plan; it holds ids, IPs and commands with `$REDIS_PASSWORD`, never the password. */
  planRepair(): RepairPlan {
    return currentPlan(this.repairDeps);
  }

  /** Plans again right before running, and says so when the topology changed since the user saw the plan. */
  async repair(actor: Actor, input: unknown, auto = false): Promise<RepairRun> {
    const deps = this.repairDeps;
    const { fingerprint } = parse(repairRequestSchema, input ?? {});
    const release = this.lock.acquire({ action: "repair", actor: actor.name });
    try {
      const plan = await freshPlan(deps);
      if (plan.steps.length === 0) {
        throw plan.healthy
          ? new ActionError(409, "healthy")
          : new ActionError(409, "cannot_repair", {
              // The HTTP `error` is English; the browser shows the plan's own notes in its language instead.
              summary: planText(translator("en"), plan.summary),
            });
      }
      const replanned = fingerprint !== undefined && fingerprint !== plan.fingerprint;
      return executeRepair(deps, actor.name, auto, plan, replanned, release);
    } catch (err) {
      release();
      throw err;
    }
  }

  setAutoRepair(actor: Actor, input: unknown): LabSettings {
    const { enabled } = parse(autoRepairRequestSchema, input);
    this.store.setSettings({ ...this.store.settings, autoRepair: enabled });
    this.store.addEvents([newEvent("auto-repair-set", Date.now(), { actor: actor.name, enabled })]);
    this.scheduleAutoRepair();
    return this.store.settings;
  }

  /** A grant to everyone or to one person in the room, effective at once for every socket and HTTP request. */
  setGrant(actor: Actor, input: unknown, inRoom: (name: string) => boolean): Grants {
    const change = parse(grantRequestSchema, input);
    if (change.to !== "everyone" && !inRoom(change.to)) {
      throw new ActionError(404, "unknown_person", { name: change.to.slice(0, 40) });
    }
    this.store.setGrants(applyGrant(this.store.grants, change));
    this.store.addEvents([newEvent("grant-changed", Date.now(), { actor: actor.name, ...change })]);
    return this.store.grants;
  }

  async resetLab(actor: Actor, input: unknown): Promise<LabSettings> {
    const { persistence } = parse(resetLabRequestSchema, input ?? {});
    if (!this.platform.reset) {
      throw new ActionError(409, "cannot_reset", {
        platform: this.platform.kind,
        ...(this.platform.resetAdvice ?? { namespace: "", release: "" }),
      });
    }
    const release = this.lock.acquire({ action: "reset", actor: actor.name });
    try {
      this.runs.stop();
      const resetAt = Date.now();
      this.store.addEvents([
        newEvent("lab-reset-started", Date.now(), { actor: actor.name, persistence: persistence ?? null }),
      ]);
      this.running.beforeReset();
      await this.platform.reset({ persistence });
      this.wiring.probes.restart();
      await this.running.afterReset();
      this.store.setSettings({ ...this.store.settings, persistence: this.platform.persistence, resetAt });
      this.store.addEvents([
        newEvent("lab-reset-done", Date.now(), { actor: actor.name, lab: this.platform.lab }),
      ]);
      return this.store.settings;
    } finally {
      release();
    }
  }

  evidence(input: unknown): Promise<PodEvidence> {
    const { pod } = parse(evidenceRequestSchema, input);
    if (!this.platform.ownsPod(pod)) throw new ActionError(404, "unknown_pod", { pod });
    return this.running.evidence(this.store.pods.find((p) => p.name === pod) ?? null, pod);
  }

  /** Like an operator: once a recreated pod runs and the topology has settled, repair without being asked. */
  private scheduleAutoRepair(): void {
    if (!this.store.settings.autoRepair) return;
    if (this.autoRepairTimer) clearTimeout(this.autoRepairTimer);
    this.autoRepairTimer = setTimeout(() => void this.autoRepair(), AUTO_REPAIR_SETTLE_MS);
  }

  private async autoRepair(): Promise<void> {
    this.autoRepairTimer = null;
    if (!this.store.settings.autoRepair || this.lock.busy || !this.running.repair) return;
    if (!this.store.pods.every((p) => p.phase === "Running" && p.ip)) return;
    try {
      const plan = currentPlan(this.running.repair);
      if (plan.steps.length === 0 || this.lock.busy) return;
      await this.repair({ name: "auto-repair" }, { fingerprint: plan.fingerprint }, true);
    } catch (err) {
      if (!(err instanceof ActionError && err.status === 409)) console.error("auto-repair failed:", err);
    }
  }
}

function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw new ActionError(400, "invalid_request", { detail: describeZodError(r.error) });
  return r.data;
}
