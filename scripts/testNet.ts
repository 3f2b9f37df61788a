/**
 * `FAILOVER_TEST_NET=<n>` moves every suite's loopback range to `127.<n>.x`, so two checkouts (a second
 * worktree, a bench beside the tests) can run their labs at the same time without sharing an IP.
 */
export function onTestNet(ipPrefix: string): string {
  const net = process.env.FAILOVER_TEST_NET;
  if (!net) return ipPrefix;
  if (!/^\d{1,3}$/.test(net) || Number(net) > 255)
    throw new Error(`FAILOVER_TEST_NET must be 0-255, not ${net}`);
  return ipPrefix.replace(/^127\.\d+/, `127.${net}`);
}
