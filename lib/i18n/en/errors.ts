// Refusals, by stable code (the HTTP API's `code`, a socket ack's `code`). The English text is also the API's `error`.
export const errors = {
  forbidden:
    "only the instructor may {action, select, delete {delete pods} repair {repair the cluster} autoRepair {switch auto-repair} reset {reset the lab} write {write keys} lab {switch the lab} grant {hand out rights} switchLab {switch the lab} predict {ask the room a question} guide {move the room to a step} other {do this}}",
  invalid_request: "invalid request: {detail}",
  unknown_pod: 'pod "{pod}" is not a pod of this lab',
  pod_not_running: 'pod "{pod}" is {phase}; wait until it is Running',
  busy: "busy: {action, select, delete {{pod} is being deleted by {actor}} repair {{actor} is repairing the cluster} reset {{actor} is resetting the lab} lab {{actor} is switching the lab} other {another action is running}}",
  healthy: "the cluster is healthy: nothing to repair",
  cannot_repair: "nothing can be repaired now: {summary}",
  cannot_reset:
    "{platform, select, kubernetes {on kubernetes the pods belong to helm, so the dashboard does not reset them. To start afresh, reinstall the release with its volumes deleted: helm -n {namespace} uninstall {release}; kubectl -n {namespace} delete pvc -l app.kubernetes.io/instance={release}; then helm -n {namespace} install {release} again with the values you installed it with} other {the {platform} platform cannot be reset from here}}",
  lab_unavailable:
    "cannot switch to the {lab, select, cluster {cluster lab} other {replication lab}}: {scope} cannot be observed ({detail}); the {running, select, cluster {cluster lab} other {replication lab}} keeps running",
  rate_limited:
    "too many {kind, select, action {actions} other {plan or evidence requests}}: at most {max, number} per {seconds, number} s; try again in {retry, number} s",
  internal: "internal error",
  unauthorized: "missing Authorization: Bearer token",
  invalid_token: "invalid token",
  not_found: "no such endpoint: {method} {path}",
  no_run: 'no run "{id}"',
  method_not_allowed: "method {method} not allowed; use {allowed}",
  body_too_large: "body larger than {max, number} bytes",
  malformed_json: "malformed JSON body",
  invalid_body: "invalid body: {detail}",
  bad_path:
    '{segment, select, none {the request target must be a path starting with /} other {bad percent-encoding in the path: "{segment}"}}',
  not_in_lab:
    "{what, select, repair {repair} keys {the write box} aof {the AOF viewer} other {this}} belongs to the {lab, select, cluster {cluster lab} other {replication lab}}; the {running, select, cluster {cluster lab} other {replication lab}} is running",
  no_master: "the master Service {service} has no ready endpoint: {detail}",
  disconnected: "not connected to the server ({detail})",
  not_granted:
    "the instructor has not allowed {action, select, delete {deletes} crash {crashes} fault {faults} repair {repairs} write {writes} reset {resets} other {this}}",
  unknown_person: 'nobody called "{name}" is in the room',
  prediction_not_open: "no question is open to answers now",
  prediction_already_open: "a question is already open; close its answers first",
  prediction_stale: "that question is no longer the open one",
  prediction_unknown_option: 'the open question has no choice "{option}"',
  prediction_unavailable:
    "this question cannot be asked now: {reason, select, lab {it belongs to the other lab} master {no live master with a replica serves slot {slot}} other {the lab probes no key}}",
} as const;
