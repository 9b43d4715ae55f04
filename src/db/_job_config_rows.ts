/**
 * The one place where a `job_configs` row becomes a {@linkcode JobConfigRecord}: snake_case
 * columns → camelCase fields, the options parsed from JSON.
 *
 * @module
 */

import type { JobConfigRow } from "./schema.ts";

/** A named configuration. */
export interface JobConfigRecord {
  /** Surrogate key. */
  id: number;
  /** Unique name. */
  name: string;
  /** The options, parsed from JSON. */
  options: unknown;
  /** When it was created. */
  createdAt: string;
  /** When it was last changed. */
  updatedAt: string;
}

/**
 * Turns a `job_configs` row into a {@linkcode JobConfigRecord}.
 *
 * @param row The row, as `selectAll()` returns it.
 * @returns The record, its options parsed.
 *
 * @example Converting a row
 * ```ts
 * import { toJobConfigRecord } from "./_job_config_rows.ts";
 * const config = toJobConfigRecord({
 *   id: 1, name: "complete", options_json: '{"complete":true}', created_at: "t0", updated_at: "t1",
 * });
 * if ((config.options as { complete: boolean }).complete !== true || config.updatedAt !== "t1") {
 *   throw new Error("record");
 * }
 * ```
 */
export function toJobConfigRecord(row: JobConfigRow): JobConfigRecord {
  return {
    id: row.id,
    name: row.name,
    options: JSON.parse(row.options_json),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
