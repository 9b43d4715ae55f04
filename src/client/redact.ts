/**
 * Keeping job secrets and link signatures out of messages, URLs and logs. The functions live in
 * `src/log/redact.ts`, the lowest layer, so that the log sinks redact with the same rules.
 *
 * @example Redacting a link and a secret
 * ```ts
 * import { redactText } from "./redact.ts";
 * const said = redactText("GET https://h/job/logs?jobID=1&secret=abcdefgh12345678", []);
 * if (said.includes("abcdefgh12345678")) throw new Error(said);
 * ```
 *
 * @module
 */

export { REDACTED, redactSecrets, redactText, redactUrl } from "../log/redact.ts";
