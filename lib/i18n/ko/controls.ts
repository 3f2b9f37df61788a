import type { Catalogue } from "../catalogueShape";
import type { controls as en } from "../en/controls";

export const controls: Catalogue<typeof en> = {
  title: "실습 제어",
  hint: "강사용 스위치 · 학생은 상태만 봅니다",
  notConnected: "연결되지 않음",
  busy: "다른 작업이 진행 중",
  autoRepair: "자동 복구",
  onOff: "{on, select, yes {켜짐} other {꺼짐}}",
  saving: "저장 중…",
  autoRepairHint:
    "운영자처럼: 장애 조치가 끝나면 서버가 복구 계획을 스스로 실행합니다. 수동 복구를 보여 주려면 꺼 두세요.",
  autoRepairFailed: "자동 복구 설정 실패{status, select, 0 {} other { ({status})}}: {error}",
  resetTitle: "실습 초기화",
  persistenceNow: "현재 영속성:",
  persistenceText:
    "{persistence, select, on {켜짐 — PVC: AOF와 nodes.conf가 재시작 후에도 남아 파드가 노드 ID를 유지합니다} off {꺼짐 — emptyDir: 재시작된 파드는 새 노드 ID의 빈 노드로 돌아옵니다} other {플랫폼이 정함 (차트 설정값)}}",
  persistenceLegend: "초기화 후 영속성",
  afterReset: "초기화 후:",
  persistenceChoice: "영속성 {persistence, select, on {켬} other {끔}}",
  resetConfirm:
    "모든 파드와 데이터를 삭제하고 클러스터를 처음부터 다시 만들까요? 영속성 {persistence, select, on {켬} off {끔} other {그대로}}. 클러스터가 만들어질 때까지 서비스가 중단됩니다.",
  resetYes: "예, 초기화",
  cancel: "취소",
  resetting: "초기화 중…",
  resetButton: "실습 초기화…",
  resetProgress: "초기화 중: 파드를 재생성하고 클러스터를 만드는 중…",
  resetDone: "✓ 실습 초기화 완료 · 영속성 {persistence, select, on {켬} off {끔} other {그대로}}",
  resetFailed: "초기화 실패{status, select, 0 {} other { ({status})}}: {error}",
};
