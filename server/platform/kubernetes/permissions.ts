import type { KubeChart } from "@/lib/labs/kubeChart";
import { secretName } from "./names";

/** One RBAC permission, in the terms of a Role rule and of a SelfSubjectAccessReview. */
export interface Permission {
  /** API group; "" is the core group. */
  group: string;
  resource: string;
  subresource?: string;
  verb: string;
  /** Restricts the permission to one object (Role `resourceNames`). */
  resourceName?: string;
  /** What the dashboard does with it, for the start-up message when it is missing. */
  purpose: string;
  /**
   * Only some configurations need it: port-forward mode, or no `REDIS_PASSWORD` given. `aof-viewer` is
   * optional: without it lab A runs and only the AOF viewer stays empty, saying why.
   */
  neededWhen: "always" | "port-forward" | "password-from-secret" | "aof-viewer";
}

/**
 * The verbs of `pods/exec` and `pods/portforward` as @kubernetes/client-node opens them: a WebSocket, which
 * starts as an HTTP GET. kube-apiserver authorises that GET as `get` on the subresource (every version before
 * 1.35, the seed's k3s 1.28 included; only kubectl's older SPDY POST was `create`), and from 1.35 checks
 * `create` as well (feature gate AuthorizePodWebsocketUpgradeCreatePermission, beta and on by default:
 * kubernetes/kubernetes#134577). A Role with only `create`, the verb most guides name, is refused on the
 * older servers; one with only `get` on the newer: so both.
 */
export const WEBSOCKET_VERBS = ["get", "create"] as const;

/**
 * Every permission the kubernetes platform uses, and nothing else: the Role in deploy/kubernetes/ grants
 * exactly this list (a test compares them), and start-up checks each applicable one.
 */
export function requiredPermissions(release: string, chart: KubeChart): Permission[] {
  return [
    { group: "", resource: "pods", verb: "get", purpose: "read a pod", neededWhen: "always" },
    {
      group: "",
      resource: "pods",
      verb: "list",
      purpose: "list the pods of the release",
      neededWhen: "always",
    },
    { group: "", resource: "pods", verb: "watch", purpose: "watch the pods live", neededWhen: "always" },
    {
      group: "",
      resource: "pods",
      verb: "delete",
      purpose: "delete a pod of the release",
      neededWhen: "always",
    },
    {
      group: "",
      resource: "pods",
      subresource: "log",
      verb: "get",
      purpose: "follow a pod's Redis log",
      neededWhen: "always",
    },
    ...WEBSOCKET_VERBS.map((verb) => ({
      group: "",
      resource: "pods",
      subresource: "portforward",
      verb,
      purpose: "reach Redis through port-forwards",
      neededWhen: "port-forward" as const,
    })),
    {
      group: "",
      resource: "secrets",
      verb: "get",
      resourceName: secretName(release, chart),
      purpose: "read the Redis password from the chart's secret",
      neededWhen: "password-from-secret",
    },
    // The AOF viewer runs one fixed read-only command in the master's redis container (ls -l, cat or
    // tail -c of /data/appendonlydir files); a chart without the viewer never execs.
    ...(chart.aofViewer
      ? WEBSOCKET_VERBS.map((verb) => ({
          group: "",
          resource: "pods",
          subresource: "exec",
          verb,
          purpose: "read the master's AOF files (ls -l and cat of appendonlydir/)",
          neededWhen: "aof-viewer" as const,
        }))
      : []),
  ];
}

/** Permissions whose absence is not a start-up failure: a feature is off and says why. */
export function optionalPermissions(all: Permission[]): Permission[] {
  return all.filter((p) => p.neededWhen === "aof-viewer");
}

export function applicablePermissions(
  all: Permission[],
  opts: { portForward: boolean; passwordFromSecret: boolean },
): Permission[] {
  return all.filter(
    (p) =>
      p.neededWhen === "always" ||
      (p.neededWhen === "port-forward" && opts.portForward) ||
      (p.neededWhen === "password-from-secret" && opts.passwordFromSecret),
  );
}

/** `delete pods`, `get pods/log`, `get secrets/ds-redis-redis-cluster`: the words of `kubectl auth can-i`. */
export function describePermission(p: Permission): string {
  const resource = p.subresource ? `${p.resource}/${p.subresource}` : p.resource;
  const group = p.group ? `.${p.group}` : "";
  return `${p.verb} ${resource}${group}${p.resourceName ? ` (name ${p.resourceName})` : ""}`;
}
