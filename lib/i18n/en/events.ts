// Event texts (lib/events.ts kinds). `{node}` is `Node <short id> (<pod>, <ip>)`, built by lib/i18n/eventText.ts.
export const events = {
  node: "Node {id} ({where})",
  nodeByPod: "{pod} ({id})",
  unknownMaster: "an unknown master",
  "pod-deleted":
    '{gone, select, yes {pod "{pod}" deleted{ip, select, none {} other { (was {ip})}}} other {pod "{pod}" deleted ({ip, select, none {Terminating} other {Terminating, IP {ip}}})}}',
  "pod-recreated":
    '{same, select, yes {pod "{pod}" recreated (same IP {ip})} other {pod "{pod}" recreated with new IP {ip} (was {oldIp})}}',
  "pod-ready": 'pod "{pod}" is ready (1/1)',
  "pod-not-ready": 'pod "{pod}" is not ready (0/1){reason, select, none {} other {: {reason}}}',
  "node-pfail": "{node} is suspected failing (PFAIL)",
  "node-fail": "{node} is marked as failed (FAIL)",
  "node-recovered": "{node} is reachable again (no longer {was})",
  "node-added": "{node} appeared as {role, select, master {master} other {replica of {master}}}",
  "node-forgotten": "{node} is no longer known to any node",
  "replica-promoted": "{byPod} promoted to master, serving {slots}",
  "role-changed":
    "{change, select, toMaster {{byPod} is now a master{slots, select, none { with no slots} other {, serving {slots}}} (was replica)} toReplica {{byPod} is now a replica of {master} (was master)} other {{byPod} now replicates {master}{wasMaster, select, none {} other { (was {wasMaster})}}}}",
  "cluster-state": "cluster_state: {state}",
  log: "{pod}: {line}",
  "delete-requested":
    "{actor} deleted pod {pod}{mode, select, crash { (crash: SIGKILL, grace period 0)} other {}}",
  "delete-failed": "deleting {pod} failed: {error}",
  "auto-repair-set": "{actor} turned auto-repair {enabled, select, yes {on} other {off}}",
  "lab-reset-started":
    "{actor} is resetting the lab{persistence, select, on { (persistence on)} off { (persistence off)} other {}}",
  "lab-reset-done":
    "{lab, select, replication {the lab is a fresh master with 2 replicas again, without data} other {the lab is a fresh 3+3 cluster again}}",
  "repair-started":
    "{actor} started a repair{auto, select, yes { (auto-repair)} other {}} of {steps, plural, one {# step} other {# steps}}{replanned, select, yes { — the topology had changed, so it was planned again} other {}}",
  "repair-step":
    "repair step {index, number}/{count, number} {step}: {ok, select, yes {ok} other {failed}}{detail, select, none {} other { — {detail}}}",
  "repair-finished":
    "repair {ok, select, yes {done} other {failed}}{detail, select, none {} other {: {detail}}}",
  "replica-full-resync":
    "replica {pod} full resync from {master}{known, select, yes {: {n, plural, one {# key} other {# keys}}} other {}}",
  "replica-link-down": "replica {pod}: master_link_status:down ({master})",
  "replica-link-up": "replica {pod}: master_link_status:up ({master})",
  "replica-master-changed": "replica {pod} now follows {to} (was {from})",
  "replication-role-changed": "{pod} is now role:{to} (was role:{from})",
  "master-replid-changed":
    "master {pod} started a new replication history (new master_replid){known, select, yes {, holding {n, plural, one {# key} other {# keys}}} other {}}",
  "keys-lost":
    "data lost on {pod}: {keys, select, none {} other {{keys} read (nil)}}{emptied, select, yes {{keys, select, none {} other {; }}DBSIZE {before} → 0} other {}}",
  "key-set": '{actor} wrote SET {key} "{value}" on the master',
  "lab-switch-started":
    "{actor} is switching to the {lab, select, cluster {cluster lab} other {replication lab}}{persistence, select, on { (persistence on)} off { (persistence off)} other {}}",
  "lab-switched":
    "the {lab, select, cluster {cluster lab} other {replication lab}} is running{persistence, select, on { (persistence on)} off { (persistence off)} other {}}",
  emptyMaster: "an empty master",
  theMaster: "the master",
  "replication-run-ended":
    "Run after deleting {pod}: {recovered, select, yes {recovered} other {timed out}} — {lost, select, yes {data lost on {where}: keys {keys}} other {nothing lost}}; the master was away {away}",
  lostWhere:
    "{master, select, yes {the master{replicas, plural, =0 {} one { and # replica} other { and # replicas}}} other {{replicas, plural, one {# replica} other {# replicas}}}}",
  "grant-changed":
    "{actor} {allowed, select, yes {allowed} other {no longer allows}} {to, select, everyone {every student} other {{to}}} to {action, select, delete {delete pods} crash {crash pods} fault {inject faults} repair {repair the cluster} write {write keys} other {reset the lab}}",
  "run-ended":
    "Run after deleting {pod}: {recovered, select, yes {recovered} other {timed out}} — FAIL at {fail}, promotion at {promoted}; downtime: {downtime}",
  "prediction-opened":
    "{actor} asked the room: {question} ({options, plural, one {# choice} other {# choices}})",
  "prediction-closed":
    "{by, select, run {answers closed as the run ended} other {{actor} closed the answers}}: {answers, plural, =0 {no answers} one {# answer} other {# answers}} — {counts}",
  noDowntime: "none",
  never: "—",
} as const;
