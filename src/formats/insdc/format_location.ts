/**
 * Writing INSDC feature locations (GenBank and EMBL).
 *
 * @module
 */

import type { InsdcLocation } from "./insdc_location.ts";

/**
 * Writes an INSDC location, the inverse of {@linkcode parseLocation}: a start partial marker is
 * written `<`, an end partial marker `>`.
 *
 * @param location The location.
 * @returns The location text, without white space.
 *
 * @example Writing an origin-spanning CDS on the reverse strand
 * ```ts
 * import { formatLocation } from "./format_location.ts";
 * const text = formatLocation({
 *   kind: "complement",
 *   location: {
 *     kind: "join",
 *     parts: [
 *       { kind: "range", start: 971, end: 1330, startPartial: false, endPartial: false },
 *       { kind: "range", start: 1, end: 141, startPartial: false, endPartial: false },
 *     ],
 *   },
 * });
 * if (text !== "complement(join(971..1330,1..141))") throw new Error(text);
 * ```
 */
export function formatLocation(location: InsdcLocation): string {
  switch (location.kind) {
    case "range": {
      const prefix = location.accession !== undefined ? `${location.accession}:` : "";
      const start = `${location.startPartial ? "<" : ""}${location.start}`;
      if (location.single && location.start === location.end) return prefix + start;
      return `${prefix}${start}..${location.endPartial ? ">" : ""}${location.end}`;
    }
    case "between":
      return `${location.start}^${location.end}`;
    case "complement":
      return `complement(${formatLocation(location.location)})`;
    case "join":
    case "order":
      return `${location.kind}(${location.parts.map(formatLocation).join(",")})`;
  }
}
