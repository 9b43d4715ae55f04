/**
 * The attribute map of a GFF3 feature line.
 *
 * @module
 */

/**
 * GFF3 column 9 as an ordered map of tag → values (what {@linkcode parseAttributes} returns): a
 * `Map` that also turns into a plain object in `JSON.stringify`, so that a feature's `original`
 * record can be stored as JSON without losing its attributes.
 *
 * @example JSON of the attributes
 * ```ts
 * import { Gff3Attributes } from "./gff3_attributes.ts";
 * const attributes = new Gff3Attributes([["ID", ["X_1"]], ["Dbxref", ["GO:1", "EC:2"]]]);
 * if (attributes.get("Dbxref")?.[1] !== "EC:2") throw new Error("map");
 * if (JSON.stringify(attributes) !== '{"ID":["X_1"],"Dbxref":["GO:1","EC:2"]}') {
 *   throw new Error("json");
 * }
 * ```
 */
export class Gff3Attributes extends Map<string, string[]> {
  /**
   * The attributes as a plain object (tags in file order), for `JSON.stringify`.
   *
   * @returns An object of tag → values.
   */
  toJSON(): Record<string, string[]> {
    return Object.fromEntries(this);
  }
}
