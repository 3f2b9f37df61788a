"use client";
import { useState } from "react";
import { useTranslations } from "use-intl";
import { MAX_KEY_LENGTH, MAX_VALUE_LENGTH, type SetKeyResult } from "@/lib/protocol";
import { setCommand } from "@/lib/redisCli";
import { Panel } from "../../common/Panel";
import { useErrorText } from "../../i18n/useErrorText";
import type { LabConnection } from "../../lab/LabConnection";

interface Props {
  /** The permission table's reason this viewer may not use it (components/lab/usePermissions.ts), or null. */
  refused: string | null;
  connection: LabConnection | null;
  /** The master Service's name, as `redis-cli -h` takes it. */
  service: string;
}

/** The seed's `set a 1111` … `set a 3333`, typed here; shown as the redis-cli line it equals before it is sent. */
export function WriteBox({ refused, connection, service }: Props) {
  const t = useTranslations("replication");
  const errorText = useErrorText();
  const [key, setKey] = useState("a");
  const [value, setValue] = useState("3333");
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<SetKeyResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const why = refused ?? (!connection ? t("notConnected") : null);

  async function write() {
    if (!connection) return;
    setPending(true);
    setError(null);
    setResult(null);
    const ack = await connection.setKey(key, value);
    setPending(false);
    if (ack.ok) setResult(ack.result ?? null);
    else setError(errorText(ack));
  }

  return (
    <Panel title={t("writeTitle")} hint={t("writeHint")} testId="write-box" className="shrink-0">
      <form
        className="flex flex-col gap-2 p-3"
        onSubmit={(e) => {
          e.preventDefault();
          void write();
        }}
      >
        <div className="flex flex-wrap items-end gap-2">
          <label className="flex flex-col text-xs text-slate-400">
            {t("key")}
            <input
              data-testid="write-key"
              value={key}
              maxLength={MAX_KEY_LENGTH}
              onChange={(e) => setKey(e.target.value)}
              className="w-24 rounded-md border border-slate-700 bg-slate-950 px-2 py-1 font-mono text-base text-white"
            />
          </label>
          <label className="flex flex-col text-xs text-slate-400">
            {t("value")}
            <input
              data-testid="write-value"
              value={value}
              maxLength={MAX_VALUE_LENGTH}
              onChange={(e) => setValue(e.target.value)}
              className="w-36 rounded-md border border-slate-700 bg-slate-950 px-2 py-1 font-mono text-base text-white"
            />
          </label>
          <span title={why ?? undefined}>
            <button
              type="submit"
              data-testid="write-submit"
              disabled={why !== null || pending || key === ""}
              className="rounded-md bg-sky-700 px-3 py-1.5 font-mono text-sm font-semibold text-white hover:bg-sky-500 disabled:cursor-not-allowed disabled:bg-slate-700 disabled:text-slate-400"
            >
              {pending ? t("writing") : t("write")}
            </button>
          </span>
        </div>
        <code
          data-testid="write-command"
          className="rounded bg-slate-950 px-2 py-1 font-mono text-sm text-slate-200"
        >
          {setCommand(service, key || "…", value)}
        </code>
        {result ? (
          <p data-testid="write-result" className="font-mono text-sm text-green-300">
            {t("written", { reply: result.reply, key: result.key, value: JSON.stringify(result.value) })}
          </p>
        ) : null}
        {error ? (
          <p data-testid="write-error" className="text-sm text-red-300">
            {error}
          </p>
        ) : null}
      </form>
    </Panel>
  );
}
