import type { Catalogue } from "../catalogueShape";
import type { classroom as en } from "../en/classroom";

export const classroom: Catalogue<typeof en> = {
  whoTitle: "접속한 사람",
  whoHint: "{count, plural, other {#명}} 접속 중",
  instructor: "강사",
  tabs: "{count, plural, other {탭 #개}}",
  nobody: "아직 아무도 접속하지 않았습니다",
  grantsTitle: "학생에게 허용할 조작",
  grantsHint: "바로 적용되며 언제든 거둘 수 있습니다",
  everyone: "모든 학생",
  action: {
    delete: "파드 삭제",
    crash: "파드 크래시",
    fault: "장애 주입",
    repair: "복구",
    write: "키 쓰기",
    reset: "실습 초기화",
  },
  allow: "{who}에게 {action} 허용",
  failed: "권한 변경 실패: {error}",
  mayDo: "허용: {actions}",
  watchOnly: "보기만",
};
