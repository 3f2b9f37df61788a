// English is the source of every message key (lib/i18n/ko mirrors it). One file per area of the dashboard.
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

export const en = { app, controls, events, eventLog, errors, header, logs, markers, plan, repair } as const;
