import { Cluster, type Redis } from "ioredis";
import { connectNode, open } from "../../redis/connect";

export interface PodAddress {
  pod: string;
  ip: string;
}

export interface FormOptions {
  commandTimeoutMs?: number;
  /** Told of each attempt that failed and will be tried again. */
  onRetry?: (step: string, pod: string, err: Error) => void;
}

/** A loaded machine stalls a node for a moment; a stall this long, three times over, is a real failure. */
const COMMAND_TIMEOUT_MS = 5000;
const ATTEMPTS = 3;

/**
 * Forms the lab's 3+3 cluster the way `redis-cli --cluster create --cluster-replicas 1` does, but with the
 * seed's layout fixed: pods 0..2 are masters (0-5460, 5461-10922, 10923-16383), pod 3 replicates pod 2,
 * pod 4 pod 0 and pod 5 pod 1 — so key `a` (slot 15495) lives on pod 2 with pod 3 as its replica.
 * Done through commands rather than redis-cli because redis-cli sleeps a second per wait.
 * Each step is retried when it timed out or lost its connection, after checking whether the lost attempt
 * took effect (ADDSLOTSRANGE and SET-CONFIG-EPOCH refuse to run twice); a failure names the step, the pod
 * and Redis's own words, with the last warning the pod logged (`lastWords`).
 */
export async function formCluster(
  pods: PodAddress[],
  port: number,
  password: string,
  keys: Record<string, string>,
  lastWords: (pod: string) => string | null = () => null,
  opts: FormOptions = {},
): Promise<void> {
  const timeout = opts.commandTimeoutMs ?? COMMAND_TIMEOUT_MS;
  const nodes = pods.map((p) =>
    connectNode({ host: p.ip, port }, password, { commandTimeout: timeout, connectTimeout: timeout }),
  );
  for (const n of nodes) n.on("error", () => {});
  const step = <T>(
    name: string,
    i: number,
    run: (n: Redis) => Promise<T>,
    done?: (n: Redis) => Promise<boolean>,
  ) => retried(name, pods[i], nodes[i], run, done, lastWords, opts.onRetry);
  try {
    // `retried` opens a node's connection before each attempt; this step is only that, under its own name.
    await Promise.all(nodes.map((_, i) => step("connect", i, async () => undefined)));
    // MYID is only read, so it never needs an "already done" check: every success returns the id.
    const ids = (await Promise.all(
      nodes.map((_, i) => step("CLUSTER MYID", i, (n) => n.call("CLUSTER", "MYID") as Promise<string>)),
    )) as string[];
    const ranges: [number, number][] = [
      [0, 5460],
      [5461, 10922],
      [10923, 16383],
    ];
    await Promise.all(
      ranges.map(async ([from, to], i) => {
        await step(
          `CLUSTER ADDSLOTSRANGE ${from} ${to}`,
          i,
          (n) => n.call("CLUSTER", "ADDSLOTSRANGE", from, to),
          async (n) => servesRange((await n.call("CLUSTER", "NODES")) as string, from, to),
        );
        await step(
          `CLUSTER SET-CONFIG-EPOCH ${i + 1}`,
          i,
          (n) => n.call("CLUSTER", "SET-CONFIG-EPOCH", i + 1),
          async (n) => ((await n.call("CLUSTER", "INFO")) as string).includes(`cluster_my_epoch:${i + 1}\r`),
        );
      }),
    );
    await Promise.all(
      nodes
        .slice(1)
        .map((_, j) =>
          step(`CLUSTER MEET ${pods[0].ip} ${port}`, j + 1, (n) =>
            n.call("CLUSTER", "MEET", pods[0].ip, port),
          ),
        ),
    );
    await waitFor("all six nodes to meet", () => allKnowEachOther(nodes, ids));
    const replicaOf = [2, 0, 1];
    await Promise.all(
      replicaOf.map((m, r) =>
        step(`CLUSTER REPLICATE ${ids[m]} (${pods[m].pod})`, 3 + r, (n) =>
          n.call("CLUSTER", "REPLICATE", ids[m]),
        ),
      ),
    );
    await waitFor("cluster_state:ok on every node", async () => {
      const infos = (await Promise.all(nodes.map((n) => n.call("CLUSTER", "INFO")))) as string[];
      return infos.every((i) => i.includes("cluster_state:ok"));
    });
    await writeKeys(pods, port, password, keys);
    await waitFor("replicas to sync", async () => {
      const infos = await Promise.all(nodes.slice(3).map((n) => n.info("replication")));
      return infos.every((i) => i.includes("master_link_status:up"));
    });
  } finally {
    for (const n of nodes) n.disconnect();
  }
}

function servesRange(clusterNodes: string, from: number, to: number): boolean {
  const me = clusterNodes.split("\n").find((l) => l.includes("myself"));
  return !!me && me.split(" ").slice(8).includes(`${from}-${to}`);
}

function isReply(err: unknown): boolean {
  return (err as Error)?.name === "ReplyError";
}

async function retried<T>(
  step: string,
  pod: PodAddress,
  node: Redis,
  run: (n: Redis) => Promise<T>,
  alreadyDone: ((n: Redis) => Promise<boolean>) | undefined,
  lastWords: (pod: string) => string | null,
  onRetry: FormOptions["onRetry"],
): Promise<T | undefined> {
  let last: unknown;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    // A lost reply may have been a command that ran: ask before sending it again.
    if (attempt > 1 && alreadyDone && (await alreadyDone(node).catch(() => false))) return undefined;
    try {
      // A timed-out or dropped connection is gone (no retries of its own): open a new one.
      if (node.status !== "ready") {
        node.disconnect();
        await open(node);
      }
      return await run(node);
    } catch (err) {
      last = err;
      // Redis answered no: sending the same again gets the same answer, unless the first attempt ran.
      if (isReply(err)) {
        if (attempt > 1 && alreadyDone && (await alreadyDone(node).catch(() => false))) return undefined;
        break;
      }
      if (attempt < ATTEMPTS) onRetry?.(step, pod.pod, err as Error);
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
  const words = lastWords(pod.pod);
  throw new Error(
    `forming the cluster: ${step} on pod ${pod.pod} (${pod.ip}) failed: ${(last as Error)?.message ?? last}` +
      (words ? `; the pod last logged: ${words}` : ""),
  );
}

async function allKnowEachOther(nodes: Redis[], ids: string[]): Promise<boolean> {
  const views = (await Promise.all(nodes.map((n) => n.call("CLUSTER", "NODES")))) as string[];
  return views.every((v) => ids.every((id) => v.includes(id)) && !v.includes("handshake"));
}

async function writeKeys(pods: PodAddress[], port: number, password: string, keys: Record<string, string>) {
  const client = new Cluster(
    pods.map((p) => ({ host: p.ip, port })),
    { redisOptions: { password }, enableOfflineQueue: true },
  );
  client.on("error", () => {});
  try {
    for (const [k, v] of Object.entries(keys)) await client.set(k, v);
  } finally {
    client.disconnect();
  }
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastErr: unknown = null;
  for (;;) {
    try {
      if (await check()) return;
      lastErr = null;
    } catch (err) {
      lastErr = err;
    }
    if (Date.now() > deadline)
      throw new Error(
        `forming the cluster: timed out after ${timeoutMs} ms waiting for ${what}` +
          (lastErr ? ` (last error: ${(lastErr as Error).message})` : ""),
      );
    await new Promise((r) => setTimeout(r, 50));
  }
}
