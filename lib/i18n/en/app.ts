export const app = {
  title: "Failover Lab",
  description: "Watch a Redis failover while it happens",
  language: "Language",
  tokenRejected:
    "The instructor token was not accepted (the server may have restarted with a new one): you are watching as a student.",
} as const;
