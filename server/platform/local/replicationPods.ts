import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { oneShot } from "../../redis/connect";
import type { Platform, RedisAddress } from "../types";
import {
  type LocalPod,
  LocalPodSet,
  type PodSetOptions,
  pendingPod,
  probeFailure,
  REDIS_PORT,
} from "./localPodSet";

export interface LocalReplicationOptions extends PodSetOptions {
  /** Written to the master once the lab is up; the seed starts empty. */
  keys?: Record<string, string>;
}

export type ReplicationService = "master" | "replicas";

interface ReplicationPod extends LocalPod {
  role: "master" | "replica";
}

/**
 * Lab A's pods, played by `redis-server` children the way the bitnami redis chart runs them: one master
 * StatefulSet pod `<release>-master-0` and two replica pods `<release>-replicas-0/1`, with the chart's
 * `appendonly yes` (so the master always writes an AOF; only with persistence does that dir survive), stable
 * names, a new loopback IP for every incarnation, and the chart's readiness probes.
 *
 * The replicas follow the master by name: the chart starts them with
 * `--replicaof <release>-master-0.<release>-headless.<ns>.svc.cluster.local 6379`, and Redis resolves that
 * name again on every reconnect, so a master recreated at a new pod IP is found there. Loopback addresses
 * have no DNS name we can repoint, so the platform plays the resolver: whenever the master's IP differs from
 * what a replica follows, it sends that replica `REPLICAOF <master ip> 6379` — after the master starts, and
 * on every readiness round, as a replica's reconnect loop would re-resolve the name.
 */
