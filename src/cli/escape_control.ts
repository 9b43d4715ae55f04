/**
 * Control characters shown as visible escapes: the one place the CLI makes text from annotation
 * files safe to print (an `ESC` in a product name must not retitle the terminal, a newline in a
 * genome name must not fake a row).
 *
 * @module
 */

/** Options of {@linkcode escapeControl}. */
export interface EscapeControlOptions {
  /**
   * Keep line feeds and tabs as they are (the line structure of a message or a TSV file the
   * program composed itself); every other control character is still escaped.
   * @default false
   */
  keepLineStructure?: boolean;
}

/** The C0 controls with a short escape of their own. */
const NAMED: Readonly<Record<string, string>> = Object.freeze({
  "\b": "\\b",
  "\t": "\\t",
  "\n": "\\n",
  "\r": "\\r",
});

/** Every C0 control, DEL and every C1 control (U+0080–U+009F). */
// deno-lint-ignore no-control-regex -- matching control characters is the point
const ALL_CONTROLS = /[\x00-\x1f\x7f-\x9f]/g;
/** The same without tab and line feed. */
// deno-lint-ignore no-control-regex -- matching control characters is the point
const CONTROLS_BUT_LINES = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

function escapeOne(char: string): string {
  const named = NAMED[char];
  if (named !== undefined) return named;
  const code = char.charCodeAt(0);
  // C0 as `\x1b`; DEL and C1 as `\u0085`, which is also how JSON writes them, so a JSON text
  // passing through stays valid JSON with the same value.
  return code < 0x20
    ? `\\x${code.toString(16).padStart(2, "0")}`
    : `\\u${code.toString(16).padStart(4, "0")}`;
}

/**
 * Shows control characters as visible escapes: `\b`, `\t`, `\n`, `\r` by name, other C0
 * controls as `\x1b`, DEL and C1 controls as `\u007f`…`\u009f`. Other text, including non-ASCII
 * letters, is kept.
 *
 * @param text The text.
 * @param options Whether to keep line feeds and tabs.
 * @returns The text with no control character left (but line feeds and tabs when kept).
 *
 * @example A product name that tries to retitle the terminal
 * ```ts
 * import assert from "node:assert/strict";
 * import { escapeControl } from "./escape_control.ts";
 * assert.equal(escapeControl("DNA\x1b]0;pwned\x07 polymerase"), "DNA\\x1b]0;pwned\\x07 polymerase");
 * assert.equal(escapeControl("a\tb\nc\u009b"), "a\\tb\\nc\\u009b");
 * assert.equal(escapeControl("a\tb\nc\r", { keepLineStructure: true }), "a\tb\nc\\r");
 * ```
 */
export function escapeControl(text: string, options: EscapeControlOptions = {}): string {
  const pattern = options.keepLineStructure === true ? CONTROLS_BUT_LINES : ALL_CONTROLS;
  return text.replace(pattern, escapeOne);
}

/**
 * A template tag for messages: the values put into the message are escaped entirely (a line
 * feed in a genome name shows as `\n`), the message's own text is kept.
 *
 * @param strings The message's own text.
 * @param values The values put into it.
 * @returns The message.
 *
 * @example A genome name cannot add a line
 * ```ts
 * import assert from "node:assert/strict";
 * import { escaped } from "./escape_control.ts";
 * const name = "C22\nFAKE";
 * assert.equal(escaped`Genome ${name}:\n`, "Genome C22\\nFAKE:\n");
 * ```
 */
export function escaped(strings: TemplateStringsArray, ...values: unknown[]): string {
  let text = strings[0];
  values.forEach((value, i) => {
    text += escapeControl(String(value)) + strings[i + 1];
  });
  return text;
}
