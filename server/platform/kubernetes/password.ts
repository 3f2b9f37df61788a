import type { KubeChart } from "@/lib/labs/kubeChart";
import type { KubeApi } from "./kubeApi";
import { secretName } from "./names";

export const PASSWORD_KEY = "redis-password";

/**
 * The Redis password: `REDIS_PASSWORD` when given, else the chart's secret. Kept on the server only: nothing
 * here is logged, and the value never appears in an error message.
 */
export async function resolvePassword(
  api: KubeApi,
  namespace: string,
  release: string,
  chart: KubeChart,
  given: string | undefined,
): Promise<string> {
  if (given !== undefined && given !== "") return given;
  const name = secretName(release, chart);
  let data: Record<string, string>;
  try {
    data = await api.readSecretData(namespace, name);
  } catch (err) {
    const e = err as { status?: number; message?: string };
    if (e.status === 404)
      throw new Error(
        `password secret ${namespace}/${name} not found: is release ${release} installed with auth enabled? ` +
          `Or set REDIS_PASSWORD.`,
      );
    throw err;
  }
  const b64 = data[PASSWORD_KEY];
  if (!b64)
    throw new Error(
      `secret ${namespace}/${name} has no key "${PASSWORD_KEY}" (keys: ${Object.keys(data).join(", ") || "none"}); set REDIS_PASSWORD.`,
    );
  return Buffer.from(b64, "base64").toString("utf8");
}
