import { clusterKubeChart } from "@/lib/labs/cluster/kubeChart";
import { afterEach, describe, expect, it } from "vitest";
import { KubeApi } from "./kubeApi";
import { releaseSelector } from "./names";
import { podStates } from "./podMapping";
import { PodWatch } from "./podWatch";
import type { FakeKubeApi } from "./testing/fakeKubeApi";
import { NS, POD, RELEASE, seededFake, waitFor } from "./testing/helpers";

let fake: FakeKubeApi;
let watch: PodWatch;

async function startWatch(opts: { goneAsHttpStatus?: boolean } = {}, backoffMaxMs = 20) {
  fake = await seededFake(opts);
  watch = new PodWatch(new KubeApi(fake.kubeConfig()), {
    namespace: NS,
    labelSelector: releaseSelector(RELEASE, clusterKubeChart),
    backoffMinMs: 5,
    backoffMaxMs,
  });
  await watch.start();
  await waitFor(() => fake.watcherCount() === 1, "the watch to connect");
}

const names = () => [...watch.current().keys()].sort();
const watchRequests = () =>
  fake.requests.filter((r) => r.path === `/api/v1/namespaces/${NS}/pods` && r.query.watch);

afterEach(async () => {
  await watch?.stop();
  await fake?.close();
});

describe("PodWatch against the fake API server", () => {
  it("lists only the release's pods in the namespace, sorted, and watches with bookmarks", async () => {
    await startWatch();
    expect(names()).toEqual([0, 1, 2, 3, 4, 5].map(POD));
    expect(podStates(watch.current())[2]).toMatchObject({ name: POD(2), ip: "10.42.2.78", ready: true });
    const w = watchRequests()[0];
    expect(w.query).toMatchObject({
      labelSelector: "app.kubernetes.io/instance=ds-redis,app.kubernetes.io/name=redis-cluster",
      allowWatchBookmarks: "true",
    });
    // The watch starts where the list ended, so nothing between the two is missed or replayed.
    expect(w.query.resourceVersion).toBe(fake.currentResourceVersion());
  });

  it("resumes a dropped watch from the last resourceVersion without losing a pod", async () => {
    await startWatch();
    fake.dropWatches();
    // While nobody watches: one pod changes IP, one is added. Both events must arrive after the resume.
    fake.updatePod(POD(1), (p) => (p.status.podIP = "10.42.2.99"));
    fake.addPod({ name: POD(6), ip: "10.42.2.100" });
    await waitFor(() => watch.current().has(POD(6)), "the pod added during the drop");
    expect(podStates(watch.current()).find((p) => p.name === POD(1))?.ip).toBe("10.42.2.99");
    expect(names()).toEqual([0, 1, 2, 3, 4, 5, 6].map(POD));
    // Resumed, not re-listed: one list only, the second watch starts from a resourceVersion.
    expect(watch.stats.lists).toBe(1);
    const resumed = watchRequests()[1];
    expect(Number(resumed.query.resourceVersion)).toBeGreaterThan(0);
  });

  it("resumes from a bookmark's resourceVersion after a clean end of the watch", async () => {
    await startWatch();
    fake.addPod({ name: "unrelated-0", labels: { app: "x" } }); // advances the resourceVersion, not ours
    fake.bookmark();
    const rvAtBookmark = fake.currentResourceVersion();
    await new Promise((r) => setTimeout(r, 20));
    fake.endWatches();
    await waitFor(() => watchRequests().length === 2, "the watch to resume");
    expect(watchRequests()[1].query.resourceVersion).toBe(rvAtBookmark);
    expect(watch.stats.lists).toBe(1);
  });

  it("re-lists on 410 Gone (ERROR event) and drops pods deleted while away", async () => {
    await startWatch();
    fake.dropWatches();
    fake.removePod(POD(5));
    fake.addPod({ name: POD(7), ip: "10.42.2.101" });
    fake.compact(); // the events above are no longer in the watch cache
    await waitFor(() => watch.stats.gone === 1 && watch.current().has(POD(7)), "a re-list after 410");
    expect(names()).toEqual([0, 1, 2, 3, 4, 7].map(POD));
    expect(watch.stats.lists).toBe(2);
    await waitFor(() => fake.watcherCount() === 1, "a new watch after the re-list");
  });

  it("re-lists on 410 Gone given as an HTTP status", async () => {
    await startWatch({ goneAsHttpStatus: true });
    fake.dropWatches();
    fake.removePod(POD(0));
    fake.compact();
    await waitFor(() => watch.stats.gone === 1 && !watch.current().has(POD(0)), "a re-list after HTTP 410");
    expect(names()).toEqual([1, 2, 3, 4, 5].map(POD));
  });

  it("sees a deleted pod come back as the same name with a new IP", async () => {
    await startWatch();
    const seen: string[] = [];
    watch.onChange((m) => {
      const p = podStates(m).find((s) => s.name === POD(2));
      seen.push(p ? `${p.phase}/${p.ip ?? "-"}` : "absent");
    });
    const res = await fetch(`${fake.url}/api/v1/namespaces/${NS}/pods/${POD(2)}`, { method: "DELETE" });
    expect(res.status).toBe(200);
    await waitFor(() => seen.at(-1) === "Running/10.42.2.90", "the replacement with its new IP");
    expect(seen).toEqual(["Terminating/10.42.2.78", "absent", "Pending/-", "Running/10.42.2.90"]);
    const p = podStates(watch.current()).find((s) => s.name === POD(2))!;
    expect(p).toMatchObject({ ready: false, restarts: 0 });
  });

  it("keeps retrying while the API server refuses, and recovers", async () => {
    await startWatch();
    const statuses: string[] = [];
    watch.onStatus((s) => statuses.push(s.state));
    fake.rules = []; // everything forbidden: the watch gets 403
    fake.dropWatches();
    await waitFor(() => statuses.includes("reconnecting"), "a reconnecting status");
    fake.rules = null;
    fake.addPod({ name: POD(8) });
    await waitFor(() => watch.current().has(POD(8)), "recovery after the 403s");
  });

  it("starts the backoff again from its minimum once a watch has reconnected", async () => {
    await startWatch({}, 60_000);
    fake.rules = []; // an outage the watch sees as 403s: the backoff doubles with every refusal
    fake.dropWatches();
    await waitFor(() => watch.stats.lastRetryDelayMs >= 80, "the backoff to grow", 5000);
    fake.rules = null;
    await waitFor(() => fake.watcherCount() === 1, "the watch back", 5000);
    const before = watch.stats.watches;
    fake.dropWatches(); // a second drop, the API being fine
    await waitFor(
      () => watch.stats.watches > before && fake.watcherCount() === 1,
      "the watch back again",
      5000,
    );
    expect(watch.stats.lastRetryDelayMs).toBe(5);
  });
});
