// English is the source of every message key (lib/i18n/ko mirrors it). One file per area of the dashboard.
import { app } from "./app";
import { classroom } from "./classroom";
import { errors } from "./errors";
import { eventLog } from "./eventLog";
import { guide } from "./guide";
import { header } from "./header";
import { logs } from "./logs";
import { markers } from "./markers";
import { runs } from "./runs";
import { timeline } from "./timeline";
import { events } from "./events";

export const en = {
  app,
  classroom,
  events,
  eventLog,
  errors,
  guide,
  header,
  logs,
  markers,
  runs,
  timeline,
} as const;
