/**
 * Keeping job secrets and link signatures out of messages, URLs and logs.
 *
 * @module
 */

/** What replaces a secret. */
export const REDACTED = "***";

/** Query parameters whose values are credentials (case-insensitive). */
const SENSITIVE_PARAMETER =
  /^(secret|x-amz-signature|x-amz-credential|x-amz-security-token|signature|awsaccesskeyid|token|sig)$/i;

/**
 * Replaces every occurrence of each known secret in a text by `***`. Secrets shorter than 8
 * characters are ignored (they would mask ordinary words); job secrets have 32.
 *
 * @param text Any text: a message, a URL, a response body.
 * @param secrets The secrets to hide.
 * @returns The text without any of the secrets.
 *
 * @example Hiding a job secret
 * ```ts
 * import { redactSecrets } from "./redact.ts";
 * const secret = "abcdefghijklmnopqrstuvwxyz012345";
 * const text = redactSecrets(`GET /job/logs?secret=${secret}`, [secret]);
 * if (text !== "GET /job/logs?secret=***") throw new Error(text);
 * ```
 */
export function redactSecrets(text: string, secrets: Iterable<string>): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length < 8) continue;
    result = result.split(secret).join(REDACTED);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) result = result.split(encoded).join(REDACTED);
  }
  return result;
}

/**
 * Makes a URL safe to show: the values of credential-like query parameters (`secret`,
 * `X-Amz-Signature`, `X-Amz-Credential`, …) become `***`, then every known secret is replaced.
 * Text that is not a URL is only stripped of the known secrets.
 *
 * @param url The URL.
 * @param secrets Secrets to hide wherever they appear.
 * @returns The URL as text, without credentials.
 *
 * @example Redacting a logs URL and a presigned link
 * ```ts
 * import { redactUrl } from "./redact.ts";
 * const shown = redactUrl("https://h/api/v1/job/logs?jobID=42&secret=S3CR3TS3CR3T", []);
 * if (shown !== "https://h/api/v1/job/logs?jobID=42&secret=***") throw new Error(shown);
 * const link = redactUrl("https://b/x?X-Amz-Expires=10&X-Amz-Signature=deadbeef", []);
 * if (link !== "https://b/x?X-Amz-Expires=10&X-Amz-Signature=***") throw new Error(link);
 * ```
 */
export function redactUrl(url: string | URL, secrets: Iterable<string> = []): string {
  const text = String(url);
  const query = text.indexOf("?");
  if (query < 0) return redactSecrets(text, secrets);
  const hash = text.indexOf("#", query);
  const end = hash < 0 ? text.length : hash;
  const parts = text.slice(query + 1, end).split("&").map((pair) => {
    const equals = pair.indexOf("=");
    if (equals < 0) return pair;
    let name = pair.slice(0, equals);
    try {
      name = decodeURIComponent(name.replaceAll("+", " "));
    } catch {
      // keep the raw name
    }
    return SENSITIVE_PARAMETER.test(name) ? `${pair.slice(0, equals)}=${REDACTED}` : pair;
  });
  const rebuilt = `${text.slice(0, query)}?${parts.join("&")}${text.slice(end)}`;
  return redactSecrets(rebuilt, secrets);
}

/**
 * Makes free text safe to show: every URL inside it goes through `redactUrl`, any remaining
 * `secret=…` pair is masked, and every known secret is replaced by `***`.
 *
 * @param text A message, for example one from a failed `fetch`.
 * @param secrets Secrets to hide wherever they appear.
 * @returns The text without credentials.
 *
 * @example Redacting a network error message
 * ```ts
 * import { redactText } from "./redact.ts";
 * const text = redactText("error sending request for url (http://h/x?jobID=1&secret=abc)", []);
 * if (text !== "error sending request for url (http://h/x?jobID=1&secret=***)") {
 *   throw new Error(text);
 * }
 * ```
 */
export function redactText(text: string, secrets: Iterable<string> = []): string {
  const list = [...secrets];
  const urls = text.replace(/https?:\/\/[^\s"'<>()]+/gi, (url) => redactUrl(url, list));
  const pairs = urls.replace(/([?&;\s]secret=)[^&\s"'<>()]+/gi, `$1${REDACTED}`);
  return redactSecrets(pairs, list);
}
