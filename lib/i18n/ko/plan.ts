import type { Catalogue } from "../catalogueShape";
import type { plan as en } from "../en/plan";

export const plan: Catalogue<typeof en> = {
  podPending: "{pod} 파드가 Pending 상태 (아직 IP 없음)",
  podTerminating: "{pod} 파드가 Terminating 상태",
  podNoIp: "{pod} 파드에 아직 IP가 없음",
  podNotRead: "{pod} 파드를 아직 읽지 못함",
  podUnreachable: "{pod} 파드에 연결할 수 없음{error, select, none {} other { ({error})}}",
  podOldIp: "{pod} 파드를 마지막으로 읽은 곳이 지금 IP {ip}가 아니라 예전 IP {oldIp}",
  podStale: "{pod} 파드를 마지막으로 읽은 지 {seconds, number}초 지남",
  podNoSelf: "{pod} 파드의 CLUSTER NODES에 자기 자신이 없음",
  podSameId: "{pod} 파드가 {other}와 같은 노드 ID {nodeId}를 보고함",
  howAlone:
    "{pod} 파드가 nodes.conf 없이 {nodeId}로 재시작되어 자기 자신만 알고 있습니다. 그래서 준비 상태 검사에서 cluster_state:{state}가 보입니다",
  howUnknown:
    "{pod} ({nodeId})를 아는 노드가 연결된 다른 노드 {peers, number}개 중 {known, number}개뿐입니다",
  ghostLabel: "{nodeId} ({flags}, 마지막 주소 {addr}{hostname, select, none {} other {, {hostname}}})",
  notFailedByMajority:
    "과반수가 FAIL로 판정하지 않았습니다: 이 노드를 아는 {knowers, number}개 중 {fail, number}개만 fail로 표시{pfail, plural, =0 {} other { (#개는 의심 단계: fail?)}}하므로, 아직 살아 있거나 장애 조치가 진행 중일 수 있습니다",
  holdsUncoveredSlots:
    "살아 있는 마스터가 담당하지 않는 슬롯 {slots}을 아직 갖고 있어, 잊게 하면 이 슬롯이 비게 됩니다",
  mayBeThisNode: "{state} (IP {ip}): 아직 이 노드일 수 있습니다",
  findingStillFlagged: "{pod} ({nodeId})를 다른 노드들이 아직 fail로 표시함",
  findingNotOwned: "{nodeId}의 주인인 살아 있는 파드가 없음",
  findingGhost: "{nodeId}는 유령 노드({flags})이며 {pods, plural, other {#개}} 파드의 목록에 남아 있음",
  findingAlone: "{pod} 파드가 자기 자신만 알고 있음",
  findingUnknown: "클러스터가 {pod} 파드를 모름",
  findingNoReplica: "{nodeId}{pod, select, none {} other { ({pod})}}가 레플리카 없이 슬롯 {slots} 담당",
  findingEmptyMaster: "{pod} ({nodeId})는 슬롯이 없는 마스터",
  findingSlotsLost:
    "슬롯 {slots}에는 마스터도, 승격할 수 있는 레플리카도 없습니다: 마스터 {nodeId}는 FAIL이고 그 레플리카는 {replica, select, yes {살아 있지만 스스로 선출을 시작하지 않습니다} other {함께 사라졌습니다}}",
  refuseNotRunning:
    "{state}: 실행되기 전에는 MEET도 레플리카 지정도 할 수 없습니다. Running이 되면 다시 계획하세요.",
  refuseUnusable:
    "{state}: 노드 ID를 알 수 없어 이 파드에 대해서는 아무것도 계획하지 않습니다. 응답하면 다시 계획하세요.",
  refuseForgetOwned:
    "{nodeId}는 잊지 않습니다: {pod} ({ip})가 이 ID의 주인입니다 — nodes.conf를 가지고 돌아왔습니다. 다른 노드 {peers, number}개 중 {failed, number}개가 아직 {addr}의 이 노드를 fail로 표시하지만, 가십이 주소를 갱신하고 FAIL 표시를 지웁니다. 잊게 하면 살아 있는 노드를 클러스터에서 떼어 내게 됩니다.",
  refuseForget: "{label}는 잊지 않습니다: {objections}.",
  refuseMeetSlots:
    "{pod} 파드는 MEET하지 않습니다: {how}. 그런데 슬롯 {slots}을 자기 것이라고 합니다. MEET하면 이 노드의 슬롯 맵이 클러스터의 슬롯 맵과 충돌합니다. 먼저 비우세요 (데이터를 버려도 되면 CLUSTER RESET).",
  refuseReplicateSlots:
    "{pod} 파드는 레플리카로 만들지 않습니다: 슬롯 {slots}을 담당하고 있습니다. REPLICATE는 빈 마스터만 레플리카로 바꿉니다.",
  refuseMeetNoCluster:
    "{pod} 파드는 MEET하지 않습니다: {how}. 소개해 줄, 클러스터에 속한 파드가 없습니다. 클러스터를 아직 만들지 않았다면 먼저 만드세요 (redis-cli --cluster create).",
  refuseReplicateKeys:
    "{pod} 파드는 레플리카로 만들지 않습니다: DBSIZE로 보면 키가 {keys, plural, other {#개}} 있는데, 레플리카가 되면 자기 데이터를 버리고 마스터의 데이터를 복사합니다. 키를 확인하고, 버려도 되면 FLUSHALL 후 다시 계획하세요.",
  refuseFailoverPending:
    "{pod} 파드의 마스터는 아직 고르지 않습니다: {nodeId}가 아직 슬롯을 갖고 있고 과반수의 FAIL 판정도 없어 장애 조치가 진행 중일 수 있습니다. 끝날 때까지 (약 1.5 × cluster-node-timeout) 기다린 뒤 다시 계획하세요.",
  refuseNoMaster: "{pod} 파드는 레플리카로 만들지 않습니다: 슬롯을 담당하는 살아 있는 마스터가 없습니다.",
  refuseSlotsLost:
    "{nodeId}는 잊지 않습니다: 슬롯 {slots}에 마스터도 승격할 레플리카도 없고, 이 슬롯을 넘겨받을 실행 중인 빈 노드도 없습니다. 재시작된 파드가 실행되면 다시 계획하세요.",
  forgetReason:
    "{label}의 주인인 살아 있는 파드가 없고, 이 노드를 아는 {knowers, number}개 중 {fail, number}개가 fail로 표시합니다: 삭제된 파드의 유령 노드입니다. 아직 이 ID를 가진 노드 {knowers, plural, other {#개}} 모두에서 CLUSTER FORGET을 동시에 실행합니다. FORGET은 그 노드에서 {ban, number}초 동안만 ID를 차단하고, 그 뒤에는 이 ID를 아직 아는 노드가 가십으로 다시 퍼뜨립니다.{lost, select, yes { 이 ID의 슬롯은 아래 ADDSLOTSRANGE까지 주인 없는 상태가 됩니다.} other {}}",
  meetReason:
    "{how}. {via}에서 CLUSTER MEET을 실행해 새 IP {ip}로 소개하면, 몇 초 안에 가십이 다른 모든 노드에 알립니다. 슬롯 없는 빈 마스터로 합류합니다.",
  replicateReason:
    "{pod} ({nodeId})는 {isNew, select, yes {MEET 후} other {지금}} 빈 마스터입니다. {master}{masterPod, select, none {} other { ({masterPod})}}는 슬롯 {slots}을 {hadNone, select, yes {레플리카 없이 담당합니다 (레플리카가 승격했거나 사라짐)} other {레플리카가 가장 적은 상태({replicas, number}개)로 담당합니다}}. {pod}에서 CLUSTER REPLICATE를 실행하면{isNew, select, yes { (MEET 후 가십으로 마스터를 알게 되면)} other {}} 레플리카가 됩니다: 마스터의 데이터를 동기화하고 cluster_state:ok를 보게 되어 파드가 준비(1/1) 상태가 됩니다.",
  takeoverReason:
    "{pod} ({nodeId})는 FAIL된 마스터 {masterId}의 레플리카지만 스스로 선출을 시작하지 않습니다: 데이터가 유효 기간(cluster-replica-validity-factor)보다 오래되어 클러스터는 cluster_state:fail에 머뭅니다. CLUSTER FAILOVER TAKEOVER를 실행하면 다른 마스터들의 투표 없이 슬롯 {slots}의 마스터가 됩니다. 데이터 손실 주의: 이 레플리카가 마지막으로 동기화한 뒤에 마스터가 받은 쓰기는 모두 사라집니다.",
  addSlotsReason:
    "슬롯 {slots}의 데이터는 사라졌습니다: 마스터 {masterId}와 그 레플리카가 모두 사라졌다가 빈 상태로 돌아와, 이 키를 가진 노드가 더 이상 없습니다. {isNew, select, yes {위의 MEET가 끝난 뒤 } other {}}빈 마스터 {pod} ({nodeId})에서 CLUSTER ADDSLOTSRANGE를 실행하면 클러스터가 이 슬롯을 다시 — 빈 상태로 — 담당하고 cluster_state가 ok로 바뀝니다.",
  alternativeReason:
    "MEET + REPLICATE 대신 `redis-cli --cluster add-node … --cluster-slave` 한 줄로 노드를 합류시키고 레플리카로 만들 수 있습니다. 비어 있고(키도 슬롯도 없음) 아직 MEET하지 않은 노드만 받으므로, 위의 MEET 대신 쓰고 MEET 뒤에는 쓰지 마세요. FORGET은 여전히 먼저, {ban, number}초 안에 모두 실행합니다.",
  summaryHealthy:
    "클러스터가 정상입니다: 마스터 {masters, plural, other {#개}}가 모두 레플리카를 갖고 있어 복구할 것이 없습니다.",
  summaryRepair:
    "발견: {findings}.{steps, plural, =0 { 지금은 안전하게 할 수 있는 작업이 없습니다.} other { 계획: {todo}.}}{refused, plural, =0 {} other { 작업 #개는 하지 않습니다 (이유 참고).}}",
  todoForget: "{nodes, plural, other {#개}} 노드에서 {nodeId} FORGET ({ban, number}초 안에)",
  todoMeet: "{via}를 통해 {ip}의 {pod} MEET",
  todoReplicate: "{pod}를 {master}{masterPod, select, none {} other { ({masterPod})}}의 레플리카로",
  todoTakeover: "{pod}에서 슬롯 {slots}에 대해 CLUSTER FAILOVER TAKEOVER (데이터 손실)",
  todoAddSlots: "빈 슬롯 {slots}을 {pod}에 할당 (데이터는 사라짐)",
  titleForget: "노드 {nodes, plural, other {#개}}에서 CLUSTER FORGET {nodeId}",
  titleMeet: "{via}에서 CLUSTER MEET {ip} {port}",
  titleReplicate: "{pod}에서 CLUSTER REPLICATE {master}{masterPod, select, none {} other { ({masterPod})}}",
  titleTakeover: "{pod}에서 CLUSTER FAILOVER TAKEOVER",
  titleAddSlots: "{pod}에서 CLUSTER ADDSLOTSRANGE {slots}",
  forgetTiming:
    "목록에 있는 노드 {nodes, plural, other {#개}} 모두에서 {ban, number}초 차단 시간 안에 동시에 실행합니다: 이 ID를 아직 아는 노드가 남아 있으면 가십으로 다시 퍼뜨립니다.",
  stepForgotten: "노드 {nodes, plural, other {#개}}에서 잊음, {ms, number}밀리초",
  stepMet: "{pod}가 {via}를 통해 클러스터에 합류, {ms, number}밀리초",
  stepReplicated: "{pod}가 이제 {master}를 복제함 ({ms, number}밀리초)",
  stepTookOver: "{pod}가 슬롯 {slots}의 마스터가 됨 ({ms, number}밀리초)",
  stepSlotsAdded: "{pod}가 슬롯 {slots}을 빈 상태로 담당 ({ms, number}밀리초)",
  stepRedisError: "{pod, select, none {} other {{pod}: }}{error}",
  stepNoIp: "{pod} 파드에 더 이상 IP가 없음",
  stepTimedOut:
    "기다리다 시간 초과: {wait, select, knowCluster {{pod}가 클러스터를 알게 되기} acceptReplicate {{pod}가 CLUSTER REPLICATE를 받아들이기} isReplica {{pod}가 스스로 레플리카라고 보고하기} isMaster {{pod}가 스스로 마스터라고 보고하기} servesSlots {{pod}가 슬롯을 담당하기} other {모든 파드가 준비되고 3+3 토폴로지가 정상이 되기}}",
  outcomeHealthy:
    "정상: 마스터 {masters, plural, other {#개}}, 레플리카 {replicas, plural, other {#개}}, 모든 파드 1/1 (마지막 단계 뒤 {ms, number}밀리초)",
  outcomeStepFailed: "{index, number}단계 ({step}) 실패: {detail}",
  outcomeError: "{error}",
  listSeparator: "; ",
  todoSeparator: ", 그다음 ",
};
