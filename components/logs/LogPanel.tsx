"use client";
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { comparePodNames } from "@/lib/podOrder";
import { useTranslations } from "use-intl";
import type { LogLine } from "@/lib/protocol";
import type { LogTone } from "@/lib/redisLog";
import { Panel } from "../common/Panel";
import { shortPod } from "../common/podName";
import { shortenIds } from "../common/shortenIds";

/** The lines a reader who scrolled up can read back through. */
const SHOWN = 500;
/**
 * While the panel follows, fewer: a few screens of the box. The log is most of the page's DOM (1,163 of 1,938
 * elements a minute after a reset, ~3,500 of 4,500 once full), and each batch of lines lays out, pre-paints and
 * paints past all of them, while three pages and the server share two cores in a failover (bench:latency).
 * Paused, the older lines come back above what the reader sees, which stays where it was.
 */
const FOLLOW_SHOWN = 120;

const ROLE_STYLE: Record<string, string> = {
  M: "text-amber-300",
  S: "text-slate-400",
  C: "text-slate-600",
  X: "text-slate-600",
};

function LogText({ line }: { line: LogLine }) {
  const t = useTranslations("logs");
  const r = line.redis;
  if (!r) return <span className="min-w-0 flex-1 break-all whitespace-pre-wrap">{line.line}</span>;
  return (
    <span className="flex min-w-0 flex-1 gap-2" title={line.line}>
      <span className="shrink-0 text-slate-400">{r.time}</span>
      <b
        className={`shrink-0 ${ROLE_STYLE[r.roleChar]}`}
        title={r.roleChar === "M" ? t("roleM") : r.roleChar === "S" ? t("roleS") : undefined}
      >
        {r.roleChar}
      </b>
      <span className="min-w-0 flex-1 break-words">{shortenIds(r.message)}</span>
    </span>
  );
}
const STICK_PX = 24;

const TONE_STYLE: Record<LogTone, string> = {
  fail: "bg-red-500/20 text-red-100 border-l-4 border-red-500",
  recover: "bg-emerald-500/20 text-emerald-100 border-l-4 border-emerald-400",
  warn: "bg-amber-400/15 text-amber-100 border-l-4 border-amber-400",
  info: "bg-sky-500/10 text-sky-100 border-l-4 border-sky-400",
};

// Lines carry no id, but each stays the same object in the browser's buffer: numbered when first shown, a row
// keeps its key while older lines scroll out at the top, so a new line adds one row instead of re-mounting 500.
const lineIds = new WeakMap<LogLine, number>();
let nextLineId = 0;
function lineKey(l: LogLine): number {
  let id = lineIds.get(l);
  if (id === undefined) lineIds.set(l, (id = nextLineId++));
  return id;
}

const LogRow = memo(function LogRow({ line: l }: { line: LogLine }) {
  const t = useTranslations("logs");
  const h = l.redis?.mark ?? null;
  return (
    // No content-visibility here: a new line below the view would be laid out at its placeholder height, and
    // the follow scroll would stop short of a wrapped line once it showed.
    <div data-highlight={h?.tone} className={`flex gap-2 px-2 ${h ? TONE_STYLE[h.tone] : "text-slate-400"}`}>
      <span className="w-20 shrink-0 truncate text-slate-400" title={l.pod}>
        {shortPod(l.pod)}
      </span>
      <LogText line={l} />
      {h ? <span className="shrink-0 text-[11px] font-bold uppercase">{t(`tags.${h.tag}`)}</span> : null}
    </div>
  );
});

