// The repair panel: plan, steps, the run as it goes. The plan's own texts are in ./plan.ts.
export const repair = {
  title: "Repair",
  hint: "FORGET the ghost everywhere · MEET the new pod · REPLICATE — seed 3.3",
  hide: "hide",
  plan: "Plan repair",
  planning: "Planning…",
  execute: "Execute repair",
  starting: "Starting…",
  blocked:
    "{why, select, instructorOnly {instructor only} notConnected {not connected} busy {another action is running} planning {planning…} other {nothing to execute: plan first, or the plan has no steps}}",
  noPlanSent: "the server sent no plan",
  failed:
    "{what, select, plan {planning} other {repair}} failed{status, select, 0 {} other { ({status})}}: {error}",
  cannotRepair:
    "Nothing can be repaired now: the server planned again and found no safe step. Its plan is below.",
  intro:
    "After a failover the restarted pod stays 0/1: it came back as a new, empty node, and the others still list its old id as master,fail. Plan repair shows the exact redis-cli commands that fix it.",
  planned: "planned {time}",
  plannedTitle: "when this plan was made",
  nothingToRepair: "Nothing to repair: every master has a replica and every node agrees.",
  noSafeStep: "No step can be planned safely right now — see below why, and plan again in a moment.",
  refusedTitle: "Not done, on purpose ({n, number})",
  alternative: "Alternative:",
  passwordNote: "stands for the chart's password; the dashboard never sends it to the browser.",
  banWindow: "≤ {seconds, number} s",
  dataLoss: "This step gives up data on purpose: read why before you run it.",
  copy: "copy",
  copied: "copied ✓",
  copyFailed: "copy failed",
  copyTitle: "copy the commands",
  stepStatus: "{status, select, pending {pending} running {running} ok {ok} other {failed}}",
  runTitle: "Repair",
  runStarted: "started {time} by {actor}",
  autoBadge: "auto-repair",
  replanned:
    "The topology changed since the plan was shown; the server planned again. The steps below are the new plan.",
  runStatus:
    "{status, select, running {Repair running — {done, number} of {total, number} steps done} done {✓ Repaired} other {✗ Repair failed}}",
} as const;
