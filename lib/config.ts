// Server configuration from the environment and CLI flags (DESIGN §6). Pure: takes the maps, returns a value.
import { z } from "zod";
import { clusterKubeChart } from "./labs/cluster/kubeChart";
import { replicationKubeChart } from "./labs/replication/kubeChart";
import { describeZodError } from "./protocol";

const intFrom = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const configSchema = z.object({
  PORT: intFrom(0, 65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DASHBOARD_PLATFORM: z.enum(["local", "kubernetes"]).default("local"),
  DASHBOARD_LAB: z.enum(["cluster", "replication"]).default("cluster"),
  DASHBOARD_PERSISTENCE: z.enum(["off", "on"]).default("off"),
  DASHBOARD_TOKEN: z.string().min(8).max(200).optional(),
  DASHBOARD_DATA_DIR: z.string().min(1).default(".data"),
  REDIS_PASSWORD: z.string().min(1).max(200).optional(),
  CLUSTER_NODE_TIMEOUT_MS: intFrom(500, 600_000).default(15_000),
  /** Redis's default (yes): while a master is FAIL and before its replica takes over, every key is CLUSTERDOWN. */
  CLUSTER_REQUIRE_FULL_COVERAGE: z.enum(["yes", "no"]).default("yes"),
  PROBE_INTERVAL_MS: intFrom(50, 10_000).default(200),
  /** Unset: the seed's keys of each lab (`a,b,c` in the cluster lab, `a` in the replication lab). */
  PROBE_KEYS: z.string().optional(),
  READINESS_PERIOD_MS: intFrom(100, 60_000).default(5_000),
  RESTART_DELAY_MS: intFrom(0, 60_000).default(1_500),
  /** First three octets of the local pod network, mirroring the seed's 10.42.2.x. */
  LOCAL_IP_PREFIX: z
    .string()
    .regex(/^127\.\d{1,3}\.\d{1,3}$/, "must look like 127.X.Y")
    .default("127.42.2"),
  LOCAL_IP_START: intFrom(2, 250).default(76),
  KUBE_NAMESPACE: z.string().min(1).optional(),
  /** Each lab's own namespace, for a lab switch; KUBE_NAMESPACE stays the one of the lab started with. */
  KUBE_NAMESPACE_CLUSTER: z.string().min(1).optional(),
  KUBE_NAMESPACE_REPLICATION: z.string().min(1).optional(),
  KUBE_RELEASE: z.string().min(1).default("ds-redis"),
  KUBE_REACH: z.enum(["pod-ip", "port-forward"]).default("pod-ip"),
  /** Where students reach the dashboard when it is not at this machine's own addresses (a proxy, a NodePort). */
  PUBLIC_URL: z
    .string()
    .url()
    .regex(/^https?:\/\/[^?#]*$/, "must be an http(s) URL without a query or fragment")
    .optional(),
});

export type RawConfig = z.infer<typeof configSchema>;

export interface Config {
  port: number;
  host: string;
  platform: "local" | "kubernetes";
  lab: "cluster" | "replication";
  persistence: boolean;
  token: string | undefined;
  dataDir: string;
  redisPassword: string | undefined;
  nodeTimeoutMs: number;
  requireFullCoverage: boolean;
  probeIntervalMs: number;
  keys: string[];
  /** The keys lab A probes: the seed writes only `a` there. */
  replicationKeys: string[];
  readinessPeriodMs: number;
  restartDelayMs: number;
  ipPrefix: string;
  ipStart: number;
  /** The namespace of the lab started with (`kubeNamespaces[lab]`). */
  kubeNamespace: string;
  /** Where each lab's release is: a lab switch observes the other lab's release there. */
  kubeNamespaces: Record<"cluster" | "replication", string>;
  kubeRelease: string;
  kubeReach: "pod-ip" | "port-forward";
  publicUrl: string | null;
  dev: boolean;
  buildIfNeeded: boolean;
}

/** `--platform kubernetes` and `--port=3001` map to the env names; flags win over the environment. */
export function flagsToEnv(argv: string[]): { env: Record<string, string>; switches: Set<string> } {
  const env: Record<string, string> = {};
  const switches = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith("--")) throw new Error(`unexpected argument "${arg}"`);
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const envName = FLAG_TO_ENV[name];
    if (!envName) {
      if (SWITCHES.has(name) && eq === -1) {
        switches.add(name);
        continue;
      }
      throw new Error(`unknown flag --${name}`);
    }
    const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined) throw new Error(`flag --${name} needs a value`);
    env[envName] = value;
  }
  return { env, switches };
}

