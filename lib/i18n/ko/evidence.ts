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
  },
};
