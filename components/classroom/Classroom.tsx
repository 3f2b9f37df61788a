"use client";
import { memo, useState } from "react";
import { useTranslations } from "use-intl";
import type { DashboardState } from "@/lib/clientState";
import { GRANTABLE, type GrantableAction, may } from "@/lib/permissions";
import { Panel } from "../common/Panel";
import { useErrorText } from "../i18n/useErrorText";
import type { LabConnection } from "../lab/LabConnection";

type Props = Pick<DashboardState, "presence" | "grants" | "session"> & { connection: LabConnection | null };

/**
 * The room: who is connected and what each may do; the instructor hands over and takes back the actions here.
 * Memoised on what it shows: with 300 students it is 300 rows of checkboxes, and re-drawing them with every
 * topology delta, run update and log line made the instructor's projected page the slowest to show a failover.
 */
export const Classroom = memo(function Classroom({ presence, grants, session, connection }: Props) {
  const t = useTranslations("classroom");
  const errorText = useErrorText();
  const [error, setError] = useState<string | null>(null);
  const isInstructor = session?.role === "instructor";
  const students = presence.filter((p) => p.role === "student");
  const toggle = async (action: GrantableAction, to: string, allowed: boolean) => {
    if (!connection) return;
    const ack = await connection.setGrant({ action, to, allowed });
    setError(ack.ok ? null : t("failed", { error: errorText(ack) }));
  };
  const granted = (to: string, a: GrantableAction) =>
    to === "everyone" ? grants.everyone.includes(a) : (grants.people[to] ?? []).includes(a);

  return (
    <>
      {isInstructor ? (
        <Panel title={t("grantsTitle")} hint={t("grantsHint")} testId="grant-panel" className="shrink-0">
          <div className="overflow-x-auto p-2">
            <table className="w-full text-sm">
              <thead>
                <tr className="text-left text-slate-400">
                  <th className="px-2 py-1 font-medium" />
                  {GRANTABLE.map((a) => (
                    <th key={a} className="px-1 py-1 text-center font-medium">
                      {t(`action.${a}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {[
                  { name: "everyone", label: t("everyone") },
                  ...students.map((s) => ({ name: s.name, label: s.name })),
                ].map((row) => (
                  <tr
                    key={row.name}
                    data-testid={`grant-row-${row.name}`}
                    className="border-t border-slate-800"
                  >
                    <th scope="row" className="px-2 py-1 text-left font-medium text-slate-200">
                      {row.label}
                    </th>
                    {GRANTABLE.map((a) => (
                      <td key={a} className="px-1 py-1 text-center">
                        <input
                          type="checkbox"
                          data-testid={`grant-${a}-${row.name}`}
                          aria-label={t("allow", { action: t(`action.${a}`), who: row.label })}
                          checked={granted(row.name, a)}
                          disabled={!connection}
                          onChange={(e) => void toggle(a, row.name, e.target.checked)}
                          className="h-4 w-4 accent-violet-500"
                        />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
            {error ? (
              <p role="alert" className="px-2 py-1 text-sm text-red-300">
                {error}
              </p>
            ) : null}
          </div>
        </Panel>
      ) : null}
      <Panel
        title={t("whoTitle")}
        hint={t("whoHint", { count: presence.length })}
        testId="who-is-here"
        className="shrink-0"
      >
        <ul className="flex flex-wrap gap-2 p-3 text-sm">
          {presence.map((p) => {
            const actions = GRANTABLE.filter((a) => may(p, a, grants));
            return (
              <li
                key={p.name}
                data-testid={`person-${p.name}`}
                data-role={p.role}
                className={`rounded-full border px-3 py-0.5 ${p.name === session?.name ? "border-sky-400" : "border-slate-700"}`}
                title={p.connections > 1 ? t("tabs", { count: p.connections }) : undefined}
              >
                <b className="font-semibold text-slate-100">{p.name}</b>
                <span className="ml-1 text-slate-400">
                  {p.role === "instructor"
                    ? `· ${t("instructor")}`
                    : `· ${actions.length ? t("mayDo", { actions: actions.map((a) => t(`action.${a}`)).join(", ") }) : t("watchOnly")}`}
                </span>
              </li>
            );
          })}
          {presence.length === 0 ? <li className="text-slate-500">{t("nobody")}</li> : null}
        </ul>
      </Panel>
    </>
  );
});
