import type { Catalogue } from "../catalogueShape";
import type { join as en } from "../en/join";

export const join: Catalogue<typeof en> = {
  collapsed: "▣ 참여",
  enlargeTitle: "코드 크게 보기",
  enlargeLabel: "참여 코드 크게 보기",
  studentsJoin: "학생 참여 (보기 전용)",
  hideLabel: "참여 코드 숨기기",
  hideTitle: "숨기기",
  showQr: "QR 크게 보기",
  closeOverlay: "닫기",
  dialogLabel: "참여 코드",
  scanToWatch: "코드를 스캔하면 내 기기에서 페일오버를 함께 볼 수 있습니다 · 클릭하면 닫힘",
};
