"use client";
import { useSyncExternalStore } from "react";

// What this browser keeps between visits. Read with useSyncExternalStore so the server render (which has no
// localStorage) and the first client render agree, and every component sees a change at once.
export const NAME_KEY = "failover-lab-name";
export const PROJECTOR_KEY = "failover-lab-projector";

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

export function useStored(key: string): string | null {
  return useSyncExternalStore(
    subscribe,
    () => localStorage.getItem(key),
    () => null,
  );
}

export function setStored(key: string, value: string | null): void {
  if (value === null) localStorage.removeItem(key);
  else localStorage.setItem(key, value);
  for (const l of listeners) l();
}
