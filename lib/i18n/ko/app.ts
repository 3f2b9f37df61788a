import type { Catalogue } from "../catalogueShape";
import type { app as en } from "../en/app";

export const app: Catalogue<typeof en> = {
  title: "페일오버 실습",
  description: "Redis 페일오버가 일어나는 순간을 눈으로 보기",
  language: "언어",
  tokenRejected:
    "강사 토큰이 받아들여지지 않았습니다 (서버가 새 토큰으로 다시 시작했을 수 있습니다): 학생 화면으로 보고 있습니다.",
};
