// Where a page's main-thread time goes, from a Chromium trace: the JS profiler counts everything outside
// JavaScript as one "(program)" line, and the trace splits it into style recalculation, layout, paint, GC,
// canvas and the rest. Self time per event name on the renderer's main thread(s), nested events subtracted. Thread
// (CPU) time where the trace has it: on a loaded machine a task's wall time is mostly waiting for a core.

/**
 * The DevTools Performance panel's main categories: each task, and inside it script, style, layout, paint and GC.
 * `v8` and `blink` as well made a 20 s failover trace too large to hand back on a loaded machine.
 */
export const TRACE_CATEGORIES = ["toplevel", "devtools.timeline", "disabled-by-default-v8.gc"];

/**
 * TRACE_CATEGORIES_EXTRA=a,b: more categories for a trace written with TRACE_OUT, e.g.
 * `disabled-by-default-devtools.timeline.invalidationTracking` for which nodes each layout and paint was for.
 */
export function traceCategoriesExtra(): string[] {
  return (process.env.TRACE_CATEGORIES_EXTRA ?? "").split(",").filter(Boolean);
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread time, µs: what the thread itself ran, without the time it waited for a core. */
  tdur?: number;
  tts?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

interface Span {
  name: string;
  ts: number;
  end: number;
  cpu: number;
}

/** Spans per renderer main thread, in start order (an enclosing span before what it holds). */
export type MainThreads = Map<string, Span[]>;

/**
 * The renderer main threads' spans, from a trace's JSON: parsed once and handed to both summaries below (a 20 s
 * trace of three pages is megabytes, parsed in the bench's process, which is also the dashboard's server).
 */
export function mainThreadSpans(traceJson: string): MainThreads {
  const parsed = JSON.parse(traceJson) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const main = new Set(
    events
      .filter((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain")
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const byThread = new Map<string, Span[]>();
  const open = new Map<string, TraceEvent[]>();
  for (const e of events) {
    const thread = `${e.pid}:${e.tid}`;
    if (!main.has(thread)) continue;
    let span: Span | null = null;
    if (e.ph === "X" && e.dur !== undefined)
      span = { name: e.name, ts: e.ts, end: e.ts + e.dur, cpu: e.tdur ?? e.dur };
    else if (e.ph === "B") {
      if (!open.has(thread)) open.set(thread, []);
      open.get(thread)!.push(e);
    } else if (e.ph === "E") {
      const b = open.get(thread)?.pop();
      const cpu = b && b.tts !== undefined && e.tts !== undefined ? e.tts - b.tts : e.ts - (b?.ts ?? e.ts);
      if (b) span = { name: b.name, ts: b.ts, end: e.ts, cpu };
    }
    if (!span) continue;
    if (!byThread.has(thread)) byThread.set(thread, []);
    byThread.get(thread)!.push(span);
  }
  for (const spans of byThread.values()) spans.sort((a, b) => a.ts - b.ts || b.end - a.end);
  return byThread;
}

/** Self CPU µs per span name, nested spans subtracted from the one that holds them. */
function selfTimes(spans: Span[], into = new Map<string, number>()): Map<string, number> {
  const stack: { name: string; end: number; self: number }[] = [];
  const close = (upTo: number) => {
    while (stack.length && stack[stack.length - 1].end <= upTo) {
      const s = stack.pop()!;
      into.set(s.name, (into.get(s.name) ?? 0) + s.self);
    }
  };
  for (const s of spans) {
    close(s.ts);
    if (stack.length) stack[stack.length - 1].self -= Math.min(s.cpu, stack[stack.length - 1].self);
    stack.push({ name: s.name, end: s.end, self: s.cpu });
  }
  close(Infinity);
  return into;
}

const byMs = (self: Map<string, number>): [string, number][] =>
  [...self].map(([n, us]): [string, number] => [n, us / 1000]).sort((a, b) => b[1] - a[1]);

/**
 * [name, self CPU ms], largest first, summed over the trace's renderer main threads; `threads` is how many (a
 * browser's trace holds every page it has open, one renderer each), `wallMs` the trace's span.
 */
export function mainThreadSelfTimes(threads: MainThreads): {
  wallMs: number;
  threads: number;
  rows: [string, number][];
} {
  const self = new Map<string, number>();
  let first = Infinity;
  let last = -Infinity;
  for (const spans of threads.values()) {
    selfTimes(spans, self);
    for (const s of spans) [first, last] = [Math.min(first, s.ts), Math.max(last, s.end)];
  }
  return {
    wallMs: Number.isFinite(first) ? (last - first) / 1000 : 0,
    threads: threads.size,
    rows: byMs(self),
  };
}

/**
 * The main thread's longest top-level tasks (wall ms, what a long-task observer reports) and, for each, its
 * self CPU ms per kind of work: whether a long task is script, style, layout or paint.
 */
export function longestTasks(
  threads: MainThreads,
  count: number,
): { wallMs: number; rows: [string, number][] }[] {
  const tasks: { wallMs: number; rows: [string, number][] }[] = [];
  for (const spans of threads.values())
    for (const task of topLevelTasks(spans))
      tasks.push({ wallMs: (task[0].end - task[0].ts) / 1000, rows: byMs(selfTimes(task)) });
  return tasks.sort((a, b) => b.wallMs - a.wallMs).slice(0, count);
}

/**
 * The frames the main thread drew (a top-level task that reached pre-paint: a begin-main-frame with something to
 * update), summed over the renderers, and their CPU ms. A frame costs the page its style, layout, pre-paint, paint
 * and layerize however small the change that asked for it, so how many there are is a figure of its own.
 */
export function mainThreadFrames(threads: MainThreads): { frames: number; cpuMs: number } {
  let frames = 0;
  let cpuUs = 0;
  for (const spans of threads.values())
    for (const task of topLevelTasks(spans))
      if (task.some((s) => s.name === "PrePaint")) [frames, cpuUs] = [frames + 1, cpuUs + task[0].cpu];
  return { frames, cpuMs: cpuUs / 1000 };
}

/** Each top-level task of one thread's spans, with what it holds: its own span first. */
function* topLevelTasks(spans: Span[]): Generator<Span[]> {
  for (let i = 0; i < spans.length;) {
    let j = i + 1;
    while (j < spans.length && spans[j].ts < spans[i].end) j++;
    yield spans.slice(i, j);
    i = j;
  }
}
