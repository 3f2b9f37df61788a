/** What a persistence setting means for the lab, in the chart's terms. */
export function persistenceText(p: boolean | null): string {
  if (p === null) return "set by the platform (the chart's values)";
  return p
    ? "on — PVC: AOF and nodes.conf survive a restart, the pod keeps its node id"
    : "off — emptyDir: a restarted pod comes back empty, with a new node id";
}

export function persistenceLabel(p: boolean | null): string {
  return p === null ? "unchanged" : p ? "on" : "off";
}
