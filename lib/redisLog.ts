// Redis's own log lines turned into data: the timestamps in them are the ms-precise moments of FAIL,
// election and promotion that the lab measures. Pure: no I/O.

export type RedisLogRoleChar = "M" | "S" | "C" | "X";
export type RedisLogLevel = "." | "-" | "*" | "#";

export interface RedisLogLine {
  pid: number;
  roleChar: RedisLogRoleChar;
  role: "master" | "replica" | "child" | "sentinel";
  /** ms since epoch, UTC: pods log in UTC, and there is no zone in the line to say otherwise. */
  t: number;
  level: RedisLogLevel;
  message: string;
}

export type RedisLogKind =
  | "node-fail"
  | "node-pfail"
  | "node-recovered"
  | "failover-election"
  | "replica-promoted"
  | "role-changed"
  | "cluster-state"
  | "no-config"
  | "master-lost"
  | "sync"
  | "forget"
  | "meet";

export interface RedisLogClass {
  kind: RedisLogKind | null;
  /** Worth showing prominently: one of the moments the lab is about. */
  highlight: boolean;
  nodeId?: string;
  detail?: string;
}

const ROLES: Record<RedisLogRoleChar, RedisLogLine["role"]> = {
  M: "master",
  S: "replica",
  C: "child",
  X: "sentinel",
};

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

