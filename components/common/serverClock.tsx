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
import { subscribeTicker, tickerNow } from "./pageClock";

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
    () => tickerNow(intervalMs),
    () => tickerNow(intervalMs),
  );
  return now + skew;
}
