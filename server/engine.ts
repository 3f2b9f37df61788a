import type { Config } from "@/lib/config";
import { createPodDiffer } from "@/lib/podDiff";
import type { LabInfo } from "@/lib/protocol";
import { ActionLock } from "./actions/actionLock";
import { type Actor, deletePod } from "./actions/deletePod";
import { LogTail } from "./observe/logTail";
import { Probes } from "./observe/probes";
import { RunTracker } from "./observe/runTracker";
import { TopologyPoller } from "./observe/topologyPoller";
import { createPlatform } from "./platform/create";
import type { Platform } from "./platform/types";
import { Store } from "./store";

const TOPOLOGY_PERIOD_MS = 100;

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
  private unsubscribePods: (() => void) | null = null;

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
      startedAt: Date.now(),
    };
    this.store = new Store(lab);
    this.lock = new ActionLock(this.store);
    this.runs = new RunTracker(this.store, 4 * config.nodeTimeoutMs + 60_000);
    this.poller = new TopologyPoller(platform, this.store, TOPOLOGY_PERIOD_MS);
    this.probes = new Probes(platform, this.store, config.keys, config.probeIntervalMs, lab.lanes);
    this.logs = new LogTail(platform, this.store);
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
    await this.platform.start();
    this.store.setPods(this.platform.pods());
    await this.poller.pollOnce();
    this.poller.start();
    this.probes.start();
  }

  async stop(): Promise<void> {
    this.probes.stop();
    this.poller.stop();
    this.runs.stop();
    this.logs.stop();
    this.unsubscribePods?.();
    await this.platform.stop();
  }

  deletePod(actor: Actor, input: unknown) {
    return deletePod(
      { platform: this.platform, store: this.store, lock: this.lock, runs: this.runs },
      actor,
      input,
    );
  }
}
