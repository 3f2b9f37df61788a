import type { Catalogue } from "../catalogueShape";
import type { terminal as en } from "../en/terminal";

export const terminal: Catalogue<typeof en> = {
  title: "터미널: 실습의 1초 읽기 루프",
  hint: "{lab, select, cluster {실습의 터미널 3 — 대시보드가 서비스로 새로 접속해 읽은 결과를 그대로 보여 줍니다} other {실습의 터미널 2 — 대시보드가 레플리카 서비스로 읽은 결과를 그대로 보여 줍니다}}",
  waiting: "(아직 응답 없음 — redis-cli가 기다리는 중)",
  empty: "아직 읽은 기록이 없습니다",
  password: "비밀번호는 표시하지 않습니다",
};
