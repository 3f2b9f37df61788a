import type { Catalogue } from "../catalogueShape";
import type { en as source } from "../en";
import { app } from "./app";
import { controls } from "./controls";
import { errors } from "./errors";
import { eventLog } from "./eventLog";
import { header } from "./header";
import { logs } from "./logs";
import { markers } from "./markers";
import { plan } from "./plan";
import { repair } from "./repair";
import { events } from "./events";

export const ko: Catalogue<typeof source> = {
  app,
  controls,
  events,
  eventLog,
  errors,
  header,
  logs,
  markers,
  plan,
  repair,
};
