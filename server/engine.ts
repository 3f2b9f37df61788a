import type { Config } from "@/lib/config";
import { newEvent } from "@/lib/events";
import { applyGrant, type Grants } from "@/lib/permissions";
import { createPodDiffer } from "@/lib/podDiff";
import type { LabInfo } from "@/lib/protocol";
import {
  type AofSnapshot,
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
import type { LabKind, ProbeLane } from "@/lib/types";
import type { RepairPlan } from "@/lib/repairPlan";
import type { z } from "zod";
import { ActionError } from "./actions/actionError";
import { ActionLock } from "./actions/actionLock";
import { type Actor, deletePod } from "./actions/deletePod";
import { currentPlan, executeRepair, freshPlan, type RepairDeps } from "./actions/repair";
import { EvidenceReader } from "./actions/evidence";
import { LogTail } from "./observe/logTail";
import { AofReader } from "./observe/aofReader";
import { Probes } from "./observe/probes";
import { ReplicationPoller } from "./observe/replicationPoller";
import { RunTracker } from "./observe/runTracker";
import { TopologyPoller } from "./observe/topologyPoller";
import { translator } from "@/lib/i18n/catalogue";
import { planText } from "@/lib/i18n/planText";
import { createPlatform } from "./platform/create";
import { oneShot } from "./redis/connect";
import { setCommand } from "@/lib/redisCli";
import type { Platform } from "./platform/types";
import { Store } from "./store";
import { Predictions } from "./classroom/predictions";

/**
 * The steady poll (DESIGN §4: ≤ 250 ms). A change that Redis logs, that a probe feels or that the platform
 * reports makes the poller read every pod at once (server/observe/topologyPoller.ts), so this bounds only what
 * gives no signal: a frozen pod is shown silent within one period plus the silence threshold.
 */
export const TOPOLOGY_PERIOD_MS = 250;
/** Auto-repair waits this long after the topology last changed, so it never acts in the middle of a failover. */
const AUTO_REPAIR_SETTLE_MS = 3000;
/** Lab A's observer: INFO replication + persistence + DBSIZE per pod, about four times a second. */
const REPLICATION_PERIOD_MS = 250;

/** Each lab's probe lanes (DESIGN §4). */
export const LAB_LANES: Record<LabKind, ProbeLane[]> = {
  cluster: ["cluster", "fresh"],
  replication: ["master", "replica-0", "replica-1", "replicas-svc"],
};

/** The observers of one lab on one platform; a lab switch stops them all and builds the other lab's. */
interface LabWiring {
  platform: Platform;
  /** Lab B's observer; created for lab A too (never started) so repair and tests find a stopped one. */
  poller: TopologyPoller;
  replication: ReplicationPoller | null;
  aof: AofReader | null;
  probes: Probes;
  logs: LogTail;
  evidenceReader: EvidenceReader;
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
    this.store.on("topology", () => this.scheduleAutoRepair());
    this.store.on("pods", () => this.scheduleAutoRepair());
  }

  static async create(config: Config): Promise<Engine> {
    const platform = await createPlatform(config, initialValues(config.keys));
    return new Engine(platform, config);
  }

  get platform(): Platform {
    return this.wiring.platform;
  }

  get poller(): TopologyPoller {
    return this.wiring.poller;
  }

  private keysOf(lab: LabKind): string[] {
    return lab === "replication" ? this.config.replicationKeys : this.config.keys;
  }

  private labInfo(platform: Platform): LabInfo {
    const config = this.config;
    return {
      platform: platform.kind,
      lab: platform.lab,
      scope: platform.scope,
      keys: this.keysOf(platform.lab),
      lanes: LAB_LANES[platform.lab],
      probeIntervalMs: config.probeIntervalMs,
      nodeTimeoutMs: config.nodeTimeoutMs,
      requireFullCoverage:
        platform.kind === "local" && platform.lab === "cluster" ? config.requireFullCoverage : null,
      startedAt: Date.now(),
    };
  }

  private wire(platform: Platform): LabWiring {
    const lab = platform.lab;
    const keys = this.keysOf(lab);
    const w: LabWiring = {
      platform,
      poller: new TopologyPoller(platform, this.store, TOPOLOGY_PERIOD_MS),
      replication:
        lab === "replication"
          ? new ReplicationPoller(platform, this.store, keys, REPLICATION_PERIOD_MS)
          : null,
      aof: lab === "replication" && platform.aofFiles ? new AofReader(platform, this.store) : null,
      probes: new Probes(platform, this.store, keys, this.config.probeIntervalMs, LAB_LANES[lab]),
      logs: new LogTail(platform, this.store),
      evidenceReader: new EvidenceReader(platform),
    };
    this.store.setSettings({
      autoRepair: lab === "cluster" && this.store.settings.autoRepair,
      persistence: platform.persistence,
      canReset: !!platform.reset,
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
    if (w.replication) {
      w.replication.start();
      w.aof?.start();
    } else {
      w.poller.start();
      await w.poller.fresh();
    }
    w.probes.start();
  }

  /** Stops the lab's observers and its pods; the store and its subscribers (the hub) stay. */
  private async stopLab(): Promise<void> {
    const w = this.wiring;
    if (this.autoRepairTimer) clearTimeout(this.autoRepairTimer);
    this.autoRepairTimer = null;
    w.probes.stop();
    w.poller.stop();
    w.replication?.stop();
    w.aof?.stop();
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
    if (this.platform.kind !== "local") {
      throw new ActionError(409, "cannot_reset", { platform: this.platform.kind });
    }
    const release = this.lock.acquire({ action: "lab", actor: actor.name });
    try {
      this.store.addEvents([
        newEvent("lab-switch-started", Date.now(), {
          actor: actor.name,
          lab,
          persistence: persistence ?? null,
        }),
      ]);
      await this.stopLab();
      const platform = await createPlatform(this.config, initialValues(this.keysOf(lab)), {
        lab,
        persistence: persistence ?? this.config.persistence,
      });
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

  /** `POST /api/keys`: the write box's `SET key value`, on the master through its Service as the seed does. */
  async setKey(actor: Actor, input: unknown): Promise<SetKeyResult> {
    const { key, value } = parse(setKeyRequestSchema, input);
    const platform = this.platform;
    if (platform.lab !== "replication" || !platform.serviceAddress) {
      throw new ActionError(409, "not_in_lab", { what: "keys", lab: "replication", running: platform.lab });
    }
    const service = platform.serviceName?.("master") ?? "master";
    const addr = platform.serviceAddress("master");
    if (!addr) throw new ActionError(503, "no_master", { service, detail: "the master pod is not ready" });
    let reply: string;
    try {
      reply = await oneShot(addr, platform.password, 2000, (r) => r.set(key, value));
    } catch (err) {
      throw new ActionError(503, "no_master", { service, detail: (err as Error).message.slice(0, 200) });
    }
    this.store.addEvents([newEvent("key-set", Date.now(), { actor: actor.name, key, value })]);
    return { key, value, reply, command: setCommand(service, key, value) };
  }

  /** `GET /api/aof`: the master's `appendonlydir/` as the viewer shows it, read now. */
  async aof(): Promise<AofSnapshot> {
    const reader = this.wiring.aof;
    if (!reader) {
      throw new ActionError(409, "not_in_lab", {
        what: "aof",
        lab: "replication",
        running: this.platform.lab,
      });
    }
    return reader.readNow();
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
    if (this.platform.lab !== "cluster") {
      throw new ActionError(409, "not_in_lab", {
        what: "repair",
        lab: "cluster",
        running: this.platform.lab,
      });
    }
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
      this.wiring.replication?.forget();
      await this.platform.reset({ persistence });
      this.wiring.probes.restart();
      await this.poller.fresh();
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
    return this.wiring.evidenceReader.read(this.store.pods.find((p) => p.name === pod) ?? null, pod);
  }

  /** Like an operator: once a recreated pod runs and the topology has settled, repair without being asked. */
  private scheduleAutoRepair(): void {
    if (!this.store.settings.autoRepair) return;
    if (this.autoRepairTimer) clearTimeout(this.autoRepairTimer);
    this.autoRepairTimer = setTimeout(() => void this.autoRepair(), AUTO_REPAIR_SETTLE_MS);
  }

  private async autoRepair(): Promise<void> {
    this.autoRepairTimer = null;
    if (!this.store.settings.autoRepair || this.lock.busy || this.platform.lab !== "cluster") return;
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