// `kubectl logs --timestamps` prepends an RFC 3339 stamp; accept it so either form of the log parses.
const LINE_RE =
  /^(?:\d{4}-\d{2}-\d{2}T\S+\s+)?(\d+):([MSCX]) (\d{1,2}) ([A-Z][a-z]{2}) (?:(\d{4}) )?(\d{2}):(\d{2}):(\d{2})\.(\d{3}) ([.\-*#]) (.*)$/;

/**
 * Parses `1:S 10 Mar 2024 04:15:05.953 * Marking node … as failing (quorum reached).`.
 * Redis before 5 left the year out (`1:M 06 Jun 10:13:38.507 …`): then `year` supplies it, and without
 * it the line is rejected rather than dated in a guessed year.
 */
export function parseRedisLogLine(line: string, year?: number): RedisLogLine | null {
  const m = LINE_RE.exec(line.replace(/\r?\n?$/, "").trimStart());
  if (!m) return null;
  const [, pid, roleChar, day, mon, y, hh, mm, ss, ms, level, message] = m;
  const month = MONTHS.indexOf(mon);
  const fullYear = y !== undefined ? Number(y) : year;
  if (month < 0 || fullYear === undefined || !Number.isInteger(fullYear)) return null;
  const d = Number(day);
  const h = Number(hh);
  const mi = Number(mm);
  const s = Number(ss);
  if (d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
  const t = Date.UTC(fullYear, month, d, h, mi, s, Number(ms));
  // Date.UTC rolls 31 Feb over into March; such a line is not a real Redis timestamp.
  if (new Date(t).getUTCDate() !== d) return null;
  const rc = roleChar as RedisLogRoleChar;
  return {
    pid: Number(pid),
    roleChar: rc,
    role: ROLES[rc],
    t,
    level: level as RedisLogLevel,
    message,
  };
}

const ID = "([0-9a-f]{40})";
// Redis 7 follows an id with its announced hostname in parentheses, often empty: `e64f… ()`.
const HOST = "(?: \\(([^)]*)\\))?";

interface Rule {
  re: RegExp;
  build: (m: RegExpExecArray) => RedisLogClass;
}

function withHost(detail: string, host: string | undefined): string {
  return host ? `${detail} (${host})` : detail;
}

const RULES: Rule[] = [
  {
    re: new RegExp(`^Marking node ${ID}${HOST} as failing \\(quorum reached\\)`),
    build: (m) => ({
      kind: "node-fail",
      highlight: true,
      nodeId: m[1],
      detail: withHost("quorum of masters reached: FAIL", m[2]),
    }),
  },
  {
    re: new RegExp(`^FAIL message received from ${ID}${HOST} about ${ID}`),
    build: (m) => ({ kind: "node-fail", highlight: true, nodeId: m[3], detail: `reported by ${m[1]}` }),
  },
  {
    re: new RegExp(`^Node ${ID}${HOST} reported node ${ID}${HOST} as not reachable`),
    build: (m) => ({ kind: "node-pfail", highlight: false, nodeId: m[3], detail: `reported by ${m[1]}` }),
  },
  {
    re: new RegExp(`^\\*\\*\\* NODE ${ID} possibly failing`),
    build: (m) => ({
      kind: "node-pfail",
      highlight: false,
      nodeId: m[1],
      detail: "no PONG within node timeout",
    }),
  },
  {
    re: new RegExp(`^Clear FAIL state for node ${ID}${HOST}: ?(.*)$`),
    build: (m) => ({
      kind: "node-recovered",
      highlight: true,
      nodeId: m[1],
      detail: m[3].trim() || undefined,
    }),
  },
  {
    re: /^Cluster state changed: (ok|fail)/,
    build: (m) => ({ kind: "cluster-state", highlight: true, detail: m[1] }),
  },
  {
    re: /^Start of election delayed for (\d+) milliseconds \(rank #(\d+), offset (\d+)\)/,
    build: (m) => ({
      kind: "failover-election",
      highlight: false,
      detail: `delayed ${m[1]} ms (rank #${m[2]}, offset ${m[3]})`,
    }),
  },
  {
    re: /^Starting a failover election for epoch (\d+)/,
    build: (m) => ({ kind: "failover-election", highlight: true, detail: `epoch ${m[1]}` }),
  },
  {
    re: /^Failover election won: I'm the new master/,
    build: () => ({ kind: "replica-promoted", highlight: true, detail: "election won" }),
  },
  {
    re: /^configEpoch set to (\d+) after successful failover/,
    build: (m) => ({ kind: "replica-promoted", highlight: false, detail: `configEpoch ${m[1]}` }),
  },
  {
    // Redis 7.2 says on every node who took over whose slots.
    re: new RegExp(
      `^A failover occurred in shard ${ID}; node ${ID}${HOST} lost (\\d+) slot\\(s\\) to node ${ID}`,
    ),
    build: (m) => ({
      kind: "replica-promoted",
      highlight: false,
      nodeId: m[5],
      detail: `took ${m[4]} slot(s) from ${m[2]}`,
    }),
  },
  {
    re: new RegExp(`^No cluster configuration found, I'm ${ID}`),
    build: (m) => ({
      kind: "no-config",
      highlight: true,
      nodeId: m[1],
      detail: "started without nodes.conf: a new node id that knows only itself",
    }),
  },
  {
    re: /^Connection with master lost/,
    build: () => ({ kind: "master-lost", highlight: true }),
  },
  {
    re: new RegExp(`^Node ${ID}${HOST} is no longer master`),
    build: (m) => ({ kind: "role-changed", highlight: false, nodeId: m[1], detail: "no longer master" }),
  },
  {
    re: new RegExp(`^Node ${ID}${HOST} is now a replica of node ${ID}`),
    build: (m) => ({
      kind: "role-changed",
      highlight: false,
      nodeId: m[1],
      detail: `now a replica of ${m[3]}`,
    }),
  },
  {
    // "Configuration change detected.", "I'm a sub-replica!", "One of my slaves took my place." all end so.
    re: new RegExp(`Reconfiguring myself as a replica of (?:grandmaster |node )?${ID}`),
    build: (m) => ({ kind: "role-changed", highlight: true, nodeId: m[1], detail: "became a replica" }),
  },
  {
    re: /^MASTER <-> (?:REPLICA|SLAVE) sync(?::)? ?(.*)$/,
    build: (m) => ({ kind: "sync", highlight: /success/i.test(m[1]), detail: m[1].trim() || undefined }),
  },
  {
    re: /^(?:(?:Re)?[Cc]onnecting to MASTER (\S+)|Error condition on socket for SYNC: (.*))$/,
    build: (m) => ({
      kind: "sync",
      highlight: false,
      detail: m[1] !== undefined ? `connecting to ${m[1]}` : `error: ${m[2]}`,
    }),
  },
  {
    // No Redis release logs CLUSTER FORGET at notice level; this catches builds and wrappers that do.
    re: new RegExp(`${ID}.*\\b(?:forgotten|forget|forgetting)\\b|\\b(?:[Ff]orget(?:ting)?)\\b.*${ID}`),
    build: (m) => ({ kind: "forget", highlight: true, nodeId: m[1] ?? m[2] }),
  },
  {
    // The first MEET tells a fresh node which address the cluster sees it at.
    re: /^IP address for this node updated to (\S+)/,
    build: (m) => ({ kind: "meet", highlight: false, detail: `met by the cluster as ${m[1]}` }),
  },
  {
    re: new RegExp(`\\bMEET\\b.*?(?:${ID}|(\\d{1,3}(?:\\.\\d{1,3}){3}(?::\\d+)?))`),
    build: (m) => ({ kind: "meet", highlight: false, nodeId: m[1], detail: m[2] }),
  },
];

/** What a Redis log message means for the lab, or `kind: null` for lines that are only context. */
export function classifyLogMessage(message: string): RedisLogClass {
  const msg = message.trim();
  for (const rule of RULES) {
    const m = rule.re.exec(msg);
    if (m) return stripUndefined(rule.build(m));
  }
  return { kind: null, highlight: false };
}

// Keeps results deep-equal to literals that leave optional fields out.
function stripUndefined(c: RedisLogClass): RedisLogClass {
  const out: RedisLogClass = { kind: c.kind, highlight: c.highlight };
  if (c.nodeId !== undefined) out.nodeId = c.nodeId;
  if (c.detail !== undefined) out.detail = c.detail;
  return out;
}

/** How the log panel marks a line: the moments of the story stand out from replication chatter. */
export type LogTone = "fail" | "recover" | "warn" | "info";
/** The short tag beside a marked line; the browser puts it into words (`logs.tag.*`). */
export type LogTag = Exclude<RedisLogKind, "cluster-state"> | "cluster-ok" | "cluster-fail";

export interface LogMark {
  tone: LogTone;
  tag: LogTag;
}

const KIND_TONE: Partial<Record<RedisLogKind, LogTone>> = {
  "node-fail": "fail",
  "node-pfail": "warn",
  "node-recovered": "recover",
  "replica-promoted": "recover",
  "failover-election": "warn",
  "no-config": "warn",
  "master-lost": "warn",
};

/** The mark of a classified line, or null for a line that is only context. */
export function logMark(c: RedisLogClass): LogMark | null {
  if (!c.kind) return null;
  if (c.kind === "cluster-state") {
    return c.detail === "ok" ? { tone: "recover", tag: "cluster-ok" } : { tone: "fail", tag: "cluster-fail" };
  }
  const tone = KIND_TONE[c.kind] ?? (c.highlight ? "info" : null);
  return tone ? { tone, tag: c.kind } : null;
}
