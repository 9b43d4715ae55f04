/**
 * Keeps the per-annotation summaries of schema v10 (the family dictionary, the family sets and the
 * COG category sets; `migrations/_annotation_summaries.ts`) in step with the features, inside the
 * caller's write transaction: written with a new annotation, and on `rm` the representatives of
 * the families it represented re-picked (its own rows go with it by `on delete cascade`).
 *
 * @module
 */

import type { Kysely } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import {
  repickFamilies,
  representedFamilies,
  writeSummaries,
} from "../../migrations/_annotation_summaries.ts";

/**
 * Writes the summaries of a newly stored annotation, from its stored features and
 * cross-references.
 *
 * @param trx The write transaction.
 * @param annotationId The annotation.
 */
export async function writeAnnotationSummaries(
  trx: Kysely<Database>,
  annotationId: number,
): Promise<void> {
  await writeSummaries(trx, [annotationId]);
}

/**
 * Deletes annotations through `remove` while keeping the family dictionary in step: the
 * families they represent are read first, and given their lowest remaining member (or dropped
 * when none is left) after.
 *
 * @param trx The write transaction.
 * @param annotationIds The annotations.
 * @param remove Deletes the annotations (and with them their features and summaries).
 */
export async function removeWithSummaries(
  trx: Kysely<Database>,
  annotationIds: readonly number[],
  remove: () => Promise<void>,
): Promise<void> {
  const families = await representedFamilies(trx, annotationIds);
  await remove();
  await repickFamilies(trx, families);
}
