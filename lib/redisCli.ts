// The `redis-cli` lines the dashboard shows beside what it does, so a student can type the same thing.

/** An argument as redis-cli reads it back: bare when it is plain printable ASCII, else in double quotes. */
export function cliArg(s: string): string {
  if (/^[\x21-\x7e]+$/.test(s) && !/["'\\]/.test(s)) return s;
  return `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\r/g, "\\r")}"`;
}

/** The write box's `SET`, as the seed types it: `redis-cli -h ds-redis-master SET a 3333`. */
export function setCommand(host: string, key: string, value: string): string {
  return `redis-cli -h ${host} SET ${cliArg(key)} ${cliArg(value)}`;
}
