import { describe, expect, it } from "vitest";
import { STEP_IDS } from "./labGuide";
import { currentStep, projectorPanels } from "./projectorPanels";

const input = {
  lab: null,
  pods: [],
  topology: { nodes: [], clusterState: "unknown" as const, views: [] },
  samples: [],
  runs: [],
  resetAt: null,
  now: 0,
};

describe("projectorPanels", () => {
  it("keeps the guide on every step and shows few panels, the ones the step is about", () => {
    for (const step of STEP_IDS) {
      const shown = projectorPanels("cluster", step);
      expect(shown.has("lab-guide")).toBe(true);
      expect(shown.size).toBeLessThanOrEqual(5);
    }
    expect(projectorPanels("cluster", "repair").has("repair-panel")).toBe(true);
    expect(projectorPanels("cluster", "reads").has("repair-panel")).toBe(false);
    expect(projectorPanels("cluster", "failover").has("replication-graph")).toBe(true);
    expect(projectorPanels("replication", null).has("write-box")).toBe(true);
  });

  it("follows the instructor's step, else the first step the lab has not shown", () => {
    expect(currentStep("failover", input)).toBe("failover");
    // No probe samples yet: the read loops are the step.
    expect(currentStep(null, input)).toBe("reads");
  });
});
