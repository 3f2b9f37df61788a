"use client";
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from "react";
import { useSamples } from "../lab/samples";
import { everyAligned } from "./alignedTimer";

// Every time on screen (AGE, timeline edge, run elapsed) is server time: a student's phone may be minutes off,
// and the samples, events and pod creation times all come stamped by the server.
const SkewContext = createContext(0);

const OBSERVATIONS = 20;

/**
 * Estimates server clock − browser clock from the newest probe sample. Each observation is late by the
 * transport delay, so the largest of the recent ones is the best estimate.
 */
export function ServerClockProvider({ children }: { children: ReactNode }) {
  const newestT = useSamples().at(-1)?.t ?? null;
  const [skew, setSkew] = useState(0);
  const seen = useRef<number[]>([]);
  useEffect(() => {
    if (newestT === null) return;
    const obs = seen.current;
    obs.push(newestT - Date.now());
    if (obs.length > OBSERVATIONS) obs.shift();
    const best = Math.max(...obs);
    setSkew((prev) => (Math.abs(best - prev) > 50 ? best : prev));
  }, [newestT]);
  return <SkewContext.Provider value={skew}>{children}</SkewContext.Provider>;
}

interface Ticker {
  now: number;
  listeners: Set<() => void>;
  stop: (() => void) | null;
}

/**
 * One clock per interval for the whole page, ticking on whole multiples of it (everyAligned): every AGE,
 * elapsed time and timeline edge that moves each second moves in the same task as the others and the steady
 * probe batch, so React renders them in one pass. It runs only while some component listens.
 */
const tickers = new Map<number, Ticker>();

function ticker(intervalMs: number): Ticker {
  let t = tickers.get(intervalMs);
  if (!t) tickers.set(intervalMs, (t = { now: Date.now(), listeners: new Set(), stop: null }));
  return t;
}

function subscribeTicker(intervalMs: number, listener: () => void): () => void {
  const t = ticker(intervalMs);
  t.listeners.add(listener);
  if (!t.stop) {
    t.now = Date.now();
    t.stop = everyAligned(intervalMs, () => {
      t.now = Date.now();
      for (const l of t.listeners) l();
    });
  }
  return () => {
    t.listeners.delete(listener);
    if (t.listeners.size === 0 && t.stop) {
      t.stop();
      t.stop = null;
    }
  };
}

const NOT_TICKING = () => () => {};

/**
 * Server time, re-rendering the caller every `intervalMs` while `active`: a panel with nothing counting (no
 * run running, no reads failing) passes false and is not re-rendered by the clock at all.
 */
export function useServerNow(intervalMs = 1000, active = true): number {
  const skew = useContext(SkewContext);
  const subscribe = useCallback(
    (listener: () => void) => subscribeTicker(intervalMs, listener),
    [intervalMs],
  );
  const now = useSyncExternalStore(
    active ? subscribe : NOT_TICKING,
    () => ticker(intervalMs).now,
    () => ticker(intervalMs).now,
  );
  return now + skew;
}
