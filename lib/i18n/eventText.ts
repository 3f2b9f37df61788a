// An event's facts in the viewer's words. Ids, IPs, pod names, slots and Redis's own lines stay as Redis and
// kubectl print them; only the sentence around them is translated.
import type { NewEvent, NodeRef } from "../events";
import type { RepairStep } from "../repairPlan";
import { STEP_COMMAND } from "../repairProgress";
import { shortId } from "../topologyDiff";
import type { Translator } from "./catalogue";
import { planText } from "./planText";
import { optionText, questionText } from "./predictionText";

const NONE = "none";

function node(t: Translator, n: NodeRef): string {
  return t("events.node", { id: shortId(n.nodeId), where: [n.pod, n.ip].filter(Boolean).join(", ") });
}

function byPod(t: Translator, n: NodeRef): string {
  return n.pod ? t("events.nodeByPod", { pod: n.pod, id: shortId(n.nodeId) }) : node(t, n);
}

function secs(t: Translator, ms: number | null): string {
  return ms === null ? t("events.never") : `${(ms / 1000).toFixed(1)} s`;
}

export function eventText(t: Translator, e: NewEvent): string {
  switch (e.kind) {
    case "pod-deleted":
      return t("events.pod-deleted", {
        pod: e.params.pod,
        ip: e.params.ip ?? NONE,
        gone: e.params.gone ? "yes" : "no",
      });
    case "pod-recreated": {
      const { pod, ip, oldIp } = e.params;
      return t("events.pod-recreated", { pod, ip, oldIp, same: ip === oldIp ? "yes" : "no" });
    }
    case "pod-ready":
      return t("events.pod-ready", { pod: e.params.pod });
    case "pod-not-ready":
      return t("events.pod-not-ready", { pod: e.params.pod, reason: e.params.reason ?? NONE });
    case "node-pfail":
    case "node-fail":
    case "node-forgotten":
      return t(`events.${e.kind}`, { node: node(t, e.params) });
    case "node-recovered":
      return t("events.node-recovered", { node: node(t, e.params), was: e.params.was });
    case "node-added": {
      const master = e.params.masterId ? shortId(e.params.masterId) : "?";
      return t("events.node-added", { node: node(t, e.params), role: e.params.role, master });
    }
    case "replica-promoted":
      return t("events.replica-promoted", { byPod: byPod(t, e.params), slots: e.params.slots });
    case "role-changed": {
      const p = e.params;
      const change = p.role !== p.was ? (p.role === "master" ? "toMaster" : "toReplica") : "remaster";
      return t("events.role-changed", {
        change,
        byPod: byPod(t, p),
        slots: p.slots || NONE,
        master: p.masterId ? shortId(p.masterId) : t("events.unknownMaster"),
        wasMaster: p.wasMasterId ? shortId(p.wasMasterId) : NONE,
      });
    }
    case "cluster-state":
      return t("events.cluster-state", { state: e.params.state });
    case "log":
      return t("events.log", { pod: e.params.pod, line: e.params.line });
    case "delete-requested":
      return t("events.delete-requested", { actor: e.params.actor, pod: e.params.pod, mode: e.params.mode });
    case "delete-failed":
      return t("events.delete-failed", { pod: e.params.pod, error: e.params.error });
    case "auto-repair-set":
      return t("events.auto-repair-set", { actor: e.params.actor, enabled: e.params.enabled ? "yes" : "no" });
    case "lab-reset-started": {
      const { persistence } = e.params;
      const mode = persistence === null ? NONE : persistence ? "on" : "off";
      return t("events.lab-reset-started", { actor: e.params.actor, persistence: mode });
    }
    case "lab-reset-done":
      return t("events.lab-reset-done", { lab: e.params.lab ?? "cluster" });
    case "repair-started": {
      const { actor, auto, replanned, steps } = e.params;
      return t("events.repair-started", {
        actor,
        steps,
        auto: auto ? "yes" : "no",
        replanned: replanned ? "yes" : "no",
      });
    }
    case "repair-step": {
      const { index, count, step, ok, detail } = e.params;
      const text = detail ? planText(t, detail) : NONE;
      const command = STEP_COMMAND[step as RepairStep["kind"]] ?? step;
      return t("events.repair-step", { index, count, step: command, ok: ok ? "yes" : "no", detail: text });
    }
    case "repair-finished":
      return t("events.repair-finished", {
        ok: e.params.ok ? "yes" : "no",
        detail: e.params.detail ? planText(t, e.params.detail) : NONE,
      });
    case "replica-full-resync": {
      const { pod, masterPod, keys } = e.params;
      const master = keys === 0 ? t("events.emptyMaster") : (masterPod ?? t("events.theMaster"));
      return t("events.replica-full-resync", {
        pod,
        master,
        known: keys === null ? "no" : "yes",
        n: keys ?? 0,
      });
    }
    case "replica-link-down":
    case "replica-link-up":
      return t(`events.${e.kind}`, { pod: e.params.pod, master: e.params.masterPod ?? "?" });
    case "replica-master-changed":
      return t("events.replica-master-changed", {
        pod: e.params.pod,
        to: e.params.masterPod ? `${e.params.masterPod} (${e.params.to ?? "?"})` : (e.params.to ?? "?"),
        from: e.params.from ?? "?",
      });
    case "replication-role-changed":
      return t("events.replication-role-changed", {
        pod: e.params.pod,
        from: e.params.from,
        to: e.params.to,
      });
    case "master-replid-changed":
      return t("events.master-replid-changed", {
        pod: e.params.pod,
        known: e.params.keys === null ? "no" : "yes",
        n: e.params.keys ?? 0,
      });
    case "keys-lost": {
      const { pod, keys, dbsizeBefore, dbsizeAfter } = e.params;
      const emptied = dbsizeBefore !== null && dbsizeBefore > 0 && dbsizeAfter === 0;
      return t("events.keys-lost", {
        pod,
        keys: keys.length ? keys.join(", ") : NONE,
        emptied: emptied ? "yes" : "no",
        before: String(dbsizeBefore ?? 0),
      });
    }
    case "key-set":
      return t("events.key-set", { actor: e.params.actor, key: e.params.key, value: e.params.value });
    case "lab-switch-started":
    case "lab-switched": {
      const { persistence } = e.params;
      const mode = persistence === null ? NONE : persistence ? "on" : "off";
      return t(`events.${e.kind}`, { actor: e.params.actor, lab: e.params.lab, persistence: mode });
    }
    case "replication-run-ended": {
      const p = e.params;
      const lost = p.lostOnMaster || p.lostOnReplicas > 0;
      return t("events.replication-run-ended", {
        pod: p.pod,
        recovered: p.recovered ? "yes" : "no",
        lost: lost ? "yes" : "no",
        where: t("events.lostWhere", { master: p.lostOnMaster ? "yes" : "no", replicas: p.lostOnReplicas }),
        keys: p.keys.join(", ") || "DBSIZE 0",
        away: secs(t, p.masterAwayMs),
      });
    }
    case "grant-changed": {
      const { actor, action, to, allowed } = e.params;
      return t("events.grant-changed", { actor, action, to, allowed: allowed ? "yes" : "no" });
    }
    case "prediction-opened": {
      const p = e.params;
      const question = questionText(t, { kind: p.question, key: p.key, slot: p.slot });
      return t("events.prediction-opened", { actor: p.actor, question, options: p.options });
    }
    case "prediction-closed": {
      const p = e.params;
      const counts = p.counts.map((c) =>
        t("predict.countOf", { label: optionText(t, c.option), n: c.count }),
      );
      return t("events.prediction-closed", {
        by: p.actor === null ? "run" : "person",
        actor: p.actor ?? "",
        answers: p.answers,
        counts: counts.join(" · ") || NONE,
      });
    }
    case "run-ended": {
      const p = e.params;
      const down = p.downtime.map((d) => `${d.key}/${d.lane} ${secs(t, d.ms)}`).join(", ");
      return t("events.run-ended", {
        pod: p.pod,
        recovered: p.recovered ? "yes" : "no",
        fail: secs(t, p.failAfterMs),
        promoted: secs(t, p.promotedAfterMs),
        downtime: down || t("events.noDowntime"),
      });
    }
  }
}
