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
} from "@/lib/protocol";
import type { RepairPlan } from "@/lib/repairPlan";
import type { z } from "zod";
import { ActionError } from "./actions/actionError";
import { ActionLock } from "./actions/actionLock";
import { type Actor, deletePod } from "./actions/deletePod";
import { currentPlan, executeRepair, freshPlan, type RepairDeps } from "./actions/repair";
import { EvidenceReader } from "./actions/evidence";
import { LogTail } from "./observe/logTail";
import { Probes } from "./observe/probes";
import { RunTracker } from "./observe/runTracker";
import { TopologyPoller } from "./observe/topologyPoller";
import { translator } from "@/lib/i18n/catalogue";
import { planText } from "@/lib/i18n/planText";
import { createPlatform } from "./platform/create";
import type { Platform } from "./platform/types";
import { Store } from "./store";

// Half the 100 ms a viewer notices: a role change reaches the DOM well inside the 250 ms budget (DESIGN §7).
const TOPOLOGY_PERIOD_MS = 50;
/** Auto-repair waits this long after the topology last changed, so it never acts in the middle of a failover. */
const AUTO_REPAIR_SETTLE_MS = 3000;

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
  readonly poller: TopologyPoller;
  private readonly probes: Probes;
  private readonly logs: LogTail;
  private readonly evidenceReader: EvidenceReader;
  private unsubscribePods: (() => void) | null = null;
  private unsubscribeStatus: (() => void) | null = null;
  private autoRepairTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly platform: Platform,
    readonly config: Config,
  ) {
    const lab: LabInfo = {
      platform: platform.kind,
      lab: platform.lab,
      scope: platform.scope,
      keys: config.keys,
      lanes: ["cluster", "fresh"],
      probeIntervalMs: config.probeIntervalMs,
      nodeTimeoutMs: config.nodeTimeoutMs,
      requireFullCoverage: platform.kind === "local" ? config.requireFullCoverage : null,
      startedAt: Date.now(),
    };
    this.store = new Store(lab);
    this.lock = new ActionLock(this.store);
    this.runs = new RunTracker(this.store, 4 * config.nodeTimeoutMs + 60_000);
    this.poller = new TopologyPoller(platform, this.store, TOPOLOGY_PERIOD_MS);
    this.probes = new Probes(platform, this.store, config.keys, config.probeIntervalMs, lab.lanes);
    this.logs = new LogTail(platform, this.store);
    this.evidenceReader = new EvidenceReader(platform);
    this.store.setSettings({
      autoRepair: false,
      persistence: platform.persistence,
      canReset: !!platform.reset,
      resetAt: null,
    });
    this.store.on("topology", () => this.scheduleAutoRepair());
    this.store.on("pods", () => this.scheduleAutoRepair());
  }

  static async create(config: Config): Promise<Engine> {
    const platform = await createPlatform(config, initialValues(config.keys));
    return new Engine(platform, config);
  }

  async start(): Promise<void> {
    const podDiffer = createPodDiffer();
    podDiffer.update(this.platform.pods(), Date.now());
    this.unsubscribePods = this.platform.onPods((pods) => {
      this.store.setPods(pods);
      this.store.addEvents(podDiffer.update(pods, Date.now()));
    });
    this.logs.start();
    this.unsubscribeStatus = this.platform.onStatus?.((s) => this.store.setPlatformStatus(s)) ?? null;
    await this.platform.start();
    if (this.platform.status) this.store.setPlatformStatus(this.platform.status());
    this.store.setPods(this.platform.pods());
    this.poller.start();
    await this.poller.fresh();
    this.probes.start();
  }

  async stop(): Promise<void> {
    if (this.autoRepairTimer) clearTimeout(this.autoRepairTimer);
    this.store.removeAllListeners();
    this.probes.stop();
    this.poller.stop();
    this.runs.stop();
    this.logs.stop();
    this.unsubscribePods?.();
    this.unsubscribeStatus?.();
    await this.platform.stop();
  }

  deletePod(actor: Actor, input: unknown) {
    return deletePod(
      { platform: this.platform, store: this.store, lock: this.lock, runs: this.runs },
      actor,
      input,
    );
  }

  private get repairDeps(): RepairDeps {
    return {
      platform: this.platform,
      store: this.store,
      poller: this.poller,
      readinessPeriodMs: this.config.readinessPeriodMs,
    };
  }

  /** Anyone may look at the plan; it holds ids, IPs and commands with `$REDIS_PASSWORD`, never the password. */
  planRepair(): RepairPlan {
    return currentPlan(this.repairDeps);
  }

  /** Plans again right before running, and says so when the topology changed since the user saw the plan. */
  async repair(actor: Actor, input: unknown, auto = false): Promise<RepairRun> {
    const { fingerprint } = parse(repairRequestSchema, input ?? {});
    const release = this.lock.acquire({ action: "repair", actor: actor.name });
    try {
      const plan = await freshPlan(this.repairDeps);
      if (plan.steps.length === 0) {
        throw plan.healthy
          ? new ActionError(409, "healthy")
          : new ActionError(409, "cannot_repair", {
              // The HTTP `error` is English; the browser shows the plan's own notes in its language instead.
              summary: planText(translator("en"), plan.summary),
            });
      }
      const replanned = fingerprint !== undefined && fingerprint !== plan.fingerprint;
      return executeRepair(this.repairDeps, actor.name, auto, plan, replanned, release);
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
      throw new ActionError(409, "cannot_reset", { platform: this.platform.kind });
    }
    const release = this.lock.acquire({ action: "reset", actor: actor.name });
    try {
      this.runs.stop();
      const resetAt = Date.now();
      this.store.addEvents([
        newEvent("lab-reset-started", Date.now(), { actor: actor.name, persistence: persistence ?? null }),
      ]);
      await this.platform.reset({ persistence });
      this.probes.restart();
      await this.poller.fresh();
      this.store.setSettings({ ...this.store.settings, persistence: this.platform.persistence, resetAt });
      this.store.addEvents([newEvent("lab-reset-done", Date.now(), { actor: actor.name })]);
      return this.store.settings;
    } finally {
      release();
    }
  }

  evidence(input: unknown): Promise<PodEvidence> {
    const { pod } = parse(evidenceRequestSchema, input);
    if (!this.platform.ownsPod(pod)) throw new ActionError(404, "unknown_pod", { pod });
    return this.evidenceReader.read(this.store.pods.find((p) => p.name === pod) ?? null, pod);
  }

  /** Like an operator: once a recreated pod runs and the topology has settled, repair without being asked. */
  private scheduleAutoRepair(): void {
    if (!this.store.settings.autoRepair) return;
    if (this.autoRepairTimer) clearTimeout(this.autoRepairTimer);
    this.autoRepairTimer = setTimeout(() => void this.autoRepair(), AUTO_REPAIR_SETTLE_MS);
  }

  private async autoRepair(): Promise<void> {
    this.autoRepairTimer = null;
    if (!this.store.settings.autoRepair || this.lock.busy) return;
    if (!this.store.pods.every((p) => p.phase === "Running" && p.ip)) return;
    try {
      const plan = currentPlan(this.repairDeps);
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
