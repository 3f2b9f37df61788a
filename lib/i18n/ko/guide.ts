import type { Catalogue } from "../catalogueShape";
import type { guide as en } from "../en/guide";

export const guide: Catalogue<typeof en> = {
  title: "실습 B — 클러스터 페일오버",
  hint: "실제 클러스터에서 확인되는 대로 단계가 체크됩니다",
  skipped: "이번 실행에서는 일어나지 않음",
  focusHint: "{by} 님이 표시한 단계로 모두를 이동했습니다",
  focusHere: "지금 함께 보는 단계 ({by})",
  focusButton: "모두에게 보이기",
  focusLabel: "모두를 {step, number}단계로 이동",
  focusClear: "실습 진행에 맡기기",
  steps: {
    reads: "읽기 루프 실행 중",
    "find-master": "`{key}` 키가 있는 마스터 찾기",
    delete: "그 마스터 파드 삭제",
    failover: "FAIL 표시와 레플리카 승격 지켜보기",
    "not-ready": "재생성된 파드가 0/1에 머무름",
    repair: "복구: FORGET · MEET · REPLICATE",
  },
  detail: {
    readsRunning: "{keys} 키를 {intervalMs}마다 GET, 클라이언트별: {lanes}",
    readsWaiting: "읽기 결과를 기다리는 중…",
    masterFound: "슬롯 {slot} → {pod, select, none {파드 없음 (삭제됨)} other {{pod}}} ({ip}, {id})",
    masterNone: "슬롯 {slot}을 맡은 살아 있는 마스터가 없음",
    deleted: "{actor} 님이 {pod} 삭제 ({mode, select, crash {강제 종료 / SIGKILL} other {정상 종료}})",
    deletedReplica: "{pod}는 레플리카였으므로 페일오버가 일어나지 않습니다. `{key}`의 마스터를 삭제하세요.",
    deleteTodo: "{pod, select, none {kubectl delete pod ({key}의 마스터)} other {kubectl delete pod {pod}}}",
    failoverProgress: "FAIL {failMs} · 승격 {promotedMs} · cluster_state:ok {okMs}",
    failoverExpect: "노드 타임아웃({timeoutMs})의 약 1.5배 ≈ {expectedMs} 뒤 예상",
    noFailover:
      "페일오버 없음: {pod}가 {returnedMs} 만에 기존 노드 ID와 데이터를 그대로 가지고 돌아왔습니다. {down, select, yes {{key} 읽기 불가 {downMs}} other {{key} 읽기 실패 없음}}",
    stuck: "{pod}: {reason} — nodes.conf가 없어 새 ID로 시작, 자기 자신만 앎",
    notReadyTodo:
      "새 IP, nodes.conf 없음 → 새 노드 ID. 자기 자신만 알기 때문에 cluster_state:fail로 준비 검사를 통과하지 못함",
    rejoined: "{pod}가 nodes.conf를 유지해 같은 ID {id}로 스스로 다시 합류함",
    repaired: "{pod}가 다시 준비(1/1) 상태",
    repairTodo:
      "복구 계획에 redis-cli 명령이 나옵니다: 60초 안에 모든 노드에서 이전 ID를 FORGET, 새 IP를 MEET, 승격된 마스터를 REPLICATE",
    nothingToRepair: "복구할 것 없음: 클러스터가 노드를 원래 모습 그대로 다시 받아들였습니다",
  },
};
