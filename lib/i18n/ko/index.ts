import type { Catalogue } from "../catalogueShape";
import type { en as source } from "../en";
import { app } from "./app";
import { errors } from "./errors";
import { eventLog } from "./eventLog";
import { header } from "./header";
import { labSwitch } from "./labSwitch";
import { logs } from "./logs";
import { markers } from "./markers";
import { replication } from "./replication";
import { events } from "./events";

export const ko: Catalogue<typeof source> = {
  app,
  events,
  eventLog,
  errors,
  header,
  labSwitch,
  logs,
  markers,
  replication,
};
