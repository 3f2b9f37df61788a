import type { Catalogue } from "../catalogueShape";
import type { en as source } from "../en";
import { app } from "./app";
import { classroom } from "./classroom";
import { controls } from "./controls";
import { events } from "./events";
import { eventLog } from "./eventLog";
import { errors } from "./errors";
import { guide } from "./guide";
import { header } from "./header";
import { logs } from "./logs";
import { markers } from "./markers";
import { plan } from "./plan";
import { repair } from "./repair";
import { runs } from "./runs";
import { timeline } from "./timeline";

export const ko: Catalogue<typeof source> = {
  app,
  classroom,
  controls,
  events,
  eventLog,
  errors,
  guide,
  header,
  logs,
  markers,
  plan,
  repair,
  runs,
  timeline,
};
