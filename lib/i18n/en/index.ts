// English is the source of every message key (lib/i18n/ko mirrors it). One file per area of the dashboard.
import { app } from "./app";
import { errors } from "./errors";
import { eventLog } from "./eventLog";
import { header } from "./header";
import { labSwitch } from "./labSwitch";
import { logs } from "./logs";
import { markers } from "./markers";
import { replication } from "./replication";
import { events } from "./events";

export const en = { app, events, eventLog, errors, header, labSwitch, logs, markers, replication } as const;
