// What `redis-cli` prints for a read, so the dashboard shows the seed's terminal words rather than a summary of
// them: `"3333"`, `(nil)`, `(error) CLUSTERDOWN The cluster is down`, `Could not connect to Redis at …`.
import { keySlot } from "./slots";
import type { ProbeSample } from "./types";

/**
 * The line redis-cli prints for a failed read, from the client's error message and the address the reader
 * dialled; null where redis-cli has no words of its own (it would still be waiting: a read that timed out).
 */
export function cliErrorReply(message: string, host: string): string | null {
  // Redis's own error replies: redis-cli prefixes them with "(error) ".
  if (
    /^(CLUSTERDOWN|MOVED|ASK|TRYAGAIN|LOADING|MASTERDOWN|NOAUTH|WRONGPASS|READONLY|ERR|BUSY|NOREPLICAS)\b/.test(
      message,
    )
  )
    return `(error) ${message}`;
  if (/ECONNREFUSED/.test(message)) return `Could not connect to Redis at ${host}: Connection refused`;
  if (/connect ETIMEDOUT/.test(message)) return `Could not connect to Redis at ${host}: Connection timed out`;
  if (/EHOSTUNREACH/.test(message)) return `Could not connect to Redis at ${host}: No route to host`;
  if (/Connection is closed|ECONNRESET|EPIPE/.test(message)) return "Error: Server closed the connection";
  return null;
}

/** redis-cli's quoting of a bulk string on a terminal: printable ASCII as is, the rest as \n, \xNN escapes. */
export function cliQuote(value: string): string {
  let out = '"';
  for (const byte of new TextEncoder().encode(value)) {
    const c = String.fromCharCode(byte);
    if (c === "\\" || c === '"') out += `\\${c}`;
    else if (c === "\n") out += "\\n";
    else if (c === "\r") out += "\\r";
    else if (c === "\t") out += "\\t";
    else if (byte >= 0x20 && byte < 0x7f) out += c;
    else out += `\\x${byte.toString(16).padStart(2, "0")}`;
  }
  return `${out}"`;
}

/**
 * The lines one read printed, as `redis-cli -c get <key>` prints them: the redirect it followed, then the
 * reply. Empty for a read redis-cli would still be waiting on; the caller says "no answer" in the viewer's words.
 */
export function cliReplyLines(s: ProbeSample): string[] {
  const redirect =
    s.redirected && s.via ? [`-> Redirected to slot [${keySlot(s.key)}] located at ${s.via}`] : [];
  if (s.outcome === "ok") return [...redirect, cliQuote(s.value ?? "")];
  if (s.outcome === "nil") return [...redirect, "(nil)"];
  return s.value && isCliError(s.value) ? [s.value] : [];
}

/** True for an error text that is redis-cli's own words (as cliErrorReply makes them), not a client's message. */
export function isCliError(text: string): boolean {
  return /^(\(error\) |Could not connect to Redis at |Error: )/.test(text);
}

/** A StatefulSet pod's Service, as the seed's `redis-cli -h` names it: `ds-redis-redis-cluster-2` → `ds-redis-redis-cluster`. */
export function serviceOfPod(pod: string): string {
  return pod.replace(/-\d+$/, "");
}
