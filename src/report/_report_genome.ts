/**
 * The genomes a report shows: each with its latest annotation, its organism and versions.
 *
 * @module
 */

import type { Kysely } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import { NotFoundError } from "../db/errors.ts";
import { latestAnnotations } from "../query/annotation_of.ts";
import { organismName } from "../query/genome_organism.ts";
import type { ReportGenomeModel } from "./report_model.ts";

/**
 * One genome of the report: its latest annotation and what the page shows of it (the fields of
 * the model's genome, documented there, that are read here).
 */
export type ReportGenome = Pick<
  ReportGenomeModel,
  | "name"
  | "anchor"
  | "annotationId"
  | "organism"
  | "baktaVersion"
  | "dbVersion"
  | "dbType"
  | "runStart"
  | "source"
  | "importedAt"
>;

/** The genomes of the report with their latest annotation, in the order asked for. */
export async function reportGenomes(
  db: Kysely<Database>,
  wanted: readonly string[] | undefined,
): Promise<ReportGenome[]> {
  const rows = await latestAnnotations(db, { genomes: wanted })
    .select(["genomes.genus", "genomes.species", "genomes.strain"])
    .execute();
  const byName = new Map(rows.map((row) => [row.genome, row]));
  let order = rows.map((row) => row.genome);
  if (wanted !== undefined) {
    order = [...new Set(wanted)];
    for (const name of order) {
      if (byName.has(name)) continue;
      const exists = await db.selectFrom("genomes").select("id").where("name", "=", name)
        .executeTakeFirst();
      throw new NotFoundError(exists ? "genome annotation for" : "genome", name);
    }
  }
  return order.map((name, i) => {
    const row = byName.get(name)!;
    return {
      name,
      anchor: `genome-${i + 1}`,
      annotationId: row.id,
      organism: organismName(row),
      baktaVersion: row.bakta_version,
      dbVersion: row.db_version,
      dbType: row.db_type,
      runStart: row.run_start,
      source: row.source,
      importedAt: row.imported_at,
    };
  });
}
