/**
 * Reducing an error body of the Bakta service (or of a gateway or object store in front of it) to
 * one short line.
 *
 * @module
 */

/** The longest service message kept in an error, in characters. */
export const MAX_SERVICE_MESSAGE_LENGTH = 200;

const ENTITIES: Readonly<Record<string, string>> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
};

/**
 * Turns an error body into one line: a JSON string body (`"Job not finished"`) gives that string; a
 * legacy `{"code", "message", "details"}` body gives its message; an S3 XML error gives
 * `Code: Message`; an HTML page gives its `<title>` (else its text); anything else is used as text.
 * Whitespace runs become one space and the result is cut to about 200 characters.
 *
 * @param body The body, read as text.
 * @param maxLength The longest result, in characters.
 * @returns The one-line message; empty when the body is empty.
 *
 * @example The shapes the service answers with
 * ```ts
 * import { summarizeErrorBody } from "./error_body.ts";
 * if (summarizeErrorBody('"Job not finished"') !== "Job not finished") throw new Error();
 * if (summarizeErrorBody('{"code":3,"message":"bad id","details":[]}') !== "bad id") throw new Error();
 * const page = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";
 * if (summarizeErrorBody(page) !== "502 Bad Gateway") throw new Error();
 * ```
 */
export function summarizeErrorBody(
  body: string,
  maxLength: number = MAX_SERVICE_MESSAGE_LENGTH,
): string {
  const trimmed = body.trim();
  if (trimmed === "") return "";
  return cut(oneLine(extract(trimmed)), maxLength);
}

function extract(text: string): string {
  const first = text[0];
  if (first === '"' || first === "{" || first === "[") {
    try {
      return fromJson(JSON.parse(text));
    } catch {
      // not JSON after all: fall through
    }
  }
  if (first === "<") {
    const code = tagText(text, "Code");
    const message = tagText(text, "Message");
    if (message !== undefined && /<Error[\s>]/.test(text)) {
      return code ? `${code}: ${message}` : message;
    }
    const title = tagText(text, "title");
    if (title) return title;
    const heading = tagText(text, "h1");
    if (heading) return heading;
    return decodeEntities(
      text.replace(/<(script|style)[\s\S]*?<\/\1>/gi, " ").replace(/<[^>]*>/g, " "),
    );
  }
  return text;
}

function fromJson(value: unknown): string {
  if (typeof value === "string") return value;
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    if (typeof record.message === "string" && record.message !== "") return record.message;
    if (typeof record.error === "string" && record.error !== "") return record.error;
  }
  return JSON.stringify(value);
}

function tagText(text: string, tag: string): string | undefined {
  const match = new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, "i").exec(text);
  if (!match) return undefined;
  return decodeEntities(match[1].replace(/<[^>]*>/g, " ")).trim();
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X"
        ? parseInt(name.slice(2), 16)
        : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff
        ? String.fromCodePoint(code)
        : entity;
    }
    return ENTITIES[name.toLowerCase()] ?? entity;
  });
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function cut(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  return `${text.slice(0, Math.max(0, maxLength - 1)).trimEnd()}…`;
}
