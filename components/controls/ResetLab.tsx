"use client";
import { memo, useState } from "react";
import { useTranslations } from "use-intl";
import type { LabSettings } from "@/lib/protocol";
import type { LabConnection } from "../lab/LabConnection";
import { Elapsed } from "../repair/Elapsed";
import { useErrorText } from "../i18n/useErrorText";
import { persistenceKey } from "./persistenceText";

interface Props {
  settings: LabSettings;
  /** The permission table's reason this viewer may not use it (components/lab/usePermissions.ts), or null. */
  refused: string | null;
  busy: boolean;
  connection: LabConnection | null;
}

// `label` is the test id's suffix; the visible text comes from the catalogue.
const CHOICES: { value: boolean; label: "on" | "off"; detail: string }[] = [
  { value: false, label: "off", detail: "emptyDir" },
  { value: true, label: "on", detail: "PVC · AOF + nodes.conf" },
];

/** Starts the lab over with fresh pods, optionally switching persistence, after an inline confirmation. */
export const ResetLab = memo(function ResetLab({ settings, refused, busy, connection }: Props) {
  const t = useTranslations("controls");
  const errorText = useErrorText();
  // null until the instructor picks: then the current setting is what a reset keeps.
  const [picked, setPicked] = useState<boolean | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const choice = picked ?? settings.persistence;
  const pending = startedAt !== null;
  const why = refused ?? (!connection ? t("notConnected") : busy ? t("busy") : null);

  async function reset() {
    if (!connection) return;
    setConfirming(false);
    setError(null);
    setDone(null);
    setStartedAt(Date.now());
    const ack = await connection.resetLab(choice ?? undefined);
    setStartedAt(null);
    if (ack.ok) {
      setPicked(null);
      setDone(t("resetDone", { persistence: persistenceKey(ack.result?.persistence ?? choice) }));
    } else setError(t("resetFailed", { status: String(ack.status), error: errorText(ack) }));
  }

  return (
    <div className="flex flex-col gap-2">
      <div>
        <p className="text-sm font-semibold text-slate-100">{t("resetTitle")}</p>
        <p className="text-xs text-slate-400" data-testid="persistence-current">
          {t("persistenceNow")}{" "}
          <span className="text-slate-200">
            {t("persistenceText", { persistence: persistenceKey(settings.persistence) })}
          </span>
        </p>
      </div>

      {/* `relative`: the sr-only legend is absolute, and with its containing block outside the scrolling column
          it escaped the column's clip and made a one-screen dashboard scroll 790 px into nothing. */}
      <fieldset className="relative flex flex-wrap items-center gap-2" disabled={pending || why !== null}>
        <legend className="sr-only">{t("persistenceLegend")}</legend>
        <span className="text-xs text-slate-400">{t("afterReset")}</span>
        {CHOICES.map((c) => (
          <label
            key={String(c.value)}
            className={`flex cursor-pointer items-center gap-1.5 rounded-md border px-2 py-1 text-sm ${
              choice === c.value
                ? "border-sky-400 bg-sky-500/15 text-sky-100"
                : "border-slate-700 text-slate-300 hover:border-slate-500"
            }`}
          >
            <input
              type="radio"
              name="reset-persistence"
              data-testid={`reset-persistence-${c.label}`}
              checked={choice === c.value}
              onChange={() => setPicked(c.value)}
              className="accent-sky-400"
            />
            {t("persistenceChoice", { persistence: c.label })}{" "}
            <span className="text-xs text-slate-400">({c.detail})</span>
          </label>
        ))}
      </fieldset>

      {confirming ? (
        <div
          data-testid="reset-lab-confirm-box"
          className="flex flex-col gap-2 rounded-md border border-red-500/60 bg-red-950/40 p-2 text-sm text-red-100"
        >
          <p>{t("resetConfirm", { persistence: persistenceKey(choice) })}</p>
          <div className="flex gap-2">
            <button
              type="button"
              data-testid="reset-lab-confirm"
              onClick={() => void reset()}
              disabled={why !== null}
              className="rounded-md bg-red-600 px-3 py-1 text-sm font-semibold text-white hover:bg-red-500 disabled:bg-slate-700 disabled:text-slate-400"
            >
              {t("resetYes")}
            </button>
            <button
              type="button"
              data-testid="reset-lab-cancel"
              onClick={() => setConfirming(false)}
              className="rounded-md border border-slate-600 px-3 py-1 text-sm text-slate-200 hover:bg-slate-800"
            >
              {t("cancel")}
            </button>
          </div>
        </div>
      ) : (
        <span title={why ?? undefined} className="self-start">
          <button
            type="button"
            data-testid="reset-lab"
            disabled={why !== null || pending}
            onClick={() => {
              setDone(null);
              setConfirming(true);
            }}
            className="rounded-md border border-red-500/70 px-3 py-1.5 text-sm font-semibold text-red-200 hover:bg-red-500/20 disabled:cursor-not-allowed disabled:border-slate-700 disabled:text-slate-500"
          >
            {pending ? t("resetting") : t("resetButton")}
          </button>
        </span>
      )}

      {pending ? (
        <p data-testid="reset-lab-progress" className="flex items-center gap-2 text-sm text-sky-200">
          <span className="h-4 w-4 animate-spin rounded-full border-2 border-sky-400/30 border-t-sky-300" />
          {t("resetProgress")} <Elapsed since={startedAt} />
        </p>
      ) : null}
      {error ? (
        <p data-testid="reset-lab-error" className="text-sm text-red-300">
          {error}
        </p>
      ) : null}
      {done ? <p className="text-sm text-green-300">✓ {done}</p> : null}
    </div>
  );
});
