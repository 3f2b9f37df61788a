// The instructor's switches: auto-repair and resetting the lab.
export const controls = {
  title: "Lab controls",
  hint: "instructor switches · students see their state",
  notConnected: "not connected",
  busy: "another action is running",
  autoRepair: "Auto-repair",
  onOff: "{on, select, yes {on} other {off}}",
  saving: "saving…",
  autoRepairHint:
    "Like an operator: once the failover has settled, the server runs the repair plan by itself. Leave it off to show the manual repair.",
  autoRepairFailed: "auto-repair failed{status, select, 0 {} other { ({status})}}: {error}",
  resetTitle: "Reset lab",
  persistenceNow: "Persistence now:",
  persistenceText:
    "{persistence, select, on {on — PVC: AOF and nodes.conf survive a restart, the pod keeps its node id} off {off — emptyDir: a restarted pod comes back empty, with a new node id} other {set by the platform (the chart's values)}}",
  persistenceLegend: "persistence after the reset",
  afterReset: "after reset:",
  persistenceChoice: "persistence {persistence, select, on {on} other {off}}",
  resetConfirm:
    "Delete every pod and its data and form the cluster again from scratch, persistence {persistence, select, on {on} off {off} other {unchanged}}? The cluster is down until it is formed.",
  resetYes: "Yes, reset",
  cancel: "Cancel",
  resetting: "Resetting…",
  resetButton: "Reset lab…",
  resetProgress: "Resetting: recreating the pods and forming the cluster…",
  resetDone: "✓ Lab reset · persistence {persistence, select, on {on} off {off} other {unchanged}}",
  resetFailed: "reset failed{status, select, 0 {} other { ({status})}}: {error}",
} as const;
