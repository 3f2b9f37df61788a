import type { Catalogue } from "../catalogueShape";
import type { predict as en } from "../en/predict";

export const predict: Catalogue<typeof en> = {
  title: "예측하고 지켜보기",
  hint: "삭제 전에 모두 답을 고르고, 실행 결과로 누가 맞았는지 확인합니다",
  question: {
    newMaster: "슬롯 {slot}의 새 마스터는 어느 노드가 될까요?",
    downtime: "{key} 읽기는 얼마 동안 실패할까요?",
    replicaRead: "마스터를 삭제하면 레플리카에서 {key}를 읽을 때 무엇이 나올까요?",
  },
  pick: "낼 질문",
  open: "질문 내기",
  close: "답변 마감",
  none: "열린 질문이 없습니다. 삭제하기 전에 질문을 내 보세요.",
  noneStudent: "아직 질문이 없습니다. 강사가 삭제 전에 질문을 냅니다.",
  answers: "{n, plural, =0 {아직 답변 없음} other {답변 #개}}",
  hidden: "다른 사람의 답을 따라가지 않도록 마감 전까지는 답별 인원을 보여 주지 않습니다.",
  choose: "답을 하나 고르세요. 마감 전까지는 바꿀 수 있습니다.",
  yours: "내 답",
  closed: "답변이 마감되었습니다. 다음 삭제의 실행 결과로 채점합니다.",
  running: "답변 완료: 실행 결과를 측정하는 중…",
  result: "측정 결과",
  measuredPod:
    "{pod, select, none {슬롯 {slot}을 맡은 살아 있는 마스터가 없음} other {지금 슬롯 {slot}의 마스터는 {pod}}}",
  measuredDuration:
    "{known, select, yes {{key} 읽기 실패 시간 {duration} (더 길었던 {lane} 읽기 기준)} other {이번 실행에서 {key} 읽기가 측정되지 않음}}",
  measuredValue:
    "{lost, select, yes {레플리카가 (nil)을 읽음: 빈 마스터와 다시 동기화하면서 {key}가 지워짐} no {레플리카에 {key}가 남아 있음} other {이번 실행에 복제 정보가 없음}}",
  timedOut: "복구되기 전에 실행 시간이 초과되었습니다. 그때까지 측정한 결과입니다.",
  right: "측정값",
  noneRight: "측정 결과와 맞는 보기가 없습니다.",
  count: "{n, plural, other {#명}}",
  countOf: "{label}: {n, number}명",
  rangeBelow: "{to}초 미만",
  rangeBetween: "{from}–{to}초",
  rangeAbove: "{from}초 초과",
  kept: '{known, select, yes {마지막 값 "{value}"} other {마지막으로 쓴 값}}',
  nil: "(nil)",
  failed: "처리하지 못함: {error}",
};
