// What the server prints at start, in the language of its terminal (LANG).
export const cli = {
  running: "Failover Lab is running ({platform}, {scope}) — ready in {seconds} s",
  students: "Students:",
  instructor: "Instructor:",
} as const;
