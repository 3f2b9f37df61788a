import type { Catalogue } from "../catalogueShape";
import type { logs as en } from "../en/logs";

export const logs: Catalogue<typeof en> = {
  title: "Redis 로그",
  hint: "kubectl logs -f · 핵심 줄 강조",
  filter: "파드별로 로그 거르기",
  allPods: "모든 파드",
  empty: "아직 로그가 없습니다",
  follow: "↓ 새 줄 따라가기",
  roleM: "마스터",
  roleS: "레플리카",
  tags: {
    "node-fail": "FAIL",
    "node-pfail": "PFAIL",
    "node-recovered": "회복",
    "failover-election": "선출",
    "replica-promoted": "승격",
    "role-changed": "역할",
    "cluster-ok": "클러스터 ok",
    "cluster-fail": "클러스터 fail",
    "no-config": "새 ID",
    "master-lost": "마스터 끊김",
    sync: "동기화",
    forget: "forget",
    meet: "meet",
  },
};
