import type { ProbeErrorKind } from "./types";

/** Names a failed read the way a student would describe it: CLUSTERDOWN, MOVED, refused, timeout … */
export function classifyRedisError(message: string): ProbeErrorKind {
  if (/^CLUSTERDOWN/.test(message)) return "CLUSTERDOWN";
  if (/^MOVED/.test(message) || /Too many Cluster redirections/i.test(message)) return "MOVED";
  if (/^TRYAGAIN/.test(message)) return "TRYAGAIN";
  if (/ECONNREFUSED|connection refused/i.test(message)) return "refused";
  if (/timed? ?out|ETIMEDOUT/i.test(message)) return "timeout";
  if (/NOAUTH|WRONGPASS|invalid password/i.test(message)) return "auth";
  if (/Connection is closed|ECONNRESET|EPIPE|Stream isn't writeable|enableOfflineQueue/i.test(message)) {
    return "closed";
  }
  return "other";
}
