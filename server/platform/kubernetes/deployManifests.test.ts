import { LAB_DEFINITIONS } from "@/lib/labs";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import type { LabKind } from "@/lib/types";
import { requiredPermissions } from "./permissions";

const ROOT = fileURLToPath(new URL("../../../deploy/kubernetes/", import.meta.url));

/* eslint-disable @typescript-eslint/no-explicit-any -- parsed YAML */
function loadAll(DIR: string): { file: string; doc: any }[] {
  const files = fs.readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f));
  const out: { file: string; doc: any }[] = [];
  for (const file of files) {
    for (const d of parseAllDocuments(fs.readFileSync(path.join(DIR, file), "utf8"))) {
      expect(d.errors, `${file}: ${d.errors.map((e) => e.message).join("; ")}`).toEqual([]);
      const doc = d.toJS();
      if (doc !== null) out.push({ file, doc });
    }
  }
  return out;
}

const byKind = (docs: { doc: any }[], kind: string) =>
  docs.filter((d) => d.doc.kind === kind).map((d) => d.doc);

// Lab B's manifests in deploy/kubernetes/, lab A's (namespace redis-mr, with pods/exec) in replication/.
describe.each([
  { dir: ROOT, namespace: "redis-cluster", lab: "cluster" },
  { dir: path.join(ROOT, "replication"), namespace: "redis-mr", lab: "replication" },
])("deploy/kubernetes for the $lab lab", ({ dir, namespace, lab: dirLab }) => {
  const loadAllHere = () => loadAll(dir);
  it("parses, and every object has apiVersion, kind, name and the release's namespace", () => {
    const docs = loadAllHere();
    expect(new Set(docs.map((d) => d.doc.kind))).toEqual(
      new Set(["ServiceAccount", "Role", "RoleBinding", "Deployment", "Service"]),
    );
    for (const { file, doc } of docs) {
      expect(doc.apiVersion, file).toBeTruthy();
      expect(doc.metadata?.name, file).toBeTruthy();
      expect(doc.metadata?.namespace, file).toBe(namespace);
    }
  });

  it("grants exactly the permissions the platform lists, for the release the Deployment is configured for", () => {
    const docs = loadAllHere();
    const [deployment] = byKind(docs, "Deployment");
    const env = Object.fromEntries(
      deployment.spec.template.spec.containers[0].env
        .filter((e: any) => "value" in e)
        .map((e: any) => [e.name, e.value]),
    );
    const release = env.KUBE_RELEASE as string;
    const lab = env.DASHBOARD_LAB as LabKind;
    expect(release).toBe("ds-redis");
    expect(lab).toBe(dirLab);

    const [role] = byKind(docs, "Role");
    const granted = new Set<string>();
    for (const rule of role.rules) {
      for (const group of rule.apiGroups)
        for (const resource of rule.resources)
          for (const verb of rule.verbs)
            for (const name of rule.resourceNames ?? [""])
              granted.add(`${group}|${resource}|${verb}|${name}`);
    }
    const needed = new Set(
      requiredPermissions(release, LAB_DEFINITIONS[lab].kube).map(
        (p) =>
          `${p.group}|${p.subresource ? `${p.resource}/${p.subresource}` : p.resource}|${p.verb}|${p.resourceName ?? ""}`,
      ),
    );
    expect([...granted].sort()).toEqual([...needed].sort());
  });

  it("binds the Role to the ServiceAccount the Deployment runs as", () => {
    const docs = loadAllHere();
    const [binding] = byKind(docs, "RoleBinding");
    const [role] = byKind(docs, "Role");
    const [sa] = byKind(docs, "ServiceAccount");
    const [deployment] = byKind(docs, "Deployment");
    expect(binding.roleRef).toEqual({
      apiGroup: "rbac.authorization.k8s.io",
      kind: "Role",
      name: role.metadata.name,
    });
    expect(binding.subjects).toEqual([
      { kind: "ServiceAccount", name: sa.metadata.name, namespace: sa.metadata.namespace },
    ]);
    expect(deployment.spec.template.spec.serviceAccountName).toBe(sa.metadata.name);
    const [service] = byKind(docs, "Service");
    expect(service.spec.selector).toEqual(deployment.spec.selector.matchLabels);
  });
});
