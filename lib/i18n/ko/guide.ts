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
  replication: {
    title: "실습 A — 마스터, 레플리카와 영속성",
    hint: "파드에서 확인되는 대로 단계가 체크됩니다",
    steps: {
      write: "마스터에 `{key}` 쓰기",
      "delete-master": "마스터 파드 삭제",
      "master-back": "마스터가 다시 올라옴",
      resync: "레플리카가 마스터와 다시 동기화",
      outcome: "`{key}` 값이 남아 있나?",
    },
    detail: {
      written: "{actor}: set {key} {value} ({n, plural, other {#번 쓰기}}), 레플리카가 복제합니다",
      writeTodo: "쓰기 상자에서: set {key} 1111, 이어서 2222, 3333",
      masterDeleted:
        "{actor} 님이 {pod} 삭제 ({mode, select, crash {강제 종료 / SIGKILL} other {정상 종료}})",
      deleteMasterTodo:
        "kubectl delete pod {pod} · {persistence, select, on {영속성 켜짐: 볼륨의 AOF} off {영속성 꺼짐: emptyDir} other {차트 설치 설정대로의 영속성}}",
      masterBack: "{pod}가 {awayMs} 만에 {ip}에서 다시 준비됨: 새 파드 IP",
      masterBackTodo: "{pod}가 같은 이름, 새 IP로 재생성됩니다",
      resynced: "{linkedMs} 뒤 레플리카가 다시 연결됨 ({n, plural, other {전체 동기화 #번}})",
      resyncTodo: "레플리카가 새 IP의 마스터를 찾을 때까지 master_link_status:down",
      outcomeTodo:
        "{persistence, select, on {예상: 마스터가 AOF를 다시 읽어 {key} 값이 유지됨} off {예상: 마스터가 빈 상태로 시작하고 레플리카도 그대로 복제: (nil)} other {레플리카 읽기 레인을 지켜보세요}}",
      valueLost: "유실: {n, plural, other {#개 파드}}에서 {key}가 (nil) (키 {keys})",
      valueKept: "유지: 레플리카에서 여전히 {key} = {value}",
    },
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
