"use client";
import { createContext, type ReactNode, useContext, useEffect, useState } from "react";
import type { ProbeSample } from "@/lib/types";
import { SampleStore } from "./sampleStore";

const NO_SAMPLES: readonly ProbeSample[] = [];
const Samples = createContext<readonly ProbeSample[]>(NO_SAMPLES);

/**
 * Holds the store's samples in React state, not useSyncExternalStore: that would render every steady batch at
 * once, and the connection puts those in a transition so they never hold up a topology change. `children` come
 * from the caller, so a new batch re-renders only the components that read useSamples().
 */
export function SamplesProvider({ store, children }: { store: SampleStore; children: ReactNode }) {
  const [samples, setSamples] = useState(() => store.get());
  useEffect(() => {
    const off = store.subscribe(() => setSamples(store.get()));
    // A batch that landed between the first render and this subscription.
    setSamples(store.get());
    return off;
  }, [store]);
  return <Samples.Provider value={samples}>{children}</Samples.Provider>;
}

/** The probe samples, oldest first (bounded: lib/sampleBuffer.ts). */
export function useSamples(): readonly ProbeSample[] {
  return useContext(Samples);
}
