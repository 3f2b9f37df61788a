import type { Catalogue } from "../catalogueShape";
import type { events as en } from "../en/events";

export const events: Catalogue<typeof en> = {
  node: "노드 {id} ({where})",
  nodeByPod: "{pod} ({id})",
  unknownMaster: "알 수 없는 마스터",
  "pod-deleted":
    '{gone, select, yes {파드 "{pod}" 삭제됨{ip, select, none {} other { (이전 IP {ip})}}} other {파드 "{pod}" 삭제됨 ({ip, select, none {Terminating} other {Terminating, IP {ip}}})}}',
  "pod-recreated":
    '{same, select, yes {파드 "{pod}" 재생성됨 (IP 그대로 {ip})} other {파드 "{pod}" 재생성됨, 새 IP {ip} (이전 {oldIp})}}',
  "pod-ready": '파드 "{pod}" 준비 완료 (1/1)',
  "pod-not-ready": '파드 "{pod}" 준비 안 됨 (0/1){reason, select, none {} other {: {reason}}}',
  "node-pfail": "{node} 장애 의심 (PFAIL)",
  "node-fail": "{node} 장애로 확정 (FAIL)",
  "node-recovered": "{node} 다시 응답함 ({was} 해제)",
  "node-added": "{node} 클러스터에 나타남: {role, select, master {마스터} other {{master}의 레플리카}}",
  "node-forgotten": "{node}를 아는 노드가 이제 없음",
  "replica-promoted": "{byPod} 마스터로 승격, 슬롯 {slots} 담당",
  "role-changed":
    "{change, select, toMaster {{byPod} 이제 마스터{slots, select, none { (슬롯 없음)} other {, 슬롯 {slots} 담당}} (이전: 레플리카)} toReplica {{byPod} 이제 {master}의 레플리카 (이전: 마스터)} other {{byPod} 이제 {master}를 복제{wasMaster, select, none {} other { (이전: {wasMaster})}}}}",
  "cluster-state": "cluster_state: {state}",
  log: "{pod}: {line}",
  "delete-requested":
    "{actor} 님이 파드 {pod} 삭제{mode, select, crash { (크래시: SIGKILL, 유예 시간 0)} other {}}",
  "delete-failed": "{pod} 삭제 실패: {error}",
  "auto-repair-set": "{actor} 님이 자동 복구를 {enabled, select, yes {켬} other {끔}}",
  "lab-reset-started":
    "{actor} 님이 실습을 초기화하는 중{persistence, select, on { (영속성 켬)} off { (영속성 끔)} other {}}",
  "lab-reset-done":
    "{lab, select, replication {실습이 다시 데이터 없는 새 마스터 1 + 레플리카 2가 됨} other {실습이 다시 새 3+3 클러스터가 됨}}",
  "repair-started":
    "{actor} 님이 복구 시작{auto, select, yes { (자동 복구)} other {}}: {steps, plural, other {#단계}}{replanned, select, yes { — 토폴로지가 바뀌어 계획을 다시 세움} other {}}",
  "repair-step":
    "복구 단계 {index, number}/{count, number} {step}: {ok, select, yes {성공} other {실패}}{detail, select, none {} other { — {detail}}}",
  "repair-finished": "복구 {ok, select, yes {완료} other {실패}}{detail, select, none {} other {: {detail}}}",
  "replica-full-resync":
    "레플리카 {pod}, {master}에서 전체 동기화{known, select, yes {: 키 {n, plural, other {#개}}} other {}}",
  "replica-link-down": "레플리카 {pod}: master_link_status:down ({master})",
  "replica-link-up": "레플리카 {pod}: master_link_status:up ({master})",
  "replica-master-changed": "레플리카 {pod}, 이제 {to}를 따라감 (이전 {from})",
  "replication-role-changed": "{pod} 이제 role:{to} (이전 role:{from})",
  "master-replid-changed":
    "마스터 {pod}, 새 복제 이력 시작 (master_replid 바뀜){known, select, yes {, 키 {n, plural, other {#개}}} other {}}",
  "keys-lost":
    "{pod}에서 데이터 유실: {keys, select, none {} other {{keys} 읽기 결과 (nil)}}{emptied, select, yes {{keys, select, none {} other {; }}DBSIZE {before} → 0} other {}}",
  "key-set": '{actor} 님이 마스터에 SET {key} "{value}" 쓰기',
  "lab-switch-started":
    "{actor} 님이 {lab, select, cluster {클러스터 실습} other {복제(마스터/레플리카) 실습}}으로 전환하는 중{persistence, select, on { (영속성 켬)} off { (영속성 끔)} other {}}",
  "lab-switched":
    "{lab, select, cluster {클러스터 실습} other {복제(마스터/레플리카) 실습}} 실행 중{persistence, select, on { (영속성 켬)} off { (영속성 끔)} other {}}",
  emptyMaster: "빈 마스터",
  theMaster: "마스터",
  "replication-run-ended":
    "{pod} 삭제 후 실행 결과: {recovered, select, yes {복구됨} other {시간 초과}} — {lost, select, yes {{where}에서 데이터 유실: 키 {keys}} other {잃은 데이터 없음}}; 마스터 부재 {away}",
  lostWhere:
    "{master, select, yes {마스터{replicas, plural, =0 {} other {와 레플리카 #개}}} other {레플리카 {replicas, plural, other {#개}}}}",
  "grant-changed":
    "{actor} 님이 {to, select, everyone {모든 학생} other {{to} 님}}에게 {action, select, delete {파드 삭제} crash {파드 크래시} fault {장애 주입} repair {클러스터 복구} write {키 쓰기} other {실습 초기화}} 권한을 {allowed, select, yes {줌} other {거둠}}",
  "run-ended":
    "{pod} 삭제 후 실행 결과: {recovered, select, yes {복구됨} other {시간 초과}} — FAIL {fail}, 승격 {promoted}; 중단 시간: {downtime}",
  "prediction-opened": "{actor} 님이 질문을 냄: {question} (보기 {options, plural, other {#개}})",
  "prediction-closed":
    "{by, select, run {실행이 끝나 답변 마감} other {{actor} 님이 답변 마감}}: {answers, plural, =0 {답변 없음} other {답변 #개}} — {counts}",
  noDowntime: "없음",
  never: "—",
};
