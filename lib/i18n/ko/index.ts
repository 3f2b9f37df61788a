import type { Catalogue } from "../catalogueShape";
import type { en as source } from "../en";
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

export const ko: Catalogue<typeof source> = {
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
};
