export const terminal = {
  title: "Terminal: the seed's read loop",
  hint: "{lab, select, cluster {terminal 3 of the lab, replayed from the dashboard's fresh reads through the Service} other {terminal 2 of the lab, replayed from the dashboard's reads through the replicas Service}}",
  waiting: "(no answer yet — redis-cli is still waiting)",
  empty: "no reads yet",
  password: "the password is not shown",
} as const;
