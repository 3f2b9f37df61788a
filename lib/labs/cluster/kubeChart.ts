import type { KubeChart } from "../kubeChart";

/** Lab B on kubernetes: the bitnami redis-cluster chart, one StatefulSet of six pods. */
export const clusterKubeChart: KubeChart = {
  lab: "cluster",
  chart: "redis-cluster",
  defaultNamespace: "redis-cluster",
  statefulSetSuffixes: [""],
  services: [],
  readinessAsksClusterInfo: true,
  aofViewer: false,
  persistencePods: null,
};
