import type { Catalogue } from "../catalogueShape";
import type { evidence as en } from "../en/evidence";

export const evidence: Catalogue<typeof en> = {
  title: "{ready, select, yes {{pod} 파드는 왜 준비 상태인가?} other {{pod} 파드는 왜 준비되지 않았나?}}",
  probePrinted: "준비 상태 검사가 출력한 내용",
  noIp: "IP 없음",
  readAt: "{time}에 읽음",
  reading: "읽는 중…",
  refresh: "↻ 다시 읽기",
  close: "닫기",
  explanation:
    "준비 상태 검사(bitnami ping_readiness_local.sh)는 PONG 응답이 필요하고, 한 번 통과하기 전까지는 cluster_state:ok도 필요합니다. 이 파드는 nodes.conf 없이 재시작되어, 자기 자신만 아는 새 노드가 되었습니다.",
  readFailed: "{pod} 읽기 실패: {error}",
  redisError: "{pod}의 Redis가 오류로 응답: {error}",
  notConnected: "대시보드 서버에 연결되어 있지 않습니다.",
  ownView: "자기 자신이 보는 클러스터",
  noAnswer: "응답 없음",
  othersSay: "다른 파드들이 말하는 것",
  ghostLine:
    "— 살아 있는 파드 중 누구의 것도 아닌 노드, 마지막 주소 {addr}: 삭제된 파드의 예전 노드입니다. 아직 {n, plural, other {#개 파드}}가 목록에 갖고 있습니다 ({desc}){never, select, yes {. 이 파드는 이 노드를 들어 본 적도 없습니다} other {}}.",
  noGhost: "유령 노드 없음: 목록에 있는 노드마다 살아 있는 파드가 있습니다.",
  ownIdNow: "지금 이 파드의 노드:",
  ownIdDisagree:
    "{disagree, select, yes {— ≠ 표시된 줄을 보면 어느 파드가 이 노드를 모르는지 알 수 있습니다.} other {— 모든 파드가 같은 내용입니다.}}",
  sideBySide: "파드별 CLUSTER NODES 나란히 보기",
  sideBySideNote:
    "각 열은 그 파드 자신의 CLUSTER NODES입니다. ≠ 표시된 줄은 파드마다 다르게 보는 노드이고, 강조된 칸은 다수의 파드와 다른 내용입니다.",
  noView: "아직 이 파드를 언급하는 응답이 없습니다.",
  nodeColumn: "노드",
  thisPod: "이 파드",
  itsNewId: "새 노드",
  ghost: "유령",
  lastSeen: "마지막 주소 {addr}",
  notListed: "모름",
  notes: {
    readinessAccepts: "준비 상태 검사 통과 조건",
    readinessNeedsOk: "준비 상태 검사는 cluster_state:ok가 필요",
    knowsOnlyItself: "자기 자신만 앎",
    knowsNodes: "노드 {n, plural, other {#개}}를 앎",
    myself: "myself: 이 파드",
    failed: "장애(fail)",
    suspected: "장애 의심 (PFAIL)",
    roleMaster: "이 파드가 마스터",
    roleReplica: "레플리카: 마스터를 복제함",
    linkUp: "연결됨: 마스터의 모든 쓰기를 복제 중",
    linkDown: "연결 끊김: 마스터에 닿지 못함",
    followsHost: "마스터를 찾는 주소: IP가 아니라 고정된 이름",
    masterOffset: "복제 스트림이 진행된 위치 (0이면 지금 막 시작된 기록)",
    aofOn: "AOF 켜짐: 모든 쓰기가 appendonlydir/에 기록됨 (영구 볼륨에 있어야만 재시작 후에도 남음)",
    aofOff: "AOF 꺼짐: 재시작하면 빈 상태로 시작",
    loading: "아직 디스크에서 데이터를 읽는 중",
    lastOk: "마지막 작업 성공",
    lastFailed: "마지막 작업 실패",
  },
  replication: {
    explanation:
      "레플리카는 마스터의 고정된 이름으로 마스터를 찾아가, 마스터가 가진 것을 그대로 복제합니다. AOF가 켜져 있어도 emptyDir에 있으면 파드와 함께 사라지므로 마스터는 빈 상태로 재시작하고, 레플리카도 그 빈 마스터를 그대로 복제합니다.",
    follows: "누구를 따르는가",
    keeps: "무엇을 보관하는가",
  },
};
