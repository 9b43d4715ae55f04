/**
 * GFF3 percent-encoding of column 9 (`%3B` for `;`, `%2C` for `,`, …).
 *
 * @module
 */

const BROKEN_ESCAPE = /%(?![0-9A-Fa-f]{2})/;
const ESCAPE = /%[0-9A-Fa-f]{2}/g;

/**
 * Decodes GFF3 percent escapes (`%XX`, hexadecimal). Escaped UTF-8 byte sequences are decoded as
 * UTF-8; other bytes as Latin-1.
 *
 * @param text The encoded text.
 * @returns The decoded text, or `undefined` when a `%` is not followed by two hex digits.
 *
 * @example Decoding a Bakta product
 * ```ts
 * import { decodePercent } from "./percent_encoding.ts";
 * if (decodePercent("peptidase%2C class C") !== "peptidase, class C") throw new Error("decode");
 * if (decodePercent("100%") !== undefined) throw new Error("broken escape");
 * ```
 */
export function decodePercent(text: string): string | undefined {
  let percent = text.indexOf("%");
  if (percent < 0) return text;
  let out = "";
  let from = 0;
  while (percent >= 0) {
    const high = hexValue(text.charCodeAt(percent + 1));
    const low = hexValue(text.charCodeAt(percent + 2));
    if (high < 0 || low < 0) return undefined;
    const byte = high * 16 + low;
    if (byte >= 0x80) return decodeUtf8Escapes(text);
    out += text.slice(from, percent) + String.fromCharCode(byte);
    from = percent + 3;
    percent = text.indexOf("%", from);
  }
  return out + text.slice(from);
}

/** The value of a hex digit's char code, or -1 (also for NaN, past the end). */
function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 70) return code - 55;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}

/** Escapes of bytes >= 0x80: UTF-8 where they form valid UTF-8, else Latin-1. */
function decodeUtf8Escapes(text: string): string | undefined {
  if (BROKEN_ESCAPE.test(text)) return undefined;
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(ESCAPE, (escape) => String.fromCharCode(parseInt(escape.slice(1), 16)));
  }
}

/** The characters that must be escaped in a column-9 tag or value (control characters included). */
// deno-lint-ignore no-control-regex
const MUST_ESCAPE = /[%;=&,\t\n\r\x00-\x1f\x7f]/g;
// deno-lint-ignore no-control-regex
const MUST_ESCAPE_TEST = /[%;=&,\t\n\r\x00-\x1f\x7f]/;

/**
 * Encodes a column-9 tag or value: `%`, `;`, `=`, `&`, `,` (as Bakta does) and control
 * characters (tab, line breaks) become `%XX`.
 *
 * @param text The raw text.
 * @returns The encoded text.
 *
 * @example Encoding a product with a comma
 * ```ts
 * import { encodePercent } from "./percent_encoding.ts";
 * if (encodePercent("a, b; 5%") !== "a%2C b%3B 5%25") throw new Error("encode");
 * ```
 */
export function encodePercent(text: string): string {
  if (!MUST_ESCAPE_TEST.test(text)) return text;
  return text.replace(
    MUST_ESCAPE,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`,
  );
}

/** Characters not allowed raw in columns 1–8 (tab, line breaks, control characters, `%`). */
// deno-lint-ignore no-control-regex
const COLUMN_ESCAPE = /[%\t\n\r\x00-\x1f\x7f]/g;

/**
 * Encodes a text for columns 1–8 (seqid, source, type): `%`, tabs, line breaks and control
 * characters become `%XX`.
 *
 * @param text The raw text.
 * @returns The encoded text.
 *
 * @example
 * ```ts
 * import { encodeColumn } from "./percent_encoding.ts";
 * if (encodeColumn("a\tb") !== "a%09b") throw new Error("encode");
 * ```
 */
export function encodeColumn(text: string): string {
  return text.replace(
    COLUMN_ESCAPE,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`,
  );
}
