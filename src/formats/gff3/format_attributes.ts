/**
 * Writing GFF3 column 9.
 *
 * @module
 */

import { encodePercent } from "./percent_encoding.ts";

/**
 * Writes GFF3 column 9 from an ordered map of tag → values, the inverse of
 * {@linkcode parseAttributes}: values joined with `,`, pairs with `;`, reserved characters
 * percent-encoded; tags without values are left out; an empty map is `.`.
 *
 * @param attributes The attributes, in the order to write.
 * @returns The column text.
 *
 * @example
 * ```ts
 * import { formatAttributes } from "./format_attributes.ts";
 * const text = formatAttributes(new Map([["ID", ["A_1"]], ["Dbxref", ["GO:1", "EC:2.1"]],
 *   ["product", ["peptidase, class C"]]]));
 * if (text !== "ID=A_1;Dbxref=GO:1,EC:2.1;product=peptidase%2C class C") throw new Error(text);
 * ```
 */
export function formatAttributes(attributes: Map<string, string[]>): string {
  const pairs: string[] = [];
  for (const [tag, values] of attributes) {
    if (values.length === 0) continue;
    pairs.push(`${encodePercent(tag)}=${values.map(encodePercent).join(",")}`);
  }
  return pairs.length === 0 ? "." : pairs.join(";");
}
