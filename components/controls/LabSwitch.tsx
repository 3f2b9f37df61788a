"use client";
import { memo, useState } from "react";
import { useTranslations } from "use-intl";
import { LAB_KINDS } from "@/lib/labs";
import type { LabKind } from "@/lib/types";
import { useErrorText } from "../i18n/useErrorText";
import type { LabConnection } from "../lab/LabConnection";
import { Elapsed } from "../repair/Elapsed";

interface Props {
  running: LabKind | null;
  persistence: boolean | null;
  /** false on kubernetes: persistence is read from the pods' volumes, and a switch only observes another release. */
  choosesPersistence: boolean;
  /** The permission table's reason this viewer may not use it (components/lab/usePermissions.ts), or null. */
  refused: string | null;
  busy: boolean;
  connection: LabConnection | null;
}

/**
 * Which of the seed's two labs runs. Locally a switch stops every pod of one before the other starts; on
 * kubernetes it observes the other lab's release instead, and the running one stays if that is refused.
 */
export const LabSwitch = memo(function LabSwitch({
  running,
  persistence,
  choosesPersistence,
  refused,
  busy,
  connection,
}: Props) {
  const t = useTranslations("labSwitch");
  const errorText = useErrorText();
  const [lab, setLab] = useState<LabKind | null>(null);
  const [persist, setPersist] = useState<boolean | null>(null);
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const chosen = lab ?? running ?? "cluster";
  const chosenPersistence = persist ?? persistence ?? false;
  const why = refused ?? (busy ? t("busy") : null);
  // Without a persistence to choose, switching to the running lab would change nothing.
  const unchanged = !choosesPersistence && chosen === running;

  async function go() {
    if (!connection) return;
    setError(null);
    setStartedAt(Date.now());
    const ack = await connection.switchLab(chosen, choosesPersistence ? chosenPersistence : undefined);
    setStartedAt(null);
    if (ack.ok) {
      setLab(null);
      setPersist(null);
    } else setError(errorText(ack));
  }

  return (
    <div className="flex flex-col gap-2" data-testid="lab-switch" data-running={running ?? ""}>
      <p className="text-sm font-semibold text-slate-100">
        {t("title")}{" "}
        <span className="font-normal text-slate-400">· {t("running", { lab: running ?? "cluster" })}</span>
      </p>
      <fieldset className="flex flex-col gap-1" disabled={startedAt !== null || why !== null}>
        {LAB_KINDS.map((l) => (
          <label key={l} className="flex cursor-pointer items-center gap-2 text-sm text-slate-200">
            <input
              type="radio"
              name="lab-switch-lab"
              data-testid={`lab-switch-${l}`}
              checked={chosen === l}
              onChange={() => setLab(l)}
              className="accent-sky-400"
            />
            {t("lab", { lab: l })}
          </label>
        ))}
        {choosesPersistence ? (
          <div className="flex flex-wrap items-center gap-2 text-sm text-slate-300">
            <span className="text-xs text-slate-400">{t("persistence")}:</span>
            {[false, true].map((p) => (
              <label key={String(p)} className="flex cursor-pointer items-center gap-1">
                <input
                  type="radio"
                  name="lab-switch-persistence"
                  data-testid={`lab-switch-persistence-${p ? "on" : "off"}`}
                  checked={chosenPersistence === p}
                  onChange={() => setPersist(p)}
                  className="accent-sky-400"
                />
                {p ? t("on") : t("off")}
              </label>
            ))}
          </div>
        ) : (
          <p data-testid="lab-switch-persistence-read" className="text-xs text-slate-400">
            {t("persistenceRead", {
              persistence: persistence === null ? "unknown" : persistence ? "on" : "off",
            })}
          </p>
        )}
      </fieldset>
      <span title={why ?? undefined} className="self-start">
        <button
          type="button"
          data-testid="lab-switch-submit"
          disabled={why !== null || startedAt !== null || !connection || unchanged}
          onClick={() => void go()}
          className="rounded-md border border-sky-500/70 px-3 py-1.5 text-sm font-semibold text-sky-100 hover:bg-sky-500/20 disabled:cursor-not-allowed disabled:border-slate-700 disabled:text-slate-500"
        >
          {chosen === running ? t("restart") : t("switch")}
        </button>
      </span>
      {startedAt !== null ? (
        <p data-testid="lab-switch-progress" className="flex items-center gap-2 text-sm text-sky-200">
          <span className="h-4 w-4 animate-spin rounded-full border-2 border-sky-400/30 border-t-sky-300" />
          {choosesPersistence ? t("switching") : t("observing")} <Elapsed since={startedAt} />
        </p>
      ) : null}
      {error ? (
        <p data-testid="lab-switch-error" className="text-sm text-red-300">
          {error}
        </p>
      ) : null}
    </div>
  );
});
