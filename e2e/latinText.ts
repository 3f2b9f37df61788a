import type { Page } from "@playwright/test";

/**
 * Words that stay as Redis and kubectl print them in any language (issue 8): commands, flags, states, column
 * names, ids, addresses, units. A visible Korean page may contain Latin letters only in these.
 */
const TOKENS: RegExp[] = [
  // Longest first: a whole command line or URL before the words inside it.
  /\b(?:kubectl|redis-cli)(?: [\w./=:<>-]+)+/g, // command lines (`kubectl get pod -o wide -w`)
  /Could not connect to Redis at \S+: Connection (?:refused|timed out)/g, // redis-cli's error, as the probe prints it
  /-> Redirected to slot \[\d+\] located at \S+/g, // redis-cli -c following MOVED
  /Error: Server closed the connection/g,
  /\bcluster-(?:require-full-coverage|node-timeout)\b/g, // Redis config names
  /https?:\/\/\S+/g, // the join URL
  /\blocal:\S+/g, // the local platform's scope
  /\bcluster-\d+\b/g, // pod names shortened to fit (`cluster-2`)
  /\b[\w-]+\/(?:cluster|fresh|master|replica-\d|replicas-svc)\b/g, // key/lane ids (`a/cluster`)
  /\badd-node\b/g,
  /(?<=실습 )[AB]\b/g, // the two labs are called A and B in every language
  /\b(?:instructor|student|auto-repair)\b/g, // the default display names
  /\be2e[\w-]*/g, // display names the other stories picked: people's names, not the page's words
  /ds-redis[\w.-]*/g, // pod, release and service names
  /\b[0-9a-f]{8,40}\b/g, // node ids, short and long
  /\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?(?:@\d+)?\b/g, // IPs
  /\bcluster_[a-z_]+(?::\w+)?/g, // cluster_state:ok, cluster_known_nodes:1
  /\b(?:master|slave|replica|myself|fail\??|pfail|handshake|noaddr|nofailover|connected|disconnected)(?:,(?:master|slave|myself|fail\??|pfail|handshake|noaddr|nofailover))*\b/g,
  /\b(?:CLUSTERDOWN|MOVED|ASK|TRYAGAIN|NOAUTH|LOADING|READONLY|ERR|OK|PONG|PING|nil)\b/g,
  /\b(?:PFAIL|FAIL|TAKEOVER|FORGET|MEET|REPLICATE|REPLICAOF|FAILOVER|CLUSTER|NODES|INFO|SHARDS|ADDSLOTSRANGE|DBSIZE|GET|SET|AUTH)\b/g,
  /\b(?:Running|Terminating|Pending|CrashLoopBackOff|ContainerCreating|Completed|Error)\b/g,
  /\b(?:NAME|READY|STATUS|RESTARTS|AGE|IP|NODE|NOMINATED|GATES|ROLE)\b/g,
  /\b(?:redis-cli|redis-server|redis|Redis|kubectl|Kubernetes|k8s|local|kubernetes|Next\.js|socket\.io)\b/g,
  /\b(?:SIGTERM|SIGKILL|SIGSTOP|AOF|RDB|RESP|nodes\.conf|appendonly|appendonlydir|emptyDir|PVC|TCP|URL|QR|JSON|CSV|API|ID|ok|yes|no|epoch|configEpoch)\b/g,
  /\b\d+(?:\.\d+)?\s?(?:ms|s|m|h|d|KB|MB|kB)\b/g, // units next to numbers (`850 ms`, AGE `3m2s`)
  /\b\d+[smhd](?:\d+[smhd])?\b/g,
  /-c\b|-h\b|-p\b|-a\b|--[\w-]+/g, // redis-cli flags
  /\b[a-c]\b/g, // the probed keys a, b, c
  /\$REDIS_PASSWORD\b/g,
  /\bEnglish\b/g, // the language switch names each language in itself
];

/** Elements whose text is Redis's or kubectl's own output (logs, command blocks, raw replies). */
const RAW_SELECTOR = "code, pre, kbd, samp, [translate='no'], [data-raw], script, style, noscript";

/**
 * Every visible text on the page, outside raw output, that still has Latin letters once the tokens are removed.
 * `within`: only under these elements (a CSS selector), for a check of some panels while others are untranslated.
 */
export async function latinTexts(page: Page, within = "body"): Promise<string[]> {
  const texts = await page.evaluate(
    ({ rawSelector, within }) => {
      const out: string[] = [];
      const roots = [...document.querySelectorAll<HTMLElement>(within)];
      for (const root of roots) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const el = n.parentElement;
          const text = n.textContent?.trim();
          if (!el || !text || el.closest(rawSelector)) continue;
          const box = el.getBoundingClientRect();
          const style = getComputedStyle(el);
          if (
            box.width === 0 ||
            box.height === 0 ||
            style.visibility === "hidden" ||
            style.display === "none"
          ) {
            continue;
          }
          out.push(text);
        }
      }
      for (const el of document.querySelectorAll<HTMLElement>("[title], [aria-label], [placeholder]")) {
        if (el.closest(rawSelector) || !roots.some((r) => r.contains(el))) continue;
        for (const attr of ["title", "aria-label", "placeholder"]) {
          const v = el.getAttribute(attr)?.trim();
          if (v) out.push(v);
        }
      }
      return out;
    },
    { rawSelector: RAW_SELECTOR, within },
  );
  return [...new Set(texts)].filter((t) => /[A-Za-z]/.test(TOKENS.reduce((s, re) => s.replace(re, " "), t)));
}
