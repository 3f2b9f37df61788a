import { translator } from "@/lib/i18n/catalogue";
import { type ErrorCode, type ErrorParams, errorText } from "@/lib/i18n/errorText";

const english = translator("en");

/** A refusal with a stable code and its facts; the message is the English text, for logs and the HTTP API. */
export class ActionError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    readonly params: ErrorParams = {},
  ) {
    super(errorText(english, code, params));
  }
}