/** Raw Redis logs, newest at the bottom like `kubectl logs -f`. */
export const LogPanel = memo(function LogPanel({ logs, pods }: { logs: LogLine[]; pods: string[] }) {
  const [pod, setPod] = useState<string>("all");
  const t = useTranslations("logs");
  const [stuck, setStuck] = useState(true);
  const box = useRef<HTMLDivElement>(null);
  const shown = useMemo(() => {
    const out: LogLine[] = [];
    const count = stuck ? FOLLOW_SHOWN : SHOWN;
    for (let i = logs.length - 1; i >= 0 && out.length < count; i--) {
      if (pod === "all" || logs[i].pod === pod) out.push(logs[i]);
    }
    return out.reverse();
  }, [logs, pod, stuck]);

  // Follow new lines only while the reader is at the bottom; scrolling up to read pauses it. The scroll waits
  // for the frame: reading scrollHeight in the commit forced a layout of the whole page inside React's task
  // (13-23 ms of a failover's longest task), and in a frame callback it is the layout the frame does anyway,
  // still before the paint, so no frame shows the panel unscrolled. `followedTo` is where it last scrolled to:
  // only a scroll above it is the reader's, since a scroll event comes a frame after the scroll and lines
  // committed in between made the box look scrolled up (on a loaded machine the follow stopped by itself).
  const followedTo = useRef(0);
  const follow = useCallback(() => {
    const el = box.current;
    if (!el) return;
    el.scrollTop = el.scrollHeight;
    followedTo.current = el.scrollTop;
  }, []);
  // Paused, the older lines come in above the reader's: the view keeps its distance from the bottom, which they
  // do not change. Not left to scroll anchoring, which does nothing at the very top (a reader who flicked up).
  const pausedAt = useRef<number | null>(null);
  useLayoutEffect(() => {
    const el = box.current;
    if (stuck || !el || pausedAt.current === null) return;
    el.scrollTop = el.scrollHeight - pausedAt.current;
    pausedAt.current = null;
  }, [stuck]);
  useEffect(() => {
    if (!stuck) return;
    const frame = requestAnimationFrame(follow);
    return () => cancelAnimationFrame(frame);
  }, [shown, stuck, follow]);
  // The box changes height with the page (a wide screen's column, a full-page screenshot): the newest line stays
  // in view without waiting for the next one.
  useEffect(() => {
    const el = box.current;
    if (!stuck || !el) return;
    const resized = new ResizeObserver(follow);
    resized.observe(el);
    return () => resized.disconnect();
  }, [stuck, follow]);

  const podNames = useMemo(
    () => [...new Set([...pods, ...logs.map((l) => l.pod)])].sort(comparePodNames),
    [pods, logs],
  );

  return (
    <Panel
      title={t("title")}
      hint={t("hint")}
      testId="log-panel"
      className="h-[380px] 2xl:h-auto 2xl:min-h-[300px] 2xl:flex-[1.4]"
      actions={
        <select
          aria-label={t("filter")}
          data-testid="log-pod-filter"
          value={pod}
          onChange={(e) => setPod(e.target.value)}
          className="rounded-md border border-slate-700 bg-slate-900 px-2 py-0.5 text-sm"
        >
          <option value="all">{t("allPods")}</option>
          {podNames.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      }
      bodyClassName="relative flex flex-col"
    >
      <div
        ref={box}
        data-testid="log-lines"
        onScroll={(e) => {
          const el = e.currentTarget;
          if (el.scrollHeight - el.scrollTop - el.clientHeight < STICK_PX) setStuck(true);
          else if (el.scrollTop < followedTo.current - 1) {
            if (stuck) pausedAt.current = el.scrollHeight - el.scrollTop;
            setStuck(false);
          }
        }}
        // Redis's own lines, as it printed them, in any language (`data-raw`: not text to translate).
        data-raw
        tabIndex={0}
        // While it follows, no scroll anchoring: a commit that drops the oldest rows and adds new ones made the
        // browser scroll up to keep the old rows in view (a scroll that read as the reader's). Paused, it keeps
        // the reader's lines still while the oldest scroll out.
        className={`min-h-0 flex-1 overflow-auto bg-black/40 py-1 font-mono text-[12px] leading-[1.35] ${stuck ? "[overflow-anchor:none]" : ""}`}
      >
        {shown.map((l) => (
          <LogRow key={lineKey(l)} line={l} />
        ))}
        {shown.length === 0 ? <div className="px-3 py-4 text-center text-slate-500">{t("empty")}</div> : null}
      </div>
      {!stuck ? (
        <button
          type="button"
          data-testid="log-follow"
          onClick={() => setStuck(true)}
          className="absolute right-4 bottom-2 rounded-full bg-sky-700 px-3 py-1 text-xs font-semibold text-white shadow-lg"
        >
          {t("follow")}
        </button>
      ) : null}
    </Panel>
  );
});
