export const slots = {
  title: "Slot map",
  hint: "16384 hash slots, coloured by the master serving them",
  allServed: "all 16384 slots served",
  mapLabel: "slot map",
  noPod: "no pod",
  uncoveredLabel: "UNCOVERED",
  segmentTitle: "{ranges}: {pod} {id}",
  ghost: "ghost",
  noMaster: "{ranges}: no master — CLUSTERDOWN",
  uncovered: "⚠ uncovered: {ranges} ({n, plural, one {# slot} other {# slots}}) → CLUSTERDOWN",
  failing: "⚠ served by a failing or deleted master: {ranges} — reads there fail until a replica takes over",
} as const;
