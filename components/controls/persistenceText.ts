/** A persistence setting as a `select` option of the controls catalogue: on, off, or the platform's. */
export function persistenceKey(p: boolean | null): "on" | "off" | "platform" {
  return p === null ? "platform" : p ? "on" : "off";
}
