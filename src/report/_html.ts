/**
 * Building HTML safely: a tagged template that escapes every interpolated value unless it is
 * already {@linkcode SafeHtml}.
 *
 * @module
 */

const ESCAPES: Readonly<Record<string, string>> = Object.freeze({
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
});

/**
 * Escapes text for HTML text content and quoted attribute values: `&`, `<`, `>`, `"` and `'`.
 *
 * @param text The text.
 * @returns The escaped text.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { escapeHtml } from "./_html.ts";
 * assert.equal(escapeHtml(`<script>alert("x")</script>`),
 *   "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
 * ```
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Markup that is trusted as it is: built by {@linkcode markup} or marked with {@linkcode rawHtml}. */
export class SafeHtml {
  /** The markup. */
  readonly markup: string;

  /**
   * Wraps markup; prefer {@linkcode markup} and {@linkcode rawHtml}.
   *
   * @param markup The markup.
   */
  constructor(markup: string) {
    this.markup = markup;
  }

  /**
   * The markup.
   *
   * @returns The markup.
   */
  toString(): string {
    return this.markup;
  }
}

/** What {@linkcode markup} accepts in a placeholder. */
export type HtmlValue =
  | SafeHtml
  | string
  | number
  | bigint
  | boolean
  | null
  | undefined
  | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.markup;
  if (value === null || value === undefined || value === false) return "";
  if (Array.isArray(value)) return value.map(render).join("");
  return escapeHtml(String(value));
}

/**
 * A tagged template for HTML: every placeholder is escaped, except {@linkcode SafeHtml} values
 * (the result of another `markup` template, or of {@linkcode rawHtml}); arrays are joined;
 * `null`, `undefined` and `false` write nothing.
 *
 * @param strings The literal parts (trusted).
 * @param values The placeholders.
 * @returns The markup.
 *
 * @example Text from a database is escaped
 * ```ts
 * import assert from "node:assert/strict";
 * import { markup } from "./_html.ts";
 * const name = "<script>alert(1)</script>";
 * const row = markup`<td title="${name}">${name}</td>`;
 * assert.equal(String(row),
 *   '<td title="&lt;script&gt;alert(1)&lt;/script&gt;">&lt;script&gt;alert(1)&lt;/script&gt;</td>');
 * assert.equal(String(markup`<ul>${["a", "b"].map((x) => markup`<li>${x}</li>`)}</ul>`),
 *   "<ul><li>a</li><li>b</li></ul>");
 * ```
 */
export function markup(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let markup = strings[0];
  for (let i = 0; i < values.length; i++) markup += render(values[i]) + strings[i + 1];
  return new SafeHtml(markup);
}

/**
 * Marks markup as trusted, e.g. an SVG figure serialized by the DOM (which escapes its text).
 * Never pass text read from a database or a file through it.
 *
 * @param markup The trusted markup.
 * @returns The markup, as {@linkcode SafeHtml}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { markup, rawHtml } from "./_html.ts";
 * assert.equal(String(markup`<div>${rawHtml("<b>ok</b>")}</div>`), "<div><b>ok</b></div>");
 * ```
 */
export function rawHtml(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
