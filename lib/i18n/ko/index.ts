import type { Catalogue } from "../catalogueShape";
import type { en as source } from "../en";
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

export const ko: Catalogue<typeof source> = {
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
};
