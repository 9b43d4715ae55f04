/**
 * The protein lengths of the CDSs of annotations, for the report's histograms.
 *
 * @module
 */

import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";

/** The protein lengths (aa) of the CDSs of each annotation, by annotation id. */
export async function proteinLengths(
  db: Kysely<Database>,
  annotationIds: readonly number[],
): Promise<Map<number, number[]>> {
  const lengths = new Map<number, number[]>();
  if (annotationIds.length === 0) return lengths;
  const rows = await db.selectFrom("features")
    .select(["annotation_id", "aa_length"])
    .where("annotation_id", "in", annotationIds)
    .where("type", "=", "cds")
    .where("aa_length", "is not", null)
    .execute();
  for (const row of rows) {
    const list = lengths.get(row.annotation_id) ?? [];
    list.push(row.aa_length!);
    lengths.set(row.annotation_id, list);
  }
  return lengths;
}
