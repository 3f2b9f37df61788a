import { describe, expect, it } from "vitest";
import type { LabEvent } from "@/lib/events";
import { translator } from "@/lib/i18n/catalogue";
import { markersIn } from "./markers";

const NODE = {
  nodeId: "e64f0b9d8ca9b97ebe0ef4982542bd592cd5ee07",
  pod: "ds-redis-redis-cluster-2",
  ip: "10.42.2.79",
};
const story: LabEvent[] = [
  {
    seq: 1,
    t: 1000,
    kind: "delete-requested",
    params: { actor: "i", pod: NODE.pod, nodeId: NODE.nodeId, mode: "graceful" },
  },
  { seq: 2, t: 1100, kind: "pod-deleted", params: { pod: NODE.pod, ip: NODE.ip, gone: false } },
  { seq: 3, t: 20_000, kind: "node-fail", params: NODE },
  { seq: 4, t: 20_001, kind: "cluster-state", params: { state: "fail" } },
  { seq: 5, t: 21_000, kind: "cluster-state", params: { state: "ok" } },
  { seq: 6, t: 21_500, kind: "pod-ready", params: { pod: NODE.pod } },
];

describe("markersIn", () => {
  it("decides from kinds and facts, whatever the language", () => {
    for (const locale of ["en", "ko"] as const) {
      const m = markersIn(translator(locale), story, 0, 30_000);
      // The click and the pod turning Terminating are one moment: the click is kept; pod-ready is no marker.
      expect(m.map((x) => x.id)).toEqual([1, 3, 4, 5]);
      expect(m.map((x) => x.color)).toEqual(["#f8fafc", "#ef4444", "#f87171", "#4ade80"]);
      expect(m[1].label).toBe("FAIL e64f0b9d");
    }
  });

  it("labels in the viewer's language", () => {
    expect(markersIn(translator("en"), story, 0, 30_000)[3].label).toBe("cluster ok");
    expect(markersIn(translator("ko"), story, 0, 30_000)[0].label).toContain("삭제");
  });
});
