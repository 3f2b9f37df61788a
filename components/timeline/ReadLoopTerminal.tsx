"use client";
import { useMemo } from "react";
import { useTranslations } from "use-intl";
import { serviceOfPod } from "@/lib/cliReply";
import { LAB_DEFINITIONS } from "@/lib/labs";
import type { LabInfo } from "@/lib/protocol";
import { readLoop } from "@/lib/readLoop";
import type { PodState } from "@/lib/types";
import { Panel } from "../common/Panel";
import { useSamples } from "../lab/samples";
import { OUTCOME_COLORS } from "./outcomeColors";

const ITERATIONS = 6;

interface Props {
  lab: LabInfo | null;
  pods: PodState[];
}

/**
 * The seed's 1 s `redis-cli` loop, as its terminal prints it, from the reads the dashboard already makes: a
 * student compares it line for line with their own terminal, and sees it recover when the timeline does.
 */
export function ReadLoopTerminal({ lab, pods }: Props) {
  const samples = useSamples();
  const t = useTranslations("terminal");
  const kind = lab?.lab ?? "cluster";
  const spec = LAB_DEFINITIONS[kind].readLoop;
  const keys = useMemo(() => {
    const all = lab?.keys ?? [];
    return spec.keyCount === "all" ? all : all.slice(0, spec.keyCount);
  }, [spec, lab]);
  const loop = useMemo(() => readLoop(samples, keys, spec.lane, ITERATIONS), [samples, keys, spec]);
  const pod = spec.servicePod(pods);
  const command = spec.command(pod ? serviceOfPod(pod.name) : spec.defaultService, keys);
  return (
    <Panel title={t("title")} hint={t("hint", { lab: kind })} testId="read-loop" className="shrink-0">
      <pre
        data-raw
        // Scrolls when the loop is longer than the box: keyboard users must reach it too.
        tabIndex={0}
        className="max-h-72 overflow-y-auto px-4 py-2 font-mono text-[13px] leading-snug whitespace-pre-wrap text-slate-300"
      >
        <span className="text-slate-400" title={t("password")}>
          {command}
        </span>
        {loop.map((it) => (
          <span key={it.t} data-testid="read-loop-iteration">
            {"\n"}
            {spec.dated ? <span className="text-slate-400">{it.date}</span> : null}
            {it.reads.map((r) => (
              <span
                key={r.key}
                data-key={r.key}
                data-outcome={r.outcome}
                style={{ color: OUTCOME_COLORS[r.outcome] }}
              >
                {r.lines.length ? r.lines.map((l) => `\n${l}`).join("") : `\n${t("waiting")}`}
              </span>
            ))}
            {spec.dated ? "\n" : null}
          </span>
        ))}
        {loop.length === 0 ? `\n${t("empty")}` : null}
      </pre>
    </Panel>
  );
}
