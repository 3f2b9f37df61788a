// The lab guide (lib/labGuide.ts decides the step and the facts; these are its words). `{...Ms}` params arrive
// already formatted as durations in the viewer's language.
export const guide = {
  title: "Lab B — cluster failover",
  hint: "steps tick as the live cluster shows them",
  skipped: "did not happen in this run",
  focusHint: "{by} has put the room on the marked step",
  focusHere: "the class is here ({by})",
  focusButton: "show everyone",
  focusLabel: "put everyone on step {step, number}",
  focusClear: "let the lab lead",
  steps: {
    reads: "Read loops are running",
    "find-master": "Find the master of `{key}`",
    delete: "Delete that pod",
    failover: "Watch FAIL, then the promotion",
    "not-ready": "The recreated pod stays 0/1",
    repair: "Repair: FORGET · MEET · REPLICATE",
  },
  replication: {
    title: "Lab A — master, replicas and persistence",
    hint: "steps tick as the pods show them",
    steps: {
      write: "Write `{key}` on the master",
      "delete-master": "Delete the master pod",
      "master-back": "The master comes back",
      resync: "The replicas resync from it",
      outcome: "Is `{key}` still there?",
    },
    detail: {
      written:
        "{actor}: set {key} {value} ({n, plural, one {# write} other {# writes}}), the replicas copy it",
      writeTodo: "In the write box: set {key} 1111, then 2222, then 3333",
      masterDeleted: "{actor} deleted {pod} ({mode, select, crash {crash / SIGKILL} other {graceful}})",
      deleteMasterTodo:
        "kubectl delete pod {pod} · {persistence, select, on {persistence on: AOF on a volume} off {persistence off: emptyDir} other {persistence as the chart installed it}}",
      masterBack: "{pod} is ready again at {ip} after {awayMs}: a new pod IP",
      masterBackTodo: "{pod} restarts with the same name and a new IP",
      resynced:
        "replicas linked again after {linkedMs} ({n, plural, one {# full resync} other {# full resyncs}})",
      resyncTodo: "master_link_status:down until the replicas find the master at its new IP",
      outcomeTodo:
        "{persistence, select, on {expect: the master reloads its AOF, {key} survives} off {expect: the master starts empty and the replicas copy that: (nil)} other {watch the replica lanes}}",
      valueLost: "lost: {key} reads (nil) on {n, plural, one {# pod} other {# pods}} (keys {keys})",
      valueKept: "kept: the replicas still read {key} = {value}",
    },
  },
  detail: {
    readsRunning: "GET {keys} every {intervalMs}, per lane: {lanes}",
    readsWaiting: "Waiting for probe samples…",
    masterFound: "slot {slot} → {pod, select, none {no pod (deleted)} other {{pod}}} ({ip}, {id})",
    masterNone: "slot {slot} is served by no live master",
    deleted: "{actor} deleted {pod} ({mode, select, crash {crash / SIGKILL} other {graceful}})",
    deletedReplica: "{pod} was a replica: no failover. Delete the master of `{key}`.",
    deleteTodo:
      "{pod, select, none {kubectl delete pod (the master of {key})} other {kubectl delete pod {pod}}}",
    failoverProgress: "FAIL {failMs} · promoted {promotedMs} · cluster_state:ok {okMs}",
    failoverExpect: "expect ≈ 1.5 × node timeout ({timeoutMs}) ≈ {expectedMs}",
    noFailover:
      "no failover: {pod} came back with its own node id and data after {returnedMs}; {down, select, yes {{key} was unavailable {downMs}} other {no read of {key} failed}}",
    stuck: "{pod}: {reason} — no nodes.conf, new id, knows only itself",
    notReadyTodo:
      "New IP, no nodes.conf → new node id; it knows only itself, so cluster_state:fail fails readiness",
    rejoined: "{pod} kept its nodes.conf: the same id {id} rejoined by itself",
    repaired: "{pod} is ready again",
    repairTodo:
      "Plan repair shows the redis-cli commands: FORGET the old id on every node within 60 s, MEET the new IP, REPLICATE the promoted master",
    nothingToRepair: "nothing to repair: the cluster took the node back as it was",
  },
} as const;
