// English is the source of every message key (lib/i18n/ko mirrors it). One file per area of the dashboard.
import { app } from "./app";
import { errors } from "./errors";
import { eventLog } from "./eventLog";
import { events } from "./events";
import { evidence } from "./evidence";
import { graph } from "./graph";
import { header } from "./header";
import { join } from "./join";
import { logs } from "./logs";
import { markers } from "./markers";
import { pods } from "./pods";
import { slots } from "./slots";

export const en = {
  app,
  errors,
  eventLog,
  events,
  evidence,
  graph,
  header,
  join,
  logs,
  markers,
  pods,
  slots,
} as const;
