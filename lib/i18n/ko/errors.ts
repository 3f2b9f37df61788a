import type { Catalogue } from "../catalogueShape";
import type { errors as en } from "../en/errors";

export const errors: Catalogue<typeof en> = {
  forbidden:
    "{action, select, delete {파드 삭제는} repair {클러스터 복구는} autoRepair {자동 복구 전환은} reset {실습 초기화는} write {키 쓰기는} lab {실습 전환은} grant {권한 부여는} switchLab {실습 전환은} predict {질문 내기는} guide {실습 단계 이동은} other {이 작업은}} 강사만 할 수 있습니다",
  invalid_request: "잘못된 요청: {detail}",
  unknown_pod: '파드 "{pod}"는 이 실습의 파드가 아닙니다',
  pod_not_running: '파드 "{pod}"가 {phase} 상태입니다. Running이 될 때까지 기다리세요',
  busy: "사용 중: {action, select, delete {{actor} 님이 {pod}를 삭제하는 중입니다} repair {{actor} 님이 클러스터를 복구하는 중입니다} reset {{actor} 님이 실습을 초기화하는 중입니다} lab {{actor} 님이 실습을 전환하는 중입니다} other {다른 작업이 진행 중입니다}}",
  healthy: "클러스터가 정상입니다: 복구할 것이 없습니다",
  cannot_repair: "지금은 복구할 수 없습니다: {summary}",
  cannot_reset:
    "{platform, select, kubernetes {쿠버네티스에서는 파드를 helm이 관리하므로 대시보드가 초기화하지 않습니다. 처음부터 다시 하려면 볼륨을 지우고 릴리스를 다시 설치하세요: helm -n {namespace} uninstall {release}; kubectl -n {namespace} delete pvc -l app.kubernetes.io/instance={release}; 그런 다음 설치할 때의 값으로 helm -n {namespace} install {release}를 다시 실행하세요} other {{platform} 플랫폼은 여기서 초기화할 수 없습니다}}",
  lab_unavailable:
    "{lab, select, cluster {클러스터 실습} other {복제 실습}}으로 전환할 수 없습니다: {scope}를 관찰할 수 없습니다 ({detail}). {running, select, cluster {클러스터 실습} other {복제 실습}}은 계속 실행됩니다",
  rate_limited:
    "{kind, select, action {조작} other {계획/증거 요청}}이 너무 많습니다: {seconds, number}초에 최대 {max, number}번, {retry, number}초 뒤에 다시 해 보세요",
  internal: "서버 내부 오류",
  unauthorized: "Authorization: Bearer 토큰이 없습니다",
  invalid_token: "토큰이 올바르지 않습니다",
  not_found: "없는 엔드포인트: {method} {path}",
  no_run: '실행 기록 "{id}"가 없습니다',
  method_not_allowed: "{method} 메서드는 허용되지 않습니다. {allowed}를 쓰세요",
  body_too_large: "본문이 {max, number}바이트보다 큽니다",
  malformed_json: "JSON 본문 형식이 잘못되었습니다",
  invalid_body: "잘못된 본문: {detail}",
  bad_path:
    '{segment, select, none {요청 대상은 /로 시작하는 경로여야 합니다} other {경로의 퍼센트 인코딩이 잘못되었습니다: "{segment}"}}',
  not_in_lab:
    "{what, select, repair {복구는} keys {쓰기 상자는} aof {AOF 보기는} other {이 기능은}} {lab, select, cluster {클러스터 실습} other {복제 실습}}용입니다. 지금은 {running, select, cluster {클러스터 실습} other {복제 실습}}이 실행 중입니다",
  no_master: "마스터 서비스 {service}에 준비된 엔드포인트가 없습니다: {detail}",
  disconnected: "서버에 연결되어 있지 않습니다 ({detail})",
  not_granted:
    "강사가 아직 {action, select, delete {파드 삭제를} crash {크래시를} fault {장애 주입을} repair {복구를} write {쓰기를} reset {초기화를} other {이 작업을}} 허용하지 않았습니다",
  unknown_person: '"{name}"라는 사람은 이 방에 없습니다',
  prediction_not_open: "지금 답할 수 있는 열린 질문이 없습니다",
  prediction_already_open: "이미 열린 질문이 있습니다. 먼저 답변을 마감하세요",
  prediction_stale: "그 질문은 이미 닫혔고 지금 열린 질문이 아닙니다",
  prediction_unknown_option: '열린 질문에 "{option}" 보기가 없습니다',
  prediction_unavailable:
    "지금은 이 질문을 낼 수 없습니다: {reason, select, lab {다른 실습의 질문입니다} master {슬롯 {slot}을 맡은 마스터 중 레플리카가 있는 살아 있는 마스터가 없습니다} other {실습이 읽는 키가 없습니다}}",
};
