import type { Catalogue } from "../catalogueShape";
import type { slots as en } from "../en/slots";

export const slots: Catalogue<typeof en> = {
  title: "슬롯 맵",
  hint: "해시 슬롯 16384개, 담당 마스터별 색",
  allServed: "슬롯 16384개 모두 담당 중",
  mapLabel: "슬롯 맵",
  noPod: "파드 없음",
  uncoveredLabel: "담당 마스터 없음",
  segmentTitle: "{ranges}: {pod} {id}",
  ghost: "유령",
  noMaster: "{ranges}: 마스터 없음 — CLUSTERDOWN",
  uncovered: "⚠ 담당 마스터 없음: {ranges} (슬롯 {n, plural, other {#개}}) → CLUSTERDOWN",
  failing: "⚠ 장애 났거나 삭제된 마스터가 담당: {ranges} — 레플리카가 승격될 때까지 이 슬롯의 읽기는 실패",
};
