// Refusals, by stable code (the HTTP API's `code`, a socket ack's `code`). The English text is also the API's `error`.
export const errors = {
  forbidden:
    "only the instructor may {action, select, delete {delete pods} repair {repair the cluster} autoRepair {switch auto-repair} reset {reset the lab} other {do this}}",
  invalidRequest: "invalid request: {detail}",
  unknownPod: 'pod "{pod}" is not a pod of this lab',
  podNotRunning: 'pod "{pod}" is {phase}; wait until it is Running',
  busy: "busy: {action, select, delete {{pod} is being deleted by {actor}} repair {{actor} is repairing the cluster} reset {{actor} is resetting the lab} other {another action is running}}",
  healthy: "the cluster is healthy: nothing to repair",
  cannotRepair: "nothing can be repaired now: {summary}",
  cannotReset: "the {platform} platform cannot be reset from here",
  rateLimited: "too many requests: at most {max, number} per {seconds, number} s",
  internal: "internal error",
  unauthorized: "missing Authorization: Bearer <token>",
  invalidToken: "invalid token",
  notFound: "no such endpoint: {method} {path}",
  noRun: 'no run "{id}"',
  methodNotAllowed: "method {method} not allowed; use {allowed}",
  bodyTooLarge: "body larger than {max, number} bytes",
  malformedJson: "malformed JSON body",
  invalidBody: "invalid body: {detail}",
  badPath: "the path is not valid percent-encoding",
  disconnected: "not connected to the server ({detail})",
} as const;
