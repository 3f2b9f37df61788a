// The lab switch in the lab controls panel: which of the seed's two labs runs.
export const labSwitch = {
  title: "Lab",
  lab: "{lab, select, cluster {cluster lab (Redis Cluster, 3+3)} other {replication lab (1 master + 2 replicas)}}",
  persistence: "persistence",
  on: "on (AOF on a volume)",
  off: "off (emptyDir)",
  switch: "Switch",
  restart: "Restart with this setting",
  switching: "stopping every pod of the running lab, then starting the other…",
  running: "running: {lab, select, cluster {cluster lab} other {replication lab}}",
  busy: "another action is running",
} as const;
