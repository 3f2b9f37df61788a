import type { KubeChart } from "../kubeChart";

/** Lab A on kubernetes: the bitnami redis chart, a master StatefulSet and a replicas StatefulSet. */
export const replicationKubeChart: KubeChart = {
  lab: "replication",
  chart: "redis",
  defaultNamespace: "redis-mr",
  statefulSetSuffixes: ["-master", "-replicas"],
  services: ["master", "replicas"],
  readinessAsksClusterInfo: false,
  aofViewer: true,
  // The seed persists the master only.
  persistencePods: /-master-\d+$/,
};
