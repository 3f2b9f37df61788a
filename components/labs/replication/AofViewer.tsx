"use client";
import { useTranslations } from "use-intl";
import type { AofDirFile } from "@/lib/aof/aofDir";
import type { AofCommand, AofLine, DecodedAofFile } from "@/lib/aof/decodeAof";
import type { AofSnapshot } from "@/lib/aof/aofSnapshot";
import { Badge } from "../../common/Badge";
import { Panel } from "../../common/Panel";

/** The newest commands only: a long session's file would otherwise be thousands of rows on a projector. */
const SHOWN_COMMANDS = 40;

type Aof = Extract<DecodedAofFile, { kind: "aof" }>;

/**
 * The master's `appendonlydir/`: its files with sizes, and each incr file's RESP beside the commands it decodes
 * to. The seed's explanation of `*` (element count) and `$` (byte length) is attached to those lines; it is
 * spelled out on the newest command, where the eye goes after a write.
 */
export function AofViewer({ aof }: { aof: AofSnapshot | null }) {
  const t = useTranslations("replication");
  const files = aof?.dir.files ?? [];
  const persistence = aof?.persistence === null || !aof ? "other" : aof.persistence ? "on" : "off";
  return (
    <Panel
      title={t("aofTitle")}
      hint={t("aofHint", { pod: aof?.pod || "ds-redis-master-0" })}
      testId="aof-viewer"
      className="shrink-0"
    >
      <div className="flex flex-col gap-2 p-3" data-files={files.length}>
        <p className="text-xs text-slate-400" data-testid="aof-persistence" data-persistence={persistence}>
          {t("aofPersistence", { persistence })}
        </p>
        {files.length === 0 ? (
          <p
            data-testid="aof-empty"
            data-unavailable={aof?.unavailable?.reason ?? undefined}
            className="rounded-md border border-dashed border-slate-700 p-3 text-sm text-amber-200"
          >
            {aof?.unavailable?.reason === "exec-forbidden"
              ? t("aofExecForbidden", {
                  permission: aof.unavailable.permission,
                  namespace: aof.unavailable.namespace,
                })
              : aof?.unavailable?.reason === "exec-failed"
                ? t("aofExecFailed", { detail: aof.unavailable.detail })
                : t("aofEmpty")}
          </p>
        ) : (
          <ul className="flex flex-col gap-0.5 font-mono text-sm" data-testid="aof-files">
            {files.map((f) => (
              <li
                key={f.name}
                className="flex items-center gap-2"
                data-testid={`aof-file-${f.name}`}
                data-raw
              >
                <Badge tone={f.type === "incr" ? "sky" : f.type === "base" ? "violet" : "slate"}>
                  {t("fileType", { type: f.type ?? "none" })}
                </Badge>
                <span className="text-slate-100">{f.name}</span>
                <span className="text-slate-400">{t("bytes", { n: f.bytes })}</span>
              </li>
            ))}
          </ul>
        )}
        {aof && aof.dir.missing.length > 0 ? (
          <p className="text-xs text-red-300">{t("aofMissing", { files: aof.dir.missing.join(", ") })}</p>
        ) : null}
        {files.map((f) => (
          <FileBody key={f.name} file={f} limit={aof?.decodeLimitBytes ?? 0} />
        ))}
      </div>
    </Panel>
  );
}

function FileBody({ file, limit }: { file: AofDirFile; limit: number }) {
  const t = useTranslations("replication");
  if (file.type === "base" && file.decoded?.kind === "rdb-preamble") {
    return <p className="text-xs text-slate-400">{t("rdbPreamble", { n: file.decoded.bytes })}</p>;
  }
  if (file.type !== "incr") return null;
  if (!file.decoded) return <p className="text-xs text-slate-400">{t("tooBig", { n: limit })}</p>;
  if (file.decoded.kind !== "aof") return null;
  return (
    <>
      {file.tail ? (
        <p className="text-xs text-amber-200" data-testid="aof-tail" data-offset={file.tail.offset}>
          {t("tailWindow", { n: limit, offset: file.tail.offset, bytes: file.bytes })}
        </p>
      ) : null}
      <IncrFile name={file.name} decoded={file.decoded} />
    </>
  );
}

function IncrFile({ name, decoded }: { name: string; decoded: Aof }) {
  const t = useTranslations("replication");
  const commands = decoded.commands.slice(-SHOWN_COMMANDS);
  const newest = decoded.commands.length - 1;
  return (
    <div className="rounded-md border border-slate-800" data-testid="aof-incr" data-file={name}>
      <div className="grid grid-cols-2 border-b border-slate-800 px-2 py-1 text-xs text-slate-400">
        <span>
          {t("raw")} ·{" "}
          <span className="font-mono" data-raw>
            {name}
          </span>
        </span>
        <span>{t("decoded")}</span>
      </div>
      <div className="max-h-80 overflow-y-auto">
        {commands.map((c, i) => {
          const index = decoded.commands.length - commands.length + i;
          return <CommandRow key={c.start} command={c} lines={decoded.lines} explain={index === newest} />;
        })}
        {decoded.stop ? (
          <p className="px-2 py-1 text-xs text-amber-300">
            {decoded.stop.kind === "truncated"
              ? t("truncated", { n: decoded.stop.bytes })
              : t("malformed", { offset: decoded.stop.offset })}
          </p>
        ) : null}
      </div>
    </div>
  );
}

function CommandRow({
  command,
  lines,
  explain,
}: {
  command: AofCommand;
  lines: AofLine[];
  explain: boolean;
}) {
  const t = useTranslations("replication");
  const own = lines.slice(command.firstLine, command.lastLine + 1);
  const text = command.args.map((a) => (a.escaped ? `"${a.text}"` : a.text)).join(" ");
  const note = (l: AofLine) =>
    l.role === "count"
      ? t("countLine", { n: l.value ?? 0 })
      : l.role === "length"
        ? t("lengthLine", { n: l.value ?? 0 })
        : null;
  return (
    <div
      className="grid grid-cols-2 gap-2 border-b border-slate-800/70 px-2 py-1 font-mono text-sm"
      data-testid="aof-command"
      data-command={text}
    >
      <ol className="text-slate-300">
        {own.map((l) => (
          <li key={l.start} title={note(l) ?? undefined} data-role={l.role} className="flex gap-2">
            <span data-raw className={l.role === "data" ? "text-white" : "text-sky-300"}>
              {l.text}
            </span>
            {explain && note(l) ? (
              <span className="text-xs text-slate-500" data-testid="aof-explain">
                {note(l)}
              </span>
            ) : null}
          </li>
        ))}
      </ol>
      <div className="self-center text-emerald-200">
        <span data-raw>{text}</span>
        {command.db !== 0 ? (
          <span className="ml-2 text-xs text-slate-500">{t("inDb", { db: command.db })}</span>
        ) : null}
      </div>
    </div>
  );
}
