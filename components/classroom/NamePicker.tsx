"use client";
import { type FormEvent, useState } from "react";
import { useTranslations } from "use-intl";
import { MAX_NAME, type SessionInfo } from "@/lib/protocol";
import type { LabConnection } from "../lab/LabConnection";
import { NAME_KEY, setStored, useStored } from "./stored";

/** Keeps the name in this browser and tells the server, which makes it unique in the room. */
function usePickName(connection: LabConnection | null) {
  return (name: string) => {
    setStored(NAME_KEY, name);
    connection?.rename(name);
  };
}

function NameForm({
  initial,
  onPick,
  onCancel,
}: {
  initial: string;
  onPick: (name: string) => void;
  onCancel?: () => void;
}) {
  const t = useTranslations("classroom");
  const [name, setName] = useState(initial);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = name.trim();
    if (n) onPick(n);
  };
  return (
    <form onSubmit={submit} className="flex flex-wrap items-center gap-2" data-testid="name-form">
      <label className="sr-only" htmlFor="display-name">
        {t("nameLegend")}
      </label>
      <input
        id="display-name"
        data-testid="name-input"
        value={name}
        maxLength={MAX_NAME}
        autoComplete="nickname"
        placeholder={t("namePlaceholder")}
        onChange={(e) => setName(e.target.value)}
        className="w-40 rounded-md border border-slate-500 bg-slate-900 px-2 py-1 text-base text-white"
      />
      <button
        type="submit"
        data-testid="name-save"
        disabled={!name.trim()}
        className="rounded-md bg-sky-700 px-3 py-1 text-sm font-semibold text-white hover:bg-sky-500 disabled:bg-slate-700 disabled:text-slate-300"
      >
        {t("nameSave")}
      </button>
      {onCancel ? (
        <button
          type="button"
          onClick={onCancel}
          className="rounded-md border border-slate-600 px-2 py-1 text-sm text-slate-200 hover:bg-slate-800"
        >
          {t("nameCancel")}
        </button>
      ) : null}
    </form>
  );
}

/** A student on a first visit: asked for a name before any control is theirs (the page stays watchable). */
export function NamePrompt({
  session,
  connection,
}: {
  session: SessionInfo | null;
  connection: LabConnection | null;
}) {
  const t = useTranslations("classroom");
  const picked = useStored(NAME_KEY);
  const pick = usePickName(connection);
  if (session?.role !== "student" || picked) return null;
  return (
    <div
      role="region"
      aria-label={t("nameLegend")}
      data-testid="name-prompt"
      className="flex w-full flex-wrap items-center gap-3 rounded-md border border-sky-500/60 bg-sky-950/60 px-3 py-2 text-sm text-sky-50"
    >
      <p>{t("namePrompt")}</p>
      <NameForm initial="" onPick={pick} />
    </div>
  );
}

/** The header's "you: 민지 · change name"; says so when the room already had the name and added a suffix. */
export function NameBadge({
  session,
  connection,
}: {
  session: SessionInfo | null;
  connection: LabConnection | null;
}) {
  const t = useTranslations("classroom");
  const picked = useStored(NAME_KEY);
  const pick = usePickName(connection);
  const [editing, setEditing] = useState(false);
  if (!session || (session.role === "student" && !picked)) return null;
  if (editing) {
    return (
      <NameForm
        initial={picked ?? session.name}
        onPick={(n) => {
          pick(n);
          setEditing(false);
        }}
        onCancel={() => setEditing(false)}
      />
    );
  }
  const suffixed = session.role === "student" && picked !== null && session.name !== picked;
  return (
    <span className="flex items-center gap-1.5 text-sm text-slate-200" data-testid="my-name">
      <span title={suffixed ? t("nameTaken", { wanted: picked, name: session.name }) : undefined}>
        {t("youAre", { name: session.name })}
        {suffixed ? <span aria-hidden> ⓘ</span> : null}
      </span>
      <button
        type="button"
        data-testid="name-change"
        onClick={() => setEditing(true)}
        className="rounded border border-slate-600 px-1.5 py-0.5 text-xs text-slate-200 hover:bg-slate-800"
      >
        {t("nameChange")}
      </button>
    </span>
  );
}
