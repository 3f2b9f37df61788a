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
  observing: "checking the other lab's release, then observing it (no pod is deleted)…",
  persistenceRead:
    "persistence: {persistence, select, on {on} off {off} other {not known yet}}, read from the pods' volumes (the chart's values decide)",
  running: "running: {lab, select, cluster {cluster lab} other {replication lab}}",
  busy: "another action is running",
} as const;
