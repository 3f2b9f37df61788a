import { useRef } from "react";
import { jsonEqual } from "@/lib/jsonEqual";

/**
 * The value the last render had when this one is equal to it as JSON: what is worked out afresh on every render
 * (a guide's steps, from samples that change five times a second) keeps its identity while it says the same, so
 * what is memoised on it is not formatted and drawn again. Only ever replaced by an equal or newer value, so a
 * render React throws away leaves nothing wrong behind.
 */
export function useJsonStable<T>(value: T): T {
  const last = useRef(value);
  if (!jsonEqual(last.current, value)) last.current = value;
  return last.current;
}