export class LocalReplicationPlatform
  extends LocalPodSet<ReplicationPod, LocalReplicationOptions>
  implements Platform
{
  readonly lab = "replication" as const;
  private readonly masterName: string;
  /** The address the master's stable name resolves to: its current IP, or its last one while it is away. */
  private masterIp: string | null = null;
  private replicaTurn = 0;

  constructor(o: LocalReplicationOptions) {
    const release = o.release ?? "ds-redis";
    const pod = (name: string, role: ReplicationPod["role"]): ReplicationPod => ({
      ...pendingPod(name),
      role,
    });
    super(o, [
      pod(`${release}-master-0`, "master"),
      pod(`${release}-replicas-0`, "replica"),
      pod(`${release}-replicas-1`, "replica"),
    ]);
    this.masterName = `${release}-master-0`;
  }

  protected async bringUp(): Promise<void> {
    this.masterIp = null;
    // The replicas start pointing at the master's address, so it must have one first.
    await this.launch(this.master());
    await Promise.all(this.replicas().map((p) => this.launch(p)));
    await this.waitForReplicasLinked(10_000);
    const keys = Object.entries(this.o.keys ?? {});
    if (keys.length > 0) {
      await oneShot(this.address(this.master())!, this.password, 2000, async (r) => {
        for (const [k, v] of keys) await r.set(k, v);
      });
    }
  }

  /**
   * The chart's Services: `<release>-master` reaches the master while it is ready; `<release>-replicas` a
   * ready replica, taking turns as kube-proxy spreads connections. Null when the Service has no endpoint.
   */
  serviceAddress(service: ReplicationService): RedisAddress | null {
    if (service === "master") {
      const m = this.master();
      return m.state.ready ? this.address(m) : null;
    }
    const ready = this.replicas().filter((p) => p.state.ready && p.state.ip);
    if (ready.length === 0) return null;
    return this.address(ready[this.replicaTurn++ % ready.length]);
  }

  /** `redis-cli -h <release>-master` / `-h <release>-replicas`: the Service names, for the UI. */
  serviceName(service: ReplicationService): string {
    return `${this.release}-${service}`;
  }

  /**
   * The files of a pod's `appendonlydir/`, for the AOF viewer (`describeAofDir`). Empty when the dir is
   * gone (an emptyDir wiped with its pod). Read while Redis appends: the last file may end mid-command.
   */
  async aofFiles(name: string): Promise<{ name: string; data: Uint8Array }[]> {
    this.pod(name);
    const dir = path.join(this.podDir(name), "appendonlydir");
    const names = await readdir(dir).catch(() => [] as string[]);
    const files = await Promise.all(
      names.map(async (f) => {
        // A rewrite renames and deletes files as we list them: a vanished one is simply not shown.
        const data = await readFile(path.join(dir, f)).catch(() => null);
        return data ? { name: f, data: new Uint8Array(data) } : null;
      }),
    );
    return files.filter((f) => f !== null);
  }

  protected podsRoot(): string {
    return path.join(this.absDir, "replication");
  }

  /** As in the seed's install: only the master has a PVC (`replica.persistence.enabled=false`). */
  protected keepsData(pod: ReplicationPod): boolean {
    return pod.role === "master" && this.o.persistence;
  }

  protected redisOptions(pod: ReplicationPod) {
    const follow =
      pod.role === "replica" && this.masterIp ? ["--replicaof", this.masterIp, String(REDIS_PORT)] : [];
    return { cluster: false, nodeTimeoutMs: 0, extra: follow };
  }

  /** Never the address the replicas may still follow: a replica must not find a stranger there. */
  protected reservedIps(): (string | null)[] {
    return [this.masterIp];
  }

  protected async afterLaunch(pod: ReplicationPod): Promise<void> {
    if (pod.role !== "master") return;
    this.masterIp = pod.state.ip;
    await this.repointReplicas();
  }

  protected beforeReadinessRound(): Promise<void> {
    return this.repointReplicas();
  }

  /**
   * The chart's probes: the master runs `ping_readiness_local.sh` (PING must answer PONG, so LOADING is not
   * ready); a replica runs `ping_readiness_local_and_master.sh`, which also PINGs the master by its name.
   */
  protected async readinessCheck(
    pod: ReplicationPod,
    addr: RedisAddress,
    timeoutMs: number,
  ): Promise<string | null> {
    let reason = await this.ping(addr, timeoutMs);
    if (!reason && pod.role === "replica") {
      const m = this.master();
      const masterAddr = m.state.phase === "Running" ? this.address(m) : null;
      reason = masterAddr
        ? await this.ping(masterAddr, timeoutMs)
        : "master: could not resolve the master's name";
      if (reason && masterAddr) reason = `master: ${reason}`;
    }
    return reason;
  }

  private master(): ReplicationPod {
    return this.podMap.get(this.masterName)!;
  }

  private replicas(): ReplicationPod[] {
    return [...this.podMap.values()].filter((p) => p.role === "replica");
  }

  /** The resolver's part: every running replica follows the master's current IP. */
  private async repointReplicas(): Promise<void> {
    const target = this.masterIp;
    if (!target) return;
    await Promise.all(
      this.replicas().map(async (pod) => {
        const addr = this.address(pod);
        if (!addr || !pod.proc || pod.deleting) return;
        try {
          await oneShot(addr, this.password, 2000, async (r) => {
            const info = (await r.info("replication")) as string;
            if (/^master_host:(.*)$/m.exec(info)?.[1]?.trim() !== target)
              await r.call("REPLICAOF", target, String(REDIS_PORT));
          });
        } catch {
          // The replica is starting or going away; the next readiness round tries again.
        }
      }),
    );
  }

  private async waitForReplicasLinked(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (const pod of this.replicas()) {
      for (;;) {
        const info = await oneShot(this.address(pod)!, this.password, 1000, (r) =>
          r.info("replication"),
        ).catch(() => "");
        if (/^master_link_status:up/m.test(info)) break;
        if (Date.now() > deadline) throw new Error(`${pod.state.name} did not link to the master`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }

  /** Null when PING answered PONG, else what the probe script would print. */
  private async ping(addr: RedisAddress, timeoutMs: number): Promise<string | null> {
    try {
      const pong = await oneShot(addr, this.password, timeoutMs, (r) => r.ping());
      return pong === "PONG" ? null : pong;
    } catch (err) {
      return probeFailure(err, addr);
    }
  }
}
