"use client";
import { memo, useState } from "react";
import { useTranslations } from "use-intl";
import { useErrorText } from "../i18n/useErrorText";
import type { LabConnection } from "../lab/LabConnection";

interface Props {
  enabled: boolean;
  /** The permission table's reason this viewer may not use it (components/lab/usePermissions.ts), or null. */
  refused: string | null;
  connection: LabConnection | null;
}

/** Auto-repair: the server runs the repair plan by itself once the failover settled, like an operator would. */
export const AutoRepairSwitch = memo(function AutoRepairSwitch({ enabled, refused, connection }: Props) {
  const t = useTranslations("controls");
  const errorText = useErrorText();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const why = refused ?? (!connection ? t("notConnected") : null);

  async function toggle() {
    if (!connection) return;
    setPending(true);
    setError(null);
    const ack = await connection.setAutoRepair(!enabled);
    setPending(false);
    if (!ack.ok) setError(t("autoRepairFailed", { status: String(ack.status), error: errorText(ack) }));
  }

  return (
    <div className="flex flex-col gap-1">
      <div className="flex items-center gap-3" title={why ?? undefined}>
        <button
          type="button"
          role="switch"
          aria-checked={enabled}
          aria-label={t("autoRepair")}
          data-testid="auto-repair-toggle"
          disabled={why !== null || pending}
          onClick={() => void toggle()}
          className={`relative inline-flex h-7 w-12 shrink-0 items-center rounded-full transition-colors disabled:cursor-not-allowed disabled:opacity-50 ${
            enabled ? "bg-emerald-500" : "bg-slate-600"
          }`}
        >
          <span
            className={`inline-block h-5 w-5 rounded-full bg-white shadow transition-transform ${
              enabled ? "translate-x-6" : "translate-x-1"
            }`}
          />
        </button>
        <div className="min-w-0">
          <p className="text-sm font-semibold text-slate-100">
            {t("autoRepair")}{" "}
            <span className={enabled ? "text-emerald-300" : "text-slate-400"}>
              {t("onOff", { on: enabled ? "yes" : "no" })}
            </span>
            {pending ? <span className="ml-2 text-xs font-normal text-slate-400">{t("saving")}</span> : null}
            {why ? <span className="ml-2 text-xs font-normal text-slate-400">({why})</span> : null}
          </p>
          <p className="text-xs text-slate-400">{t("autoRepairHint")}</p>
        </div>
      </div>
      {error ? (
        <p data-testid="auto-repair-error" className="text-sm text-red-300">
          {error}
        </p>
      ) : null}
    </div>
  );
});
