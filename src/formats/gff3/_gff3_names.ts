/**
 * The repeated names of a GFF3 file (private to the GFF3 readers).
 *
 * @module
 */

import { StringPool } from "../_string_pool.ts";

/**
 * A {@linkcode StringPool} for seqids, sources, types and attribute tags that also remembers the
 * tags of the last feature line by position: Bakta writes the same tags in the same order on
 * line after line (`ID`, `Name`, `locus_tag`, `product`, `Dbxref`, …), so the tag at position
 * `k` of the next line is checked against `tagAt[k]` in place before the tag is looked for and
 * hashed.
 *
 * @example The last line's tags
 * ```ts
 * import { Gff3Names } from "./_gff3_names.ts";
 * import { readAttributeRange } from "./parse_attributes.ts";
 * const names = new Gff3Names();
 * readAttributeRange("ID=a;product=b", 0, 14, "x.gff3", 1, names);
 * if (names.tagAt.join(",") !== "ID,product") throw new Error(names.tagAt.join(","));
 * ```
 */
export class Gff3Names extends StringPool {
  /** The tags of the last attribute column read, by position, as written (no `%`, no blanks). */
  readonly tagAt: string[] = [];
  /** The text of columns 1–3 (seqid, source, type) of the last feature line, by column number. */
  readonly columnAt: string[] = [];
}
