// Short labels on the availability timeline; pod names are shortened (`cluster-2`) to fit.
export const markers = {
  delete: "✖ delete {pod}",
  repair: "✚ repair",
  reset: "↺ reset",
  terminating: "{pod} terminating",
  fail: "FAIL {id}",
  promoted: "★ {pod} promoted",
  clusterOk: "cluster ok",
  clusterFail: "cluster fail",
} as const;
