import type { LabKind } from "../types";

/**
 * What the kubernetes platform must know of the bitnami chart behind a lab, as data: the platform reads
 * pods, names and permissions from this and never asks which lab it runs.
 */
export interface KubeChart {
  lab: LabKind;
  /** The chart's name: the pods' `app.kubernetes.io/name` label and part of `common.names.fullname`. */
  chart: string;
  /** The namespace the seed installs it in, where no KUBE_NAMESPACE says otherwise. */
  defaultNamespace: string;
  /** Suffixes of the chart's StatefulSets after the fullname; their pods are `<fullname><suffix>-<n>`. */
  statefulSetSuffixes: readonly string[];
  /** The chart's Services to the master and to the replicas (`<fullname>-master`, `-replicas`), if any. */
  services: readonly ("master" | "replicas")[];
  /**
   * Whether the chart's readiness script asks `CLUSTER INFO` until the pod passed once
   * (`ping_readiness_local.sh` of redis-cluster); otherwise PING alone decides.
   */
  readinessAsksClusterInfo: boolean;
  /** The AOF viewer reads the master's files through `pods/exec` (an optional permission). */
  aofViewer: boolean;
  /** Pods whose `redis-data` volume says whether the lab persists (lab A: the master), before any other. */
  persistencePods: RegExp | null;
}
