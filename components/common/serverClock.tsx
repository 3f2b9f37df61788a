"use client";
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { useSamples } from "../lab/samples";

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

/** Server time, re-rendering the caller every `intervalMs`. */
export function useServerNow(intervalMs = 1000): number {
  const skew = useContext(SkewContext);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now + skew;
}
