import type { Catalogue } from "../catalogueShape";
import type { runs as en } from "../en/runs";

export const runs: Catalogue<typeof en> = {
  title: "실행 기록",
  hint: "파드 삭제 한 번 → 복구까지 측정",
  status: "{status, select, running {진행 중} recovered {복구됨} other {시간 초과}}",
  deleted: "삭제한 파드",
  what: "({role, select, master {마스터} replica {레플리카} other {?}}{id, select, none {} other { {id}}}, {mode, select, crash {강제 종료 / SIGKILL} other {정상 종료}})",
  by: "{actor} 님, {time}",
  failAfter: "FAIL까지",
  promotedAfter: "승격까지",
  clusterOk: "cluster_state:ok까지",
  stayedOk: "계속 ok",
  podReadyAfter: "파드 준비(1/1)까지",
  backAfter: "돌아오기까지",
  never: "없음",
  needsRepair: "준비 안 됨 — 복구 필요",
  outcome: {
    returned:
      "페일오버 없음: {pod}가 {returned} 만에 기존 노드 ID {id}와 데이터를 그대로 가지고 돌아왔습니다",
    rejoined: "{pod}가 {returned} 만에 기존 노드 ID {id}로 돌아와 레플리카로 다시 합류했습니다: 복구 불필요",
    newNode:
      "{pod}가 {returned} 만에 새로운 빈 노드 {id}로 돌아왔습니다: 이전 ID는 클러스터에 그대로 남아 있습니다",
    unavailable: "{key} 읽기 불가 {down}",
    noReadFailed: "읽기 실패 없음",
  },
  promotedNode: "★ 승격된 노드 {id}",
  key: "키",
  failedOf: "{failed, number}/{total, number} 실패",
  replies: "읽기가 실패하는 동안 redis-cli가 출력한 내용",
  empty:
    "{reset, select, yes {실습 초기화 이후 실행 기록이 없습니다.} other {아직 실행 기록이 없습니다.}} {key}의 마스터를 삭제하면 측정이 시작됩니다.",
  earlier: "{n, plural, other {이전 실행 #개}}",
  earlierPromoted: "승격 {ms}",
  earlierReturned: "페일오버 없음",
  maxDown: "최대 중단 {ms}",
  json: "JSON",
  csv: "CSV",
};