const FLAG_TO_ENV: Record<string, string> = {
  port: "PORT",
  host: "HOST",
  platform: "DASHBOARD_PLATFORM",
  lab: "DASHBOARD_LAB",
  persistence: "DASHBOARD_PERSISTENCE",
  token: "DASHBOARD_TOKEN",
  "data-dir": "DASHBOARD_DATA_DIR",
  "node-timeout-ms": "CLUSTER_NODE_TIMEOUT_MS",
  "probe-interval-ms": "PROBE_INTERVAL_MS",
  keys: "PROBE_KEYS",
  namespace: "KUBE_NAMESPACE",
  release: "KUBE_RELEASE",
  reach: "KUBE_REACH",
  "public-url": "PUBLIC_URL",
};
const SWITCHES = new Set(["dev", "build-if-needed"]);

export function parseConfig(env: Record<string, string | undefined>, argv: string[] = []): Config {
  const { env: fromFlags, switches } = flagsToEnv(argv);
  const merged = { ...pickDefined(env), ...fromFlags };
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) throw new Error(`invalid configuration: ${describeZodError(parsed.error)}`);
  const c = parsed.data;
  const keys = (c.PROBE_KEYS ?? "a,b,c")
    .split(",")
    .map((k) => k.trim())
    .filter(Boolean);
  if (keys.length === 0 || keys.length > 16 || keys.some((k) => k.length > 64)) {
    throw new Error("invalid configuration: PROBE_KEYS must name 1 to 16 keys of at most 64 characters");
  }
  // KUBE_NAMESPACE (DESIGN §5) names the started lab's namespace; the other lab keeps its seed default
  // unless its own KUBE_NAMESPACE_<LAB> says otherwise.
  const namespaceOf = (lab: "cluster" | "replication", own: string | undefined, seed: string) =>
    own ?? (c.DASHBOARD_LAB === lab ? c.KUBE_NAMESPACE : undefined) ?? seed;
  const kubeNamespaces = {
    cluster: namespaceOf("cluster", c.KUBE_NAMESPACE_CLUSTER, clusterKubeChart.defaultNamespace),
    replication: namespaceOf(
      "replication",
      c.KUBE_NAMESPACE_REPLICATION,
      replicationKubeChart.defaultNamespace,
    ),
  };
  return {
    port: c.PORT,
    host: c.HOST,
    platform: c.DASHBOARD_PLATFORM,
    lab: c.DASHBOARD_LAB,
    persistence: c.DASHBOARD_PERSISTENCE === "on",
    token: c.DASHBOARD_TOKEN,
    dataDir: c.DASHBOARD_DATA_DIR,
    redisPassword: c.REDIS_PASSWORD,
    nodeTimeoutMs: c.CLUSTER_NODE_TIMEOUT_MS,
    requireFullCoverage: c.CLUSTER_REQUIRE_FULL_COVERAGE === "yes",
    probeIntervalMs: c.PROBE_INTERVAL_MS,
    keys,
    replicationKeys: c.PROBE_KEYS === undefined ? ["a"] : keys,
    readinessPeriodMs: c.READINESS_PERIOD_MS,
    restartDelayMs: c.RESTART_DELAY_MS,
    ipPrefix: c.LOCAL_IP_PREFIX,
    ipStart: c.LOCAL_IP_START,
    kubeNamespace: kubeNamespaces[c.DASHBOARD_LAB],
    kubeNamespaces,
    kubeRelease: c.KUBE_RELEASE,
    kubeReach: c.KUBE_REACH,
    publicUrl: c.PUBLIC_URL ?? null,
    dev: switches.has("dev"),
    buildIfNeeded: switches.has("build-if-needed"),
  };
}

function pickDefined(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== "") out[k] = v;
  return out;
}
