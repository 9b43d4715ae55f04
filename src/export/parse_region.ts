/**
 * Parsing a region argument: `contig_1:100-5000`.
 *
 * @module
 */

import type { LoadRunRegion } from "../store/load_run.ts";

/**
 * Parses a region as the command line writes it: `SEQUENCE:FROM-TO` (1-based, inclusive; digits
 * may be grouped with `,` or `_`, e.g. `contig_1:1,000-2,500`), or a bare `SEQUENCE` for the whole
 * sequence. `FROM > TO` is the window across the origin of a circular sequence; whether the
 * positions lie within the sequence is checked where its length is known. A sequence id may itself
 * hold colons: the text is split at the last one.
 *
 * @param text The region.
 * @returns The region.
 * @throws {RangeError} When the text is empty, a position is 0, or the part after the last colon
 * is not `FROM-TO`.
 *
 * @example Regions, across the origin too
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseRegion } from "./parse_region.ts";
 * assert.deepEqual(parseRegion("contig_1:100-5,000"), { sequence: "contig_1", from: 100, to: 5000 });
 * assert.deepEqual(parseRegion("plasmid_2"), { sequence: "plasmid_2" });
 * assert.deepEqual(parseRegion("p:1:1300-20"), { sequence: "p:1", from: 1300, to: 20 });
 * ```
 */
export function parseRegion(text: string): LoadRunRegion {
  if (typeof text !== "string" || text.trim() === "") {
    throw new RangeError(`Invalid region ${JSON.stringify(text)}: expected SEQUENCE:FROM-TO`);
  }
  const at = text.lastIndexOf(":");
  const tail = at >= 0 ? text.slice(at + 1) : "";
  const match = /^\s*(\d[\d,_]*)\s*-\s*(\d[\d,_]*)\s*$/.exec(tail);
  if (at <= 0 || match === null) {
    if (at < 0 && !/\s/.test(text)) return { sequence: text };
    throw new RangeError(
      `Invalid region ${
        JSON.stringify(text)
      }: expected SEQUENCE:FROM-TO with 1-based positions, e.g. contig_1:100-5000`,
    );
  }
  const from = Number(match[1].replace(/[,_]/g, ""));
  const to = Number(match[2].replace(/[,_]/g, ""));
  for (const [name, value] of [["from", from], ["to", to]] as const) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new RangeError(
        `Invalid region ${JSON.stringify(text)}: ${name} must be a 1-based position, got ${value}`,
      );
    }
  }
  return { sequence: text.slice(0, at), from, to };
}
