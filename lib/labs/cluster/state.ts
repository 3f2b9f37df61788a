// Lab B's observed state: the topology the poller last published, and how it travels as a change.
import { applyTopologyChange, type TopologyChange, topologyChange } from "../../topologyChange";
import { jsonEqual } from "../../jsonEqual";
import type { Topology } from "../../types";
import type { LabStateSpec } from "../labStateSpec";

export interface ClusterLabState {
  kind: "cluster";
  topology: Topology;
}
export interface ClusterChange {
  kind: "cluster";
  topology: TopologyChange;
}

export const NO_TOPOLOGY: Topology = { nodes: [], clusterState: "unknown", views: [] };

/** The topology in a lab state; the empty one in another lab (a cluster panel then draws nothing). */
export function topologyOf(s: { kind: string }): Topology {
  return s.kind === "cluster" ? (s as ClusterLabState).topology : NO_TOPOLOGY;
}

export function clusterLabState(topology: Topology): ClusterLabState {
  return { kind: "cluster", topology };
}

export const clusterStateSpec: LabStateSpec<ClusterLabState, ClusterChange> = {
  empty: () => clusterLabState(NO_TOPOLOGY),
  diff: (prev, next) =>
    prev.topology === next.topology
      ? null
      : { kind: "cluster", topology: topologyChange(prev.topology, next.topology) },
  apply: (s, c) => clusterLabState(applyTopologyChange(s.topology, c.topology)),
  // The pods' own views (what each one knows, its epoch) change in bursts around a failover, a few times in the
  // 50 ms before the promotion; the roles, slots, flags and the cluster's state are what the room waits for.
  canWait: (prev, next) =>
    prev.topology.clusterState === next.topology.clusterState &&
    jsonEqual(prev.topology.nodes, next.topology.nodes),
};
