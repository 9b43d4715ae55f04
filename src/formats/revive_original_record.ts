/**
 * Giving a feature's `original` record back its in-memory shape after a trip through JSON.
 *
 * @module
 */

import { isJsonObject as isObject } from "./_is_json_object.ts";
import { Gff3Attributes } from "./gff3/gff3_attributes.ts";
import type { Gff3OriginalRecord } from "./gff3/gff3_feature_assembler.ts";
import type { Gff3FeatureLine } from "./gff3/gff3_line.ts";
import type { OriginalRecord } from "./model.ts";
import { ParseError } from "./parse_error.ts";

/**
 * The inverse of `JSON.stringify` for a feature's {@linkcode OriginalRecord}: takes what
 * `JSON.parse` gave back and restores what JSON cannot hold. Only GFF3 records need it: their
 * `attributes` (and those of the folded `gene` line and of the `children`) are ordered maps,
 * which `JSON.stringify` writes as plain objects; they become {@linkcode Gff3Attributes} again, in
 * the same order, so that the GFF3 writer can iterate them. Records of other formats (JSON
 * objects, GenBank/EMBL qualifiers, TSV lines) are plain data and come back as they are.
 *
 * @param value A value `JSON.parse` returned for a stored original record.
 * @returns The original record, as the reader made it.
 * @throws {ParseError} `Unexpected` when the value is not `{format, record}`, or a GFF3 record's
 * attributes are not an object of string arrays.
 *
 * @example A GFF3 record through JSON and back
 * ```ts
 * import { readGff3 } from "./gff3/read_gff3.ts";
 * import { reviveOriginalRecord } from "./revive_original_record.ts";
 * const [cds] = readGff3(
 *   "##sequence-region c1 1 90\nc1\tPyrodigal\tCDS\t1\t90\t.\t+\t0\tID=X_1;locus_tag=X_1\n",
 * ).features;
 * const revived = reviveOriginalRecord(JSON.parse(JSON.stringify(cds.original)));
 * const record = revived.record as { attributes: Map<string, string[]> };
 * if (record.attributes.get("locus_tag")?.[0] !== "X_1") throw new Error("not a map");
 * ```
 */
export function reviveOriginalRecord(value: unknown): OriginalRecord {
  if (!isOriginalRecord(value)) {
    throw new ParseError(
      "Unexpected",
      `a stored original record is ${
        JSON.stringify(value)?.slice(0, 80)
      }: expected {"format": …, "record": …}`,
    );
  }
  const original = value;
  if (original.format !== "gff3" || !isObject(original.record)) return original;
  const record = reviveLine(original.record) as Gff3OriginalRecord;
  if (isObject(record.gene)) record.gene = reviveLine(record.gene);
  if (Array.isArray(record.children)) record.children = record.children.map(reviveLine);
  return { format: "gff3", record };
}

function reviveLine(line: unknown): Gff3FeatureLine {
  const revived = { ...(line as Gff3FeatureLine) };
  const attributes: unknown = revived.attributes;
  if (attributes instanceof Map) return revived;
  const map = new Gff3Attributes();
  if (attributes !== undefined) {
    if (!isObject(attributes)) badAttributes(revived, attributes);
    for (const [tag, values] of Object.entries(attributes)) {
      if (!Array.isArray(values) || values.some((v) => typeof v !== "string")) {
        badAttributes(revived, attributes);
      }
      map.set(tag, values as string[]);
    }
  }
  revived.attributes = map;
  return revived;
}

function badAttributes(line: Gff3FeatureLine, attributes: unknown): never {
  throw new ParseError(
    "InvalidAttribute",
    `the stored attributes of GFF3 line ${line.line} are ${
      JSON.stringify(attributes)?.slice(0, 80)
    }: expected an object of string arrays`,
  );
}

/** Whether `value` has the shape of an original record: a string `format` and a `record`. */
function isOriginalRecord(value: unknown): value is OriginalRecord {
  return isObject(value) && typeof value.format === "string" && "record" in value;
}
