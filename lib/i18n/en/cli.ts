// What the server prints at start, in the language of its terminal (LANG).
export const cli = {
  running: "Failover Lab is running ({platform}, {scope}) — ready in {seconds} s",
  students: "Students:",
  instructor: "Instructor:",
  aofExecMissing:
    "Lab A's AOF viewer stays empty: forbidden to {permission} in namespace {namespace} (to run ls -l and cat in the master pod). Grant it in the Role, see deploy/kubernetes/replication/rbac.yaml.",
} as const;
