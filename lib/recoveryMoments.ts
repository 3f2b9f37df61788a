// The moments bench:latency compares, read from what each observer shows: Redis's own log line, the server's
// samples, a page's lane attributes, the seed's `redis-cli -c get a` loop. Pure.
import { parseRedisLogLine } from "./redisLog";

/** The ms stamp of a `Failover election won: I'm the new master.` line, or null for any other line. */
export function electionWonAt(line: string): number | null {
  const parsed = parseRedisLogLine(line);
  if (!parsed || !/^Failover election won/.test(parsed.message)) return null;
  return parsed.t;
}

/** One lane's newest read as an observer shows it: failing (an error) or not, from time `t` on. */
export interface LaneChange {
  lane: string;
  failing: boolean;
  t: number;
}

export interface Recovery {
  /** When the first lane turned failing; null if none did. */
  failedAt: number | null;
  /** When, after that, no lane was failing any more; null if that has not happened. */
  okAt: number | null;
}

/**
 * "Reads of `a` ok again" as the header says it: the key fails while any of its lanes' newest read is an
 * error, and is ok again once every lane has a good newest read. Lanes start ok; changes in time order.
 */
export function readsOkAgain(changes: readonly LaneChange[]): Recovery {
  const failing = new Set<string>();
  let failedAt: number | null = null;
  for (const c of changes) {
    if (c.failing) failing.add(c.lane);
    else failing.delete(c.lane);
    if (c.failing && failedAt === null) failedAt = c.t;
    if (failedAt !== null && failing.size === 0) return { failedAt, okAt: c.t };
  }
  return { failedAt, okAt: null };
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

// What redis-cli prints for an error reply when its stdout is not a terminal (no "(error)" prefix then).
const ERROR_REPLY =
  /^(?:\(error\) )?(?:ERR|CLUSTERDOWN|MOVED|ASK|TRYAGAIN|LOADING|MASTERDOWN|READONLY|NOAUTH|WRONGPASS|BUSY)\b/;

/**
 * Whether one `redis-cli -c get a` failed as the person at the terminal sees it: a refused or timed-out
 * connection (on stderr, exit 1) or an error reply (exit 0 since redis-cli 7 when not on a terminal). A value or
 * an empty line (nil) is an answer.
 */
export function redisCliFailed(run: CliRun): boolean {
  if (run.code !== 0) return true;
  if (/Could not connect|Connection refused|timed out|Error:/i.test(run.stderr)) return true;
  const first = run.stdout.split("\n").find((l) => l.trim() !== "") ?? "";
  return ERROR_REPLY.test(first.trim());
}
