import type { Catalogue } from "../catalogueShape";
import type { cli as en } from "../en/cli";

export const cli: Catalogue<typeof en> = {
  running: "페일오버 실습 실행 중 ({platform}, {scope}) — {seconds}초 만에 준비됨",
  students: "학생:",
  instructor: "강사:",
};
