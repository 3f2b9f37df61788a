import type { Catalogue } from "../catalogueShape";
import type { repair as en } from "../en/repair";

export const repair: Catalogue<typeof en> = {
  title: "복구",
  hint: "모든 노드에서 유령 노드 FORGET · 새 파드 MEET · REPLICATE — 실습 3.3",
  hide: "숨기기",
  plan: "복구 계획",
  planning: "계획 중…",
  execute: "복구 실행",
  starting: "시작하는 중…",
  blocked:
    "{why, select, instructorOnly {강사만 실행할 수 있습니다} notConnected {연결되지 않음} busy {다른 작업이 진행 중입니다} planning {계획 중…} other {실행할 것이 없습니다: 먼저 계획하거나, 계획에 단계가 없습니다}}",
  noPlanSent: "서버가 계획을 보내지 않았습니다",
  failed: "{what, select, plan {계획} other {복구}} 실패{status, select, 0 {} other { ({status})}}: {error}",
  cannotRepair:
    "지금은 복구할 수 없습니다: 서버가 다시 계획했지만 안전한 단계가 없습니다. 아래가 그 계획입니다.",
  intro:
    "장애 조치 후 재시작된 파드는 0/1에 머뭅니다: 새로운 빈 노드로 돌아왔고, 다른 노드들은 아직 예전 ID를 master,fail로 기억합니다. 복구 계획을 누르면 이를 고치는 redis-cli 명령을 그대로 보여 줍니다.",
  planned: "{time}에 계획",
  plannedTitle: "이 계획을 세운 시각",
  nothingToRepair: "복구할 것이 없습니다: 모든 마스터에 레플리카가 있고 모든 노드의 의견이 같습니다.",
  noSafeStep: "지금은 안전하게 계획할 수 있는 단계가 없습니다 — 아래 이유를 보고 잠시 뒤 다시 계획하세요.",
  refusedTitle: "일부러 하지 않는 작업 ({n, number})",
  alternative: "다른 방법:",
  passwordNote: "는 차트의 비밀번호를 뜻합니다. 대시보드는 비밀번호를 브라우저에 보내지 않습니다.",
  banWindow: "≤ {seconds, number}초",
  dataLoss: "이 단계는 일부러 데이터를 포기합니다: 실행하기 전에 이유를 꼭 읽으세요.",
  copy: "복사",
  copied: "복사됨 ✓",
  copyFailed: "복사 실패",
  copyTitle: "명령 복사",
  stepStatus: "{status, select, pending {대기} running {실행 중} ok {성공} other {실패}}",
  runTitle: "복구",
  runStarted: "{time}에 {actor} 님이 시작",
  autoBadge: "자동 복구",
  replanned: "계획을 보여 준 뒤 토폴로지가 바뀌어 서버가 다시 계획했습니다. 아래 단계가 새 계획입니다.",
  runStatus:
    "{status, select, running {복구 진행 중 — {total, number}단계 중 {done, number}단계 완료} done {✓ 복구 완료} other {✗ 복구 실패}}",
};
