export const header = {
  labTitle: "{lab, select, cluster {Redis Cluster failover} other {Master / replica persistence}}",
  connecting: "connecting…",
  live: "live",
  reconnecting: "reconnecting…",
  nodeTimeout: "node timeout",
  probeEvery: "probe every",
  busy: "{action, select, delete {{pod} is being deleted by {actor}} repair {{actor} is repairing the cluster} reset {{actor} is resetting the lab} lab {{actor} is switching the lab} other {action running…}}",
  instructor: "instructor",
  student: "student (read-only)",
  studentMayAct: "student · may act",
  fullCoverageHint:
    "cluster-require-full-coverage: with yes, every key is CLUSTERDOWN while any slot has no live master",
  readsFailing:
    "reads of {keys} failing for {duration}{marked, select, yes {} other { — Redis has not marked the master FAIL yet (cluster-node-timeout {timeout})}}",
  persistence:
    "{on, select, on {persistence on: AOF on a volume} off {persistence off: emptyDir} other {persistence: as the chart sets it}}",
  apiUnreachable: "Kubernetes API unreachable since {since}: pod states are stale",
  logsRefused: "logs refused: {pods}",
} as const;
