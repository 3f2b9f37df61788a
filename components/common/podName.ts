/** `ds-redis-redis-cluster-2` -> `cluster-2`: enough to tell pods apart where space is short. */
export function shortPod(name: string): string {
  const parts = name.split("-");
  return parts.length > 2 ? parts.slice(-2).join("-") : name;
}
