import { FakeKubeApi, type FakeKubeOptions } from "./fakeKubeApi";

/** Polls until `cond` holds; bounded, so a broken test fails instead of hanging. */
export async function waitFor(cond: () => boolean, what: string, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export const NS = "redis-cluster";
export const RELEASE = "ds-redis";
export const POD = (i: number) => `ds-redis-redis-cluster-${i}`;

/** Lab B as on the seed: six pods of `ds-redis-redis-cluster`, the chart's secret, and pods that are not ours. */
export async function seededFake(opts: FakeKubeOptions = {}): Promise<FakeKubeApi> {
  const fake = new FakeKubeApi(opts);
  await fake.start();
  for (let i = 0; i < 6; i++) fake.addPod({ name: POD(i), ip: `10.42.2.${76 + i}` });
  fake.addSecret(NS, "ds-redis-redis-cluster", {
    "redis-password": Buffer.from("new1234").toString("base64"),
  });
  // The seed's client pods, in the same namespace but not of the release.
  fake.addPod({ name: "redis-client-9f57dc6d6-7kffv", ip: "10.42.2.74", labels: { app: "redis-client" } });
  // A pod with the same name as ours, in another namespace.
  fake.addPod({ name: POD(2), namespace: "other", ip: "10.42.3.5" });
  return fake;
}
