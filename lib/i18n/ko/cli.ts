import type { Catalogue } from "../catalogueShape";
import type { cli as en } from "../en/cli";

export const cli: Catalogue<typeof en> = {
  running: "페일오버 실습 실행 중 ({platform}, {scope}) — {seconds}초 만에 준비됨",
  students: "학생:",
  instructor: "강사:",
  aofExecMissing:
    "실습 A의 AOF 뷰어는 비어 있게 됩니다: {namespace} 네임스페이스에서 {permission} 권한이 없습니다(마스터 파드에서 ls -l, cat 실행용). Role에 권한을 추가하세요: deploy/kubernetes/replication/rbac.yaml 참고.",
};
