import type { Catalogue } from "../catalogueShape";
import type { timeline as en } from "../en/timeline";

export const timeline: Catalogue<typeof en> = {
  title: "가용성",
  hint: "키별·클라이언트별 GET · 초록 = 성공 · 회색 = (nil) · 빨강 = 오류 · 선 = 지연 시간 · 구간 {bucket}",
  windowLabel: "시간 범위",
  seconds: "{n, number}초",
  minutes: "{n, number}분",
  lanes: {
    cluster: "클러스터 클라이언트",
    fresh: "매번 새 연결",
    master: "마스터 파드",
    "replica-0": "레플리카 0 파드",
    "replica-1": "레플리카 1 파드",
    "replicas-svc": "레플리카 서비스",
  },
  waiting: "실습 환경을 기다리는 중…",
  error: "오류",
  errorKind: {
    CLUSTERDOWN: "CLUSTERDOWN",
    MOVED: "MOVED",
    TRYAGAIN: "TRYAGAIN",
    refused: "연결 거부",
    timeout: "시간 초과",
    closed: "연결 끊김",
    auth: "인증 실패",
    other: "오류",
  },
  down: "중단 {ms}",
  noSamples: "샘플 없음",
  okCount: "성공 {n, number}",
  nilCount: "(nil) {n, number}",
  errorCount: "오류 {n, number}",
  latencyMax: "최대 지연 {ms}",
  lastReply: "마지막 응답",
};
