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
