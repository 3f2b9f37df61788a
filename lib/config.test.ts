import { describe, expect, it } from "vitest";
import { parseConfig } from "./config";

describe("parseConfig: PUBLIC_URL", () => {
  it("is null unless set, and taken from the env or --public-url", () => {
    expect(parseConfig({}).publicUrl).toBeNull();
    expect(parseConfig({ PUBLIC_URL: "http://203.0.113.7:32080" }).publicUrl).toBe(
      "http://203.0.113.7:32080",
    );
    expect(parseConfig({}, ["--public-url", "https://lab.example.org/failover/"]).publicUrl).toBe(
      "https://lab.example.org/failover/",
    );
  });

  it("refuses what a phone could not open as the join address, or one with a query (a token could ride in it)", () => {
    for (const bad of [
      "lab.example.org",
      "ftp://lab.example.org/",
      "http://lab.example.org/?token=x",
      "http://a/#b",
    ]) {
      expect(() => parseConfig({ PUBLIC_URL: bad }), bad).toThrow(/PUBLIC_URL/);
    }
  });
});

describe("parseConfig: each lab's kubernetes namespace", () => {
  it("defaults to the seed's namespaces; KUBE_NAMESPACE is the started lab's, KUBE_NAMESPACE_<LAB> each lab's own", () => {
    expect(parseConfig({}).kubeNamespaces).toEqual({ cluster: "redis-cluster", replication: "redis-mr" });
    const started = parseConfig({ KUBE_NAMESPACE: "lab-b" });
    expect(started.kubeNamespace).toBe("lab-b");
    expect(started.kubeNamespaces).toEqual({ cluster: "lab-b", replication: "redis-mr" });
    const a = parseConfig({ DASHBOARD_LAB: "replication", KUBE_NAMESPACE: "lab-a" });
    expect(a.kubeNamespaces).toEqual({ cluster: "redis-cluster", replication: "lab-a" });
    const own = parseConfig({
      KUBE_NAMESPACE: "x",
      KUBE_NAMESPACE_CLUSTER: "b",
      KUBE_NAMESPACE_REPLICATION: "a",
    });
    expect(own.kubeNamespaces).toEqual({ cluster: "b", replication: "a" });
    expect(own.kubeNamespace).toBe("b");
  });
});
