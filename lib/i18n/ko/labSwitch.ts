import type { Catalogue } from "../catalogueShape";
import type { labSwitch as en } from "../en/labSwitch";

export const labSwitch: Catalogue<typeof en> = {
  title: "실습",
  lab: "{lab, select, cluster {클러스터 실습 (Redis 클러스터, 3+3)} other {복제 실습 (마스터 1 + 레플리카 2)}}",
  persistence: "영속성",
  on: "켬 (볼륨에 AOF)",
  off: "끔 (emptyDir)",
  switch: "전환",
  restart: "이 설정으로 다시 시작",
  switching: "실행 중인 실습의 파드를 모두 멈춘 뒤 다른 실습을 시작하는 중…",
  observing: "다른 실습의 릴리스를 확인한 뒤 관찰하는 중 (파드는 삭제하지 않습니다)…",
  persistenceRead:
    "영속성: {persistence, select, on {켬} off {끔} other {아직 모름}}, 파드의 볼륨에서 읽음 (차트 값이 정합니다)",
  running: "실행 중: {lab, select, cluster {클러스터 실습} other {복제 실습}}",
  busy: "다른 작업이 진행 중입니다",
};
