// The repair plan's reasons, refusals and summary, and what its steps did (codes of lib/planNotes.ts).
// Redis's own words stay as Redis prints them: CLUSTER FORGET, master,fail, cluster_state:fail, nodes.conf.
export const plan = {
  podPending: "{pod} is Pending (no IP yet)",
  podTerminating: "{pod} is Terminating",
  podNoIp: "{pod} has no IP yet",
  podNotRead: "{pod} has not been read yet",
  podUnreachable: "{pod} is not reachable{error, select, none {} other { ({error})}}",
  podOldIp: "{pod} was last read at its old IP {oldIp}, not {ip}",
  podStale: "{pod} was last read {seconds, number} s ago",
  podNoSelf: "{pod} does not list itself in CLUSTER NODES",
  podSameId: "{pod} reports the same id {nodeId} as {other}",
  howAlone:
    "{pod} restarted without nodes.conf as {nodeId}: it knows only itself, so its readiness probe sees cluster_state:{state}",
  howUnknown:
    "{pod} ({nodeId}) is known by only {known, number} of the other {peers, number} connected nodes",
  ghostLabel: "{nodeId} ({flags}, last seen at {addr}{hostname, select, none {} other {, {hostname}}})",
  notFailedByMajority:
    "it is not failed by majority: {fail, number} of {knowers, number} nodes that know it flag it fail{pfail, plural, =0 {} other { (# only suspect it: fail?)}}, so it may be alive or a failover may still be under way",
  holdsUncoveredSlots:
    "it still holds slots {slots} that no live master serves: forgetting it would uncover them",
  mayBeThisNode: "{state} at {ip}; it may still be this node",
  findingStillFlagged: "{pod} ({nodeId}) is still flagged fail by the others",
  findingNotOwned: "{nodeId} is not owned by any live pod",
  findingGhost: "{nodeId} is a ghost ({flags}) listed by {pods, plural, one {# pod} other {# pods}}",
  findingAlone: "{pod} knows only itself",
  findingUnknown: "{pod} is not known by the cluster",
  findingNoReplica: "{nodeId}{pod, select, none {} other { ({pod})}} serves {slots} with no replica",
  findingEmptyMaster: "{pod} ({nodeId}) is a master with no slots",
  findingSlotsLost:
    "slots {slots} have no master and no replica that can be promoted: their master {nodeId} failed and its replica {replica, select, yes {is alive but will not run an election by itself} other {was lost too}}",
  refuseNotRunning:
    "{state}: it cannot be met or made a replica until it runs. Plan again when it is Running.",
  refuseUnusable:
    "{state}: its node id is unknown, so nothing is planned for it. Plan again once it answers.",
  refuseForgetOwned:
    "Not forgetting {nodeId}: {pod} ({ip}) owns it — it came back with its nodes.conf — although {failed, number} of {peers, number} nodes still flag it fail at {addr}. Gossip will update its address and clear the FAIL flag; forgetting it would cut a live node out.",
  refuseForget: "Not forgetting {label}: {objections}.",
  refuseMeetSlots:
    "Not meeting {pod}: {how}, yet it claims slots {slots}. Meeting it would let its own slot map compete with the cluster's. Empty it first (CLUSTER RESET if its data is expendable).",
  refuseReplicateSlots:
    "Not making {pod} a replica: it serves slots {slots}; REPLICATE only turns empty masters into replicas.",
  refuseMeetNoCluster:
    "Not meeting {pod}: {how}, and no pod is in a cluster to introduce it. If the cluster was never created, create it first (redis-cli --cluster create).",
  refuseReplicateKeys:
    "Not making {pod} a replica: DBSIZE says it holds {keys, plural, one {# key} other {# keys}}, and a replica drops its own data to copy its master's. Check them, FLUSHALL if they are expendable, and plan again.",
  refuseFailoverPending:
    "Not choosing a master for {pod} yet: {nodeId} still holds slots and is not failed by majority, so a failover may be under way. Wait for it to finish (about 1.5 × cluster-node-timeout) and plan again.",
  refuseNoMaster: "Not making {pod} a replica: no live master serves slots.",
  refuseSlotsLost:
    "Not forgetting {nodeId}: slots {slots} have no master and no replica that can be promoted, and no empty running node can take them. Wait until a restarted pod runs, then plan again.",
  forgetReason:
    "{label} is owned by no live pod and {fail, number} of {knowers, number} nodes that know it flag it fail: it is a ghost of a deleted pod. Run CLUSTER FORGET on all {knowers, plural, one {# node} other {# nodes}} that still list it, in parallel: each FORGET bans the id on that node for only {ban, number} s, and any node that still knows it gossips it back after the ban.{lost, select, yes { Its slots become unassigned until the ADDSLOTSRANGE below.} other {}}",
  meetReason:
    "{how}. CLUSTER MEET on {via} introduces it at its new IP {ip}; gossip tells every other node within seconds. It joins as an empty master with no slots.",
  replicateReason:
    "{pod} ({nodeId}) {isNew, select, yes {will be} other {is}} an empty master; {master}{masterPod, select, none {} other { ({masterPod})}} serves {slots} {hadNone, select, yes {with no replica (its replica took over or was lost)} other {with the fewest replicas ({replicas, number})}}. CLUSTER REPLICATE, run on {pod}{isNew, select, yes { once it knows the master through gossip after the MEET} other {}}, makes it a replica: it syncs the master's data, sees cluster_state:ok, and its pod turns ready.",
  takeoverReason:
    "{pod} ({nodeId}) is the replica of the failed master {masterId}, but it will not run an election by itself: its data is older than the validity window (cluster-replica-validity-factor), so the cluster stays cluster_state:fail. CLUSTER FAILOVER TAKEOVER makes it the master of {slots} without the other masters' vote. Data loss: every write its master acknowledged after this replica's last sync is lost.",
  addSlotsReason:
    "The data of slots {slots} is lost: their master {masterId} and its replica are both gone and came back empty, so no node holds these keys any more. CLUSTER ADDSLOTSRANGE on {pod} ({nodeId}), an empty master{isNew, select, yes { once the MEET above has run} other {}}, makes the cluster serve these slots again — empty — and cluster_state turns ok.",
  alternativeReason:
    "Instead of MEET + REPLICATE, `redis-cli --cluster add-node … --cluster-slave` meets the node and makes it a replica in one command. It only accepts a node that is empty (no keys, no slots) and NOT already met, so use it instead of the MEET above, never after it. The FORGETs still come first, all within {ban, number} s.",
  summaryHealthy:
    "The cluster is healthy: {masters, plural, one {# master} other {# masters}}, each with a replica; nothing to repair.",
  summaryRepair:
    "Found: {findings}.{steps, plural, =0 { Nothing can be done safely right now.} other { Plan: {todo}.}}{refused, plural, =0 {} one { # action refused (see why).} other { # actions refused (see why).}}",
  todoForget: "forget {nodeId} on {nodes, plural, one {# node} other {# nodes}} (within {ban, number} s)",
  todoMeet: "meet {pod} at {ip} via {via}",
  todoReplicate: "make {pod} a replica of {master}{masterPod, select, none {} other { ({masterPod})}}",
  todoTakeover: "CLUSTER FAILOVER TAKEOVER on {pod} for slots {slots} (data loss)",
  todoAddSlots: "give the empty slots {slots} to {pod} (their data is lost)",
  titleForget: "CLUSTER FORGET {nodeId} on {nodes, plural, one {# node} other {# nodes}}",
  titleMeet: "CLUSTER MEET {ip} {port} via {via}",
  titleReplicate: "CLUSTER REPLICATE {master}{masterPod, select, none {} other { ({masterPod})}} on {pod}",
  titleTakeover: "CLUSTER FAILOVER TAKEOVER on {pod}",
  titleAddSlots: "CLUSTER ADDSLOTSRANGE {slots} on {pod}",
  forgetTiming:
    "Runs on all {nodes, plural, one {# listed node} other {# listed nodes}} in parallel, within the {ban, number} s ban window: a node that still knows the id would gossip it back.",
  stepForgotten: "forgotten on {nodes, plural, one {# node} other {# nodes}} in {ms, number} ms",
  stepMet: "{pod} met the cluster via {via} in {ms, number} ms",
  stepReplicated: "{pod} now replicates {master} ({ms, number} ms)",
  stepTookOver: "{pod} is the master of {slots} ({ms, number} ms)",
  stepSlotsAdded: "{pod} serves {slots}, empty ({ms, number} ms)",
  stepRedisError: "{pod, select, none {} other {{pod}: }}{error}",
  stepNoIp: "pod {pod} has no IP any more",
  stepTimedOut:
    "timed out waiting for {wait, select, knowCluster {{pod} to know the cluster} acceptReplicate {{pod} to accept CLUSTER REPLICATE} isReplica {{pod} to report itself a replica} isMaster {{pod} to report itself a master} servesSlots {{pod} to serve its slots} other {all pods ready and a healthy 3+3 topology}}",
  outcomeHealthy:
    "healthy: {masters, plural, one {# master} other {# masters}}, {replicas, plural, one {# replica} other {# replicas}}, all pods 1/1 ({ms, number} ms after the last step)",
  outcomeStepFailed: "step {index, number} ({step}) failed: {detail}",
  outcomeError: "{error}",
  listSeparator: "; ",
  todoSeparator: ", then ",
} as const;
