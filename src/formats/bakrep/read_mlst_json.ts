/**
 * Reading a BakRep MLST result (`<id>.mlst.json.gz`, the JSON of Torsten Seemann's `mlst`).
 *
 * @module
 */

import { ParseError } from "../parse_error.ts";
import { DEFAULT_FILE_NAME, type ReadOptions } from "../read_options.ts";
import { arrayAt, member, objectAt, parseJsonDocument, textAt } from "./_json_fields.ts";

/** A genome's MLST typing. */
export interface MlstTyping {
  /** The scheme, e.g. `spneumoniae` (`-` when none matched). */
  scheme: string;
  /** The sequence type as text: a number, or `-` when none was assigned. */
  sequenceType: string;
  /** The alleles, in the file's order: `[locus, allele]` (alleles such as `~5`, `5?`, `-` kept). */
  alleles: [locus: string, allele: string][];
}

/**
 * Reads an MLST result as BakRep stores it: a one-element array
 * `[{"scheme", "sequence_type", "alleles": {locus: allele}}]` (a bare object is accepted too).
 *
 * @param input The JSON text or bytes (gzip allowed).
 * @param options The file name for messages.
 * @returns The scheme, sequence type and alleles.
 * @throws {ParseError} `InvalidJson`, `MissingField` or `Unexpected` (also for an array that does not
 * hold exactly one result), naming the file and the JSON path.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readMlstJson } from "./read_mlst_json.ts";
 * const m = readMlstJson('[{"scheme": "spneumoniae", "sequence_type": "180", "alleles": {"aroE": "7", "gdh": "~11"}}]');
 * assert.deepEqual(m, { scheme: "spneumoniae", sequenceType: "180", alleles: [["aroE", "7"], ["gdh", "~11"]] });
 * ```
 */
export function readMlstJson(input: string | Uint8Array, options: ReadOptions = {}): MlstTyping {
  const file = options.file ?? DEFAULT_FILE_NAME;
  const doc = parseJsonDocument(input, file, options.maxDecompressedBytes);
  let result = doc;
  if (Array.isArray(doc.value)) {
    const items = arrayAt(doc);
    if (items.length !== 1) {
      throw new ParseError(
        "Unexpected",
        `$ holds ${items.length} MLST results: expected exactly one`,
        { file },
      );
    }
    result = { value: items[0], file, path: "$[0]" };
  }
  const alleles = member(result, "alleles");
  return {
    scheme: textAt(member(result, "scheme")),
    sequenceType: textAt(member(result, "sequence_type")),
    alleles: Object.entries(objectAt(alleles)).map(([locus, value]) => [
      locus,
      textAt({ value, file, path: `${alleles.path}.${locus}` }),
    ]),
  };
}
