import { replicationKubeChart } from "@/lib/labs/replication/kubeChart";
import { clusterKubeChart } from "@/lib/labs/cluster/kubeChart";
import { describe, expect, it } from "vitest";
import { applicablePermissions, requiredPermissions } from "./permissions";

const verbsOf = (lab: "cluster" | "replication", subresource: string) =>
  requiredPermissions("ds-redis", lab === "cluster" ? clusterKubeChart : replicationKubeChart)
    .filter((p) => p.resource === "pods" && p.subresource === subresource)
    .map((p) => p.verb)
    .sort();

describe("requiredPermissions: the subresources the client opens as a WebSocket", () => {
  // A WebSocket upgrade is a GET: `get` before kube-apiserver 1.35, `get` and `create` from 1.35.
  it("asks for get and create on pods/portforward, in both labs", () => {
    expect(verbsOf("cluster", "portforward")).toEqual(["create", "get"]);
    expect(verbsOf("replication", "portforward")).toEqual(["create", "get"]);
  });

  it("asks for get and create on pods/exec in lab A, and no exec at all in lab B", () => {
    expect(verbsOf("replication", "exec")).toEqual(["create", "get"]);
    expect(verbsOf("cluster", "exec")).toEqual([]);
  });

  it("checks both port-forward verbs at start only when Redis is reached through port-forwards", () => {
    const all = requiredPermissions("ds-redis", clusterKubeChart);
    const pf = (portForward: boolean) =>
      applicablePermissions(all, { portForward, passwordFromSecret: true })
        .filter((p) => p.subresource === "portforward")
        .map((p) => p.verb)
        .sort();
    expect(pf(true)).toEqual(["create", "get"]);
    expect(pf(false)).toEqual([]);
  });
});
