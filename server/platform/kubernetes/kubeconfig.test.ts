import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadKubeConfig } from "./kubeconfig";

const dirs: string[] = [];
function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "kc-"));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const KUBECONFIG_YAML = `apiVersion: v1
kind: Config
clusters:
- name: default
  cluster: { server: "https://127.0.0.1:6443", insecure-skip-tls-verify: true }
users:
- name: default
  user: { token: abc }
contexts:
- name: default
  context: { cluster: default, user: default }
current-context: default
`;

describe("loadKubeConfig", () => {
  it("says plainly that there is no kubeconfig anywhere", () => {
    const r = loadKubeConfig(undefined, {}, tmp(), tmp());
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problem).toMatch(
      /^no kubeconfig: KUBECONFIG is not set, ~\/.kube\/config does not exist/,
    );
  });

  it("names a KUBECONFIG file that does not exist, with the k3s hint", () => {
    const r = loadKubeConfig(undefined, { KUBECONFIG: "/etc/rancher/k3s/nope.yaml" }, tmp(), tmp());
    expect(!r.ok && r.problem).toContain("KUBECONFIG names /etc/rancher/k3s/nope.yaml, which does not exist");
    expect(!r.ok && r.problem).toContain("sudo cp");
  });

  it("loads ~/.kube/config, and an explicit path first", () => {
    const home = tmp();
    fs.mkdirSync(path.join(home, ".kube"));
    fs.writeFileSync(path.join(home, ".kube", "config"), KUBECONFIG_YAML);
    const r = loadKubeConfig(undefined, {}, home, tmp());
    expect(r.ok && r.kc.getCurrentCluster()?.server).toBe("https://127.0.0.1:6443");
    const other = path.join(tmp(), "kc.yaml");
    fs.writeFileSync(other, KUBECONFIG_YAML.replace("6443", "7443"));
    const r2 = loadKubeConfig(other, { KUBECONFIG: "/nope" }, home, tmp());
    expect(r2.ok && r2.kc.getCurrentCluster()?.server).toBe("https://127.0.0.1:7443");
  });

  it("says when the current context does not exist", () => {
    const f = path.join(tmp(), "kc.yaml");
    fs.writeFileSync(f, KUBECONFIG_YAML.replace("current-context: default", "current-context: gone"));
    const r = loadKubeConfig(f, {}, tmp(), tmp());
    expect(!r.ok && r.problem).toContain('has no usable current context ("gone")');
  });
});
