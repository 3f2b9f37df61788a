import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { KubeConfig } from "@kubernetes/client-node";

const SA_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";

export type KubeConfigResult = { ok: true; kc: KubeConfig; source: string } | { ok: false; problem: string };

/**
 * Finds credentials the way kubectl does (explicit path, `KUBECONFIG`, `~/.kube/config`), then the in-cluster
 * service account. Unlike `loadFromDefault`, it says which of them was missing instead of silently falling
 * back to `http://localhost:8080`.
 */
export function loadKubeConfig(
  explicitPath: string | undefined,
  env: Record<string, string | undefined> = process.env,
  home: string = os.homedir(),
  saDir: string = SA_DIR,
): KubeConfigResult {
  const kc = new KubeConfig();
  const fromFiles = (files: string[], label: string): KubeConfigResult => {
    const missing = files.filter((f) => !fs.existsSync(f));
    if (missing.length > 0)
      return {
        ok: false,
        problem: `no kubeconfig: ${label} names ${missing.join(", ")}, which does not exist${hint(missing[0])}`,
      };
    const unreadable = files.find((f) => {
      try {
        fs.accessSync(f, fs.constants.R_OK);
        return false;
      } catch {
        return true;
      }
    });
    if (unreadable)
      return {
        ok: false,
        problem: `kubeconfig ${unreadable} is not readable by this user${hint(unreadable)}`,
      };
    try {
      kc.loadFromFile(files[0]);
      for (const f of files.slice(1)) {
        const more = new KubeConfig();
        more.loadFromFile(f);
        kc.mergeConfig(more, true);
      }
    } catch (err) {
      return {
        ok: false,
        problem: `kubeconfig ${files.join(", ")} could not be read: ${(err as Error).message}`,
      };
    }
    return checkContext(kc, `${label} (${files.join(path.delimiter)})`);
  };
  if (explicitPath) return fromFiles([explicitPath], "the kubeconfig path");
  if (env.KUBECONFIG) return fromFiles(env.KUBECONFIG.split(path.delimiter).filter(Boolean), "KUBECONFIG");
  const homeConfig = path.join(home, ".kube", "config");
  if (fs.existsSync(homeConfig)) return fromFiles([homeConfig], "~/.kube/config");
  if (env.KUBERNETES_SERVICE_HOST && fs.existsSync(path.join(saDir, "token"))) {
    try {
      kc.loadFromCluster();
    } catch (err) {
      return {
        ok: false,
        problem: `in-cluster service account could not be loaded: ${(err as Error).message}`,
      };
    }
    return checkContext(kc, "the in-cluster service account");
  }
  return {
    ok: false,
    problem:
      "no kubeconfig: KUBECONFIG is not set, ~/.kube/config does not exist, and this is not running in a pod " +
      "with a service account. On the k3s node: export KUBECONFIG=/etc/rancher/k3s/k3s.yaml (readable by root; " +
      "copy it to ~/.kube/config and chown it).",
  };
}

function hint(file: string): string {
  return file.startsWith("/etc/rancher/k3s")
    ? " (k3s writes it readable by root only: sudo cp it to ~/.kube/config and chown it)"
    : "";
}

function checkContext(kc: KubeConfig, source: string): KubeConfigResult {
  const cluster = kc.getCurrentCluster();
  if (!cluster)
    return {
      ok: false,
      problem: `kubeconfig from ${source} has no usable current context ("${kc.getCurrentContext() ?? ""}")`,
    };
  return { ok: true, kc, source };
}
