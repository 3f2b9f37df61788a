// Which raw Redis log lines tell the failover story, and in what tone, so the log panel can make them stand
// out from the replication chatter around them. Pure.

export type LogTone = "fail" | "recover" | "warn" | "info";

export interface LogHighlight {
  tone: LogTone;
  /** Short name of the moment, shown as a tag beside the line. */
  label: string;
}

const RULES: { re: RegExp; tone: LogTone; label: string }[] = [
  { re: /Cluster state changed: fail/i, tone: "fail", label: "cluster fail" },
  { re: /Cluster state changed: ok/i, tone: "recover", label: "cluster ok" },
  { re: /Failover election won/i, tone: "recover", label: "promoted" },
  { re: /configEpoch set/i, tone: "recover", label: "epoch" },
  { re: /Marking node .* as failing/i, tone: "fail", label: "FAIL" },
  { re: /FAIL message received/i, tone: "fail", label: "FAIL" },
  { re: /\bas failing\b/i, tone: "fail", label: "FAIL" },
  { re: /No cluster configuration found/i, tone: "warn", label: "new id" },
  { re: /Connection with master lost/i, tone: "warn", label: "master lost" },
  { re: /election/i, tone: "warn", label: "election" },
  { re: /Clear FAIL state/i, tone: "recover", label: "recovered" },
];

export function logHighlight(line: string): LogHighlight | null {
  for (const r of RULES) if (r.re.test(line)) return { tone: r.tone, label: r.label };
  return null;
}
