import type { Catalogue } from "../catalogueShape";
import type { graph as en } from "../en/graph";

export const graph: Catalogue<typeof en> = {
  title: "복제 구성",
  hint: "클러스터가 보는 마스터와 그 레플리카",
  replicates: "▲ 복제",
  noReplica: "레플리카 없음 — 한 번 더 장애가 나면 이 슬롯을 잃습니다",
  knowsOnlyItself: "자기 자신만 아는 노드",
  emptyMaster: "빈 마스터, 어느 샤드에도 속하지 않음",
  ghosts: "유령 노드 — 다른 노드의 목록에만 남고 파드는 없음",
  detached: "알 수 없는 마스터의 레플리카",
  master: "마스터",
  replica: "레플리카",
  promoted: "★ 승격됨",
  noPod: "유령 — 이 노드를 가진 파드가 없음",
  epoch: "에포크 {n}",
  slots: "슬롯 {ranges} ({n, plural, other {#개}})",
  noSlots: "슬롯 없음",
  viewsAgree: "✓ CLUSTER NODES {n, plural, other {#개}}가 모두 같은 내용",
  viewsDisagree: "노드마다 보는 것이 다름",
  viewsDisagreeWhat: "각 파드 자신의 CLUSTER NODES 결과",
  nodeColumn: "노드",
  ghost: "유령",
  notListed: "모름",
};
