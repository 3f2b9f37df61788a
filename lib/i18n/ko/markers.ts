import type { Catalogue } from "../catalogueShape";
import type { markers as en } from "../en/markers";

export const markers: Catalogue<typeof en> = {
  delete: "✖ {pod} 삭제",
  repair: "✚ 복구",
  reset: "↺ 초기화",
  terminating: "{pod} 종료 중",
  fail: "FAIL {id}",
  promoted: "★ {pod} 승격",
  clusterOk: "클러스터 ok",
  clusterFail: "클러스터 fail",
};
