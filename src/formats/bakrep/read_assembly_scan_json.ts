/**
 * Reading a BakRep assembly-scan result (`<id>.assemblyscan.json.gz`).
 *
 * @module
 */

import { DEFAULT_FILE_NAME, type ReadOptions } from "../read_options.ts";
import { member, numberAt, parseJsonDocument } from "./_json_fields.ts";

/** Assembly statistics of a genome. */
export interface AssemblyStatistics {
  /** The total length of all contigs, bp. */
  length: number;
  /** The number of contigs. */
  contigs: number;
  /** The N50, bp. */
  n50: number;
  /** The GC content, percent (C plus G), rounded to two decimals. */
  gc: number;
}

/**
 * Reads assembly-scan's statistics as BakRep stores them (`total_contig`, `total_contig_length`,
 * `n50_contig_length`, `contig_percent_c`, `contig_percent_g`; numbers or numbers written as
 * text).
 *
 * @param input The JSON text or bytes (gzip allowed).
 * @param options The file name for messages.
 * @returns Length, contigs, N50 and GC percent.
 * @throws {ParseError} `InvalidJson`, `MissingField` or `InvalidNumber`, naming the file and the JSON
 * path.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readAssemblyScanJson } from "./read_assembly_scan_json.ts";
 * const s = readAssemblyScanJson(JSON.stringify({
 *   total_contig: 638, total_contig_length: 1014835, n50_contig_length: 9607,
 *   contig_percent_c: "21.39", contig_percent_g: "21.51",
 * }));
 * assert.deepEqual(s, { length: 1014835, contigs: 638, n50: 9607, gc: 42.9 });
 * ```
 */
export function readAssemblyScanJson(
  input: string | Uint8Array,
  options: ReadOptions = {},
): AssemblyStatistics {
  const doc = parseJsonDocument(
    input,
    options.file ?? DEFAULT_FILE_NAME,
    options.maxDecompressedBytes,
  );
  const value = (key: string) => numberAt(member(doc, key));
  return {
    length: value("total_contig_length"),
    contigs: value("total_contig"),
    n50: value("n50_contig_length"),
    gc: Math.round((value("contig_percent_c") + value("contig_percent_g")) * 100) / 100,
  };
}
