import { describe, expect, it } from "vitest";
import type { LabEvent } from "@/lib/events";
import { translator } from "@/lib/i18n/catalogue";
import { startRun } from "@/lib/runMetrics";
import {
  type DowntimeArea,
  labEpoch,
  labelWidth,
  markersIn,
  placeAreaLabels,
  type PlacedLabel,
  placeLabels,
  runsSince,
} from "./markers";

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

  it("a lab switch ends the other lab's marks: lab B's FAIL is not on lab A's lanes, nor after a switch back", () => {
    const switchTo = (seq: number, t: number, lab: "cluster" | "replication"): LabEvent => ({
      seq,
      t,
      kind: "lab-switch-started",
      params: { actor: "i", lab, persistence: null },
    });
    const toA = [...story, switchTo(7, 25_000, "replication")];
    expect(markersIn(translator("en"), toA, 0, 30_000)).toEqual([]);
    const mrDelete: LabEvent = {
      seq: 8,
      t: 26_000,
      kind: "delete-requested",
      params: { actor: "i", pod: "ds-redis-master-0", nodeId: null, mode: "graceful" },
    };
    const back = [...toA, mrDelete, switchTo(9, 27_000, "cluster")];
    expect(markersIn(translator("en"), [...toA, mrDelete], 0, 30_000).map((m) => m.id)).toEqual([8]);
    expect(markersIn(translator("en"), back, 0, 30_000)).toEqual([]);
    expect(labEpoch(story)).toBe(-Infinity);
    const run = (id: string, startedAt: number) =>
      startRun({
        id,
        pod: "p",
        nodeId: null,
        role: "master",
        mode: "graceful",
        actor: "i",
        startedAt,
        keys: [],
      });
    expect(runsSince([run("b", 1000), run("a", 26_000)], labEpoch(toA)).map((r) => r.id)).toEqual(["a"]);
  });
});

describe("placeLabels", () => {
  const marker = (id: number, t: number, label: string) => ({ id, t, label, color: "#fff", message: label });
  const x = (t: number) => t;
  const overlap = (a: PlacedLabel, b: PlacedLabel) => {
    const span = (l: PlacedLabel) =>
      l.leftOfLine ? [l.x - labelWidth(l.label), l.x] : [l.x, l.x + labelWidth(l.label)];
    const [a0, a1] = span(a);
    const [b0, b1] = span(b);
    return a.row === b.row && !(a1 < b0 || a0 > b1);
  };

  it("puts a crowd of events on four rows and leaves the rest out, never one label over another", () => {
    const crowd = Array.from({ length: 7 }, (_, i) =>
      marker(i, 100 + 10 * i, `promoted ds-redis-redis-cluster-${i}`),
    );
    const placed = placeLabels(crowd, x, 1000);
    expect(placed.map((l) => l.row)).toEqual([0, 1, 2, 3]);
    for (const a of placed)
      for (const b of placed) if (a !== b) expect(overlap(a, b), `${a.id}/${b.id}`).toBe(false);
  });

  it("measures Korean labels by their own width", () => {
    expect(labelWidth("승격 ds-redis-2")).toBeGreaterThan(labelWidth("ab ds-redis-2"));
    const placed = placeLabels([marker(1, 100, "클러스터 정상"), marker(2, 175, "삭제")], x, 1000);
    expect(placed.map((l) => l.row)).toEqual([0, 1]);
  });

  it("a label too wide for either side of its line takes the wider side, cut short inside the plot", () => {
    const long = "cluster fail · FAIL 06ce7f4d · cluster-3 promoted · cluster ok";
    const [near] = placeLabels([marker(1, 60, long)], x, 200);
    expect(near).toMatchObject({ leftOfLine: false, maxWidth: 140 });
    const [late] = placeLabels([marker(1, 150, long)], x, 200);
    expect(late).toMatchObject({ leftOfLine: true, maxWidth: 150 });
    // One that fits is drawn whole.
    expect(placeLabels([marker(1, 60, "cluster ok")], x, 200)[0].maxWidth).toBeUndefined();
  });
});

describe("placeAreaLabels", () => {
  const area = (x1: number, x2: number, label = "down 3.2 s"): DowntimeArea => ({
    x1,
    x2,
    label,
    ms: x2 - x1,
  });
  const px = (t: number) => t; // one ms per pixel
  const spans = (placed: ReturnType<typeof placeAreaLabels>) =>
    placed.map((p) => {
      const w = labelWidth(p.area.label) * 1.2;
      return p.side === "left" ? [p.x - w, p.x] : [p.x, p.x + w];
    });

  it("puts each label left of its area while there is room", () => {
    const placed = placeAreaLabels([area(200, 260), area(500, 560)], px, 800);
    expect(placed.map((p) => [p.x, p.side])).toEqual([
      [500, "left"],
      [200, "left"],
    ]);
  });

  it("never draws two labels over each other: the newest keeps its place, an older one moves inside or goes", () => {
    // Three failovers 40 px apart, as three quick deletes in a 30-minute window.
    const placed = placeAreaLabels([area(300, 330), area(340, 370), area(380, 600)], px, 800);
    expect(placed[0]).toMatchObject({ x: 380, side: "left" });
    const s = spans(placed);
    for (let i = 0; i < s.length; i++)
      for (let j = i + 1; j < s.length; j++) expect(s[i][1] <= s[j][0] || s[j][1] <= s[i][0]).toBe(true);
    expect(placed.length).toBeLessThan(3);
  });

  it("a label with no room on the left goes inside a wide area, and is left out of a narrow one", () => {
    expect(placeAreaLabels([area(10, 400)], px, 800)).toEqual([
      { area: area(10, 400), x: 10, side: "inside" },
    ]);
    expect(placeAreaLabels([area(10, 30)], px, 800)).toEqual([]);
  });

  it("leaves out areas outside the window", () => {
    expect(placeAreaLabels([area(-500, -100), area(900, 950)], px, 800)).toEqual([]);
  });
});
