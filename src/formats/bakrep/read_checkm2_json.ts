/**
 * Reading a BakRep CheckM2 result (`<id>.checkm2.json.gz`).
 *
 * @module
 */

import { DEFAULT_FILE_NAME, type ReadOptions } from "../read_options.ts";
import { member, numberAt, optionalMember, parseJsonDocument, textAt } from "./_json_fields.ts";

/** CheckM2's estimate of a genome's quality. */
export interface Checkm2Quality {
  /** Completeness, percent (0–100). */
  completeness: number;
  /** Contamination, percent. */
  contamination: number;
  /** The model used, e.g. `Gradient Boost (General Model)`, where given. */
  model?: string;
  /** The translation table used, where given. */
  translationTable?: number;
}

/**
 * Reads a CheckM2 result as BakRep stores it:
 * `{"quality": {"completeness", "contamination"}, "calculation": {"model", "translation_table"}}`.
 *
 * @param input The JSON text or bytes (gzip allowed).
 * @param options The file name for messages.
 * @returns Completeness and contamination.
 * @throws {ParseError} `InvalidJson`, `MissingField`, `InvalidNumber` or `Unexpected`, naming the
 * file and the JSON path.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readCheckm2Json } from "./read_checkm2_json.ts";
 * const q = readCheckm2Json('{"quality": {"completeness": 99.5, "contamination": 0.09}}');
 * assert.deepEqual(q, { completeness: 99.5, contamination: 0.09 });
 * assert.throws(() => readCheckm2Json('{"quality": {}}', { file: "x.checkm2.json" }),
 *   /x\.checkm2\.json: \$\.quality\.completeness is missing/);
 * ```
 */
export function readCheckm2Json(
  input: string | Uint8Array,
  options: ReadOptions = {},
): Checkm2Quality {
  const doc = parseJsonDocument(
    input,
    options.file ?? DEFAULT_FILE_NAME,
    options.maxDecompressedBytes,
  );
  const quality = member(doc, "quality");
  const result: Checkm2Quality = {
    completeness: numberAt(member(quality, "completeness")),
    contamination: numberAt(member(quality, "contamination")),
  };
  const calculation = optionalMember(doc, "calculation");
  if (calculation !== undefined) {
    const model = optionalMember(calculation, "model");
    const table = optionalMember(calculation, "translation_table");
    if (model !== undefined) result.model = textAt(model);
    if (table !== undefined) result.translationTable = numberAt(table);
  }
  return result;
}
