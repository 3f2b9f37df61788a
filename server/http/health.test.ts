import { describe, expect, it } from "vitest";
import { Store } from "../store";
import { healthReport } from "./health";

const store = () =>
  new Store({
    platform: "kubernetes",
    lab: "cluster",
    scope: "redis-cluster/ds-redis",
    keys: ["a"],
    lanes: ["cluster"],
    probeIntervalMs: 200,
    nodeTimeoutMs: 15_000,
    requireFullCoverage: null,
    startedAt: 0,
  });

describe("healthReport", () => {
  it("is ok while the platform sees its pods", () => {
    expect(healthReport(store())).toMatchObject({ ok: true, podsStale: false });
  });

  it("is not ok, and says since when, while the Kubernetes API is unreachable", () => {
    const s = store();
    const since = Date.UTC(2024, 2, 10, 4, 14, 46);
    s.setPlatformStatus({ apiUnreachable: { since, error: "connect ECONNREFUSED" }, logErrors: [] });
    expect(healthReport(s)).toMatchObject({
      ok: false,
      podsStale: true,
      kubernetesApi: { reachable: false, since: "2024-03-10T04:14:46.000Z", error: "connect ECONNREFUSED" },
    });
  });
});
