import { Cluster, type Redis } from "ioredis";
import { connectNode } from "../../redis/connect";

/**
 * Forms the lab's 3+3 cluster the way `redis-cli --cluster create --cluster-replicas 1` does, but with the
 * seed's layout fixed: pods 0..2 are masters (0-5460, 5461-10922, 10923-16383), pod 3 replicates pod 2,
 * pod 4 pod 0 and pod 5 pod 1 — so key `a` (slot 15495) lives on pod 2 with pod 3 as its replica.
 * Done through commands rather than redis-cli because redis-cli sleeps a second per wait.
 */
export async function formCluster(
  ips: string[],
  port: number,
  password: string,
  keys: Record<string, string>,
): Promise<void> {
  const nodes = ips.map((ip) => connectNode({ host: ip, port }, password, { commandTimeout: 2000 }));
  for (const n of nodes) n.on("error", () => {});
  try {
    await Promise.all(nodes.map((n) => n.connect()));
    const ids = (await Promise.all(nodes.map((n) => n.call("CLUSTER", "MYID")))) as string[];
    const ranges: [number, number][] = [
      [0, 5460],
      [5461, 10922],
      [10923, 16383],
    ];
    await Promise.all(
      ranges.map(async ([from, to], i) => {
        await nodes[i].call("CLUSTER", "ADDSLOTSRANGE", from, to);
        await nodes[i].call("CLUSTER", "SET-CONFIG-EPOCH", i + 1);
      }),
    );
    await Promise.all(nodes.slice(1).map((n) => n.call("CLUSTER", "MEET", ips[0], port)));
    await waitFor("all six nodes to meet", () => allKnowEachOther(nodes, ids));
    const replicaOf = [2, 0, 1];
    await Promise.all(replicaOf.map((m, r) => nodes[3 + r].call("CLUSTER", "REPLICATE", ids[m])));
    await waitFor("cluster_state:ok on every node", async () => {
      const infos = (await Promise.all(nodes.map((n) => n.call("CLUSTER", "INFO")))) as string[];
      return infos.every((i) => i.includes("cluster_state:ok"));
    });
    await writeKeys(ips, port, password, keys);
    await waitFor("replicas to sync", async () => {
      const infos = await Promise.all(nodes.slice(3).map((n) => n.info("replication")));
      return infos.every((i) => i.includes("master_link_status:up"));
    });
  } finally {
    for (const n of nodes) n.disconnect();
  }
}

async function allKnowEachOther(nodes: Redis[], ids: string[]): Promise<boolean> {
  const views = (await Promise.all(nodes.map((n) => n.call("CLUSTER", "NODES")))) as string[];
  return views.every((v) => ids.every((id) => v.includes(id)) && !v.includes("handshake"));
}

async function writeKeys(ips: string[], port: number, password: string, keys: Record<string, string>) {
  const client = new Cluster(
    ips.map((host) => ({ host, port })),
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
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
