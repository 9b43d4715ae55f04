/**
 * The one place where a `result_files` row (without its content) becomes a
 * {@linkcode ResultFileRecord}: snake_case columns → camelCase fields.
 *
 * @module
 */

import type { ResultFile } from "./schema.ts";

/** A stored file, without its content. */
export interface ResultFileRecord {
  /** Surrogate key (`baktadb cat ID`). */
  id: number;
  /** The annotation. */
  annotationId: number;
  /** The format, e.g. `json`, `gff3`, `fna`, `svg`. */
  kind: string;
  /** The file name. */
  fileName: string;
  /** Size of the original in bytes. */
  size: number;
  /** SHA-256 of the original bytes. */
  checksum: string;
  /** `plain` or `gzip`. */
  encoding: string;
  /** Size as stored. */
  storedSize: number;
}

/**
 * Turns a `result_files` row, selected without `content` and with its stored size, into a
 * {@linkcode ResultFileRecord}.
 *
 * @param row The row; `stored_size` is `length(content)` (a bigint on PostgreSQL).
 * @returns The record.
 *
 * @example Converting a row
 * ```ts
 * import { toResultFileRecord } from "./_result_file_rows.ts";
 * const file = toResultFileRecord({
 *   id: 5, annotation_id: 2, kind: "gff3", file_name: "demo.gff3", size: 900, checksum: "ab",
 *   encoding: "gzip", stored_size: 300,
 * });
 * if (file.fileName !== "demo.gff3" || file.annotationId !== 2 || file.storedSize !== 300) {
 *   throw new Error("record");
 * }
 * ```
 */
export function toResultFileRecord(
  row: Omit<ResultFile, "content" | "rebuilds_records"> & { stored_size: number | bigint },
): ResultFileRecord {
  return {
    id: row.id,
    annotationId: row.annotation_id,
    kind: row.kind,
    fileName: row.file_name,
    size: row.size,
    checksum: row.checksum,
    encoding: row.encoding,
    storedSize: Number(row.stored_size),
  };
}
