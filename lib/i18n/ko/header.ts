import type { Catalogue } from "../catalogueShape";
import type { header as en } from "../en/header";

export const header: Catalogue<typeof en> = {
  labTitle: "{lab, select, cluster {Redis 클러스터 페일오버} other {마스터 / 레플리카 영속성}}",
  connecting: "연결 중…",
  live: "실시간",
  reconnecting: "다시 연결하는 중…",
  nodeTimeout: "노드 타임아웃",
  probeEvery: "읽기 주기",
  busy: "{action, select, delete {{actor} 님이 {pod} 삭제 중} repair {{actor} 님이 클러스터 복구 중} reset {{actor} 님이 실습 초기화 중} lab {{actor} 님이 실습 전환 중} other {작업 진행 중…}}",
  instructor: "강사",
  student: "학생 (보기 전용)",
  studentMayAct: "학생 · 조작 가능",
  fullCoverageHint:
    "cluster-require-full-coverage: yes이면 살아 있는 마스터가 없는 슬롯이 하나라도 있는 동안 모든 키가 CLUSTERDOWN",
  readsFailing:
    "{keys} 읽기 실패 {duration}째{marked, select, yes {} other { — Redis가 아직 마스터를 FAIL로 표시하지 않음 (cluster-node-timeout {timeout})}}",
  persistence: "{on, select, on {영속성 켬: 볼륨에 AOF} off {영속성 끔: emptyDir} other {영속성: 차트 설정}}",
  apiUnreachable: "{since}부터 Kubernetes API에 연결할 수 없음: 파드 상태가 오래된 정보입니다",
  logsRefused: "로그 거부됨: {pods}",
};
