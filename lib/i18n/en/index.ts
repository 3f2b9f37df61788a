// English is the source of every message key (lib/i18n/ko mirrors it). One file per area of the dashboard.
import { app } from "./app";
import { classroom } from "./classroom";
import { cli } from "./cli";
import { controls } from "./controls";
import { events } from "./events";
import { eventLog } from "./eventLog";
import { errors } from "./errors";
import { evidence } from "./evidence";
import { graph } from "./graph";
import { guide } from "./guide";
import { header } from "./header";
import { join } from "./join";
import { labSwitch } from "./labSwitch";
import { logs } from "./logs";
import { markers } from "./markers";
import { plan } from "./plan";
import { pods } from "./pods";
import { predict } from "./predict";
import { repair } from "./repair";
import { replication } from "./replication";
import { runs } from "./runs";
import { slots } from "./slots";
import { terminal } from "./terminal";
import { timeline } from "./timeline";

export const en = {
  app,
  classroom,
  cli,
  controls,
  events,
  eventLog,
  errors,
  evidence,
  graph,
  guide,
  header,
  join,
  labSwitch,
  logs,
  markers,
  plan,
  pods,
  predict,
  repair,
  replication,
  runs,
  slots,
  terminal,
  timeline,
} as const;
