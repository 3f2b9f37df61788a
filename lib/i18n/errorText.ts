// A refusal's code and facts as a sentence. The server sends both: the English `error` for curl and scripts,
// the code for the browser, which says it in the viewer's language.
import type { Messages, Translator } from "./catalogue";

export type ErrorCode = keyof Messages["errors"];
export type ErrorParams = Record<string, string | number>;

export function isErrorCode(code: unknown, messages: Messages): code is ErrorCode {
  return typeof code === "string" && Object.hasOwn(messages.errors, code);
}

export function errorText(t: Translator, code: ErrorCode, params: ErrorParams = {}): string {
  // Codes and their params are checked where they are raised (server/actions/actionError.ts); here the
  // message is looked up by a code that came over the wire, so the typed overload cannot apply.
  return (t as unknown as (key: string, values: ErrorParams) => string)(`errors.${code}`, params);
}
