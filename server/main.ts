import { parseConfig } from "@/lib/config";
import { translator } from "@/lib/i18n/catalogue";
import { localeFromTags } from "@/lib/i18n/locale";
import { printedStudentUrls } from "@/lib/joinUrls";
import { buildIfNeeded } from "./buildIfNeeded";
import { runDashboard } from "./lifecycle";
import { startServer } from "./startServer";

const t0 = Date.now();
runDashboard(
  async () => {
    const config = parseConfig(process.env, process.argv.slice(2));
    if (config.buildIfNeeded && !config.dev) buildIfNeeded(process.cwd());
    return startServer(config);
  },
  (server) => {
    const { platform } = server.engine;
    const t = translator(
      localeFromTags(
        [process.env.DASHBOARD_LANG, process.env.LC_ALL, process.env.LANG].filter((x): x is string => !!x),
      ),
    );
    const urls = printedStudentUrls(server.join, server.url);
    const seconds = ((Date.now() - t0) / 1000).toFixed(1);
    // Not a start-up failure: lab A runs, only its AOF viewer is empty, and says the same in the browser.
    const aof = platform.aofUnavailable?.();
    const notices =
      aof?.reason === "exec-forbidden"
        ? [`  ${t("cli.aofExecMissing", { permission: aof.permission, namespace: aof.namespace })}`]
        : [];
    return [
      ``,
      t("cli.running", { platform: platform.kind, scope: platform.scope, seconds }),
      ...urls.map((u) => `  ${t("cli.students").padEnd(12)}${u}`),
      `  ${t("cli.instructor").padEnd(12)}${server.url}/?token=${server.token}`,
      ...notices,
      ``,
    ].join("\n");
  },
);
