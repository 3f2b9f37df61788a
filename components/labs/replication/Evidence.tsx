"use client";
import { useTranslations } from "use-intl";
import { infoPersistenceLines, infoReplicationLines } from "@/lib/labs/replication/evidenceLines";
import { EvidenceText } from "../../evidence/EvidenceText";
import type { EvidenceViewProps } from "../../evidence/types";

/** Seed section 2 without a terminal: whom the pod follows (INFO replication) and what it keeps (INFO persistence). */
export function ReplicationEvidence({ host, evidence: answer, loading }: EvidenceViewProps) {
  const t = useTranslations("evidence");
  const evidence = answer?.kind === "replication" ? answer : null;
  const empty = loading ? t("reading") : t("noAnswer");
  return (
    <>
      <p className="rounded-md border border-sky-500/40 bg-sky-500/10 px-3 py-2 text-sm leading-relaxed text-sky-100">
        {t("replication.explanation")}
      </p>
      <div className="grid gap-4 lg:grid-cols-2">
        <section className="flex min-w-0 flex-col gap-3">
          <h3 className="text-sm font-semibold tracking-wide text-slate-300 uppercase">
            {t("replication.follows")}
          </h3>
          <EvidenceText
            command={`redis-cli -h ${host} info replication`}
            lines={evidence?.infoReplication ? infoReplicationLines(evidence.infoReplication) : null}
            empty={empty}
            testId="pod-evidence-info-replication"
          />
        </section>
        <section className="flex min-w-0 flex-col gap-3">
          <h3 className="text-sm font-semibold tracking-wide text-slate-300 uppercase">
            {t("replication.keeps")}
          </h3>
          <EvidenceText
            command={`redis-cli -h ${host} info persistence`}
            lines={evidence?.infoPersistence ? infoPersistenceLines(evidence.infoPersistence) : null}
            empty={empty}
            testId="pod-evidence-info-persistence"
          />
        </section>
      </div>
    </>
  );
}
