/**
 * The genomes a report shows: each with its latest annotation, its organism and versions.
 *
 * @module
 */

import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import { NotFoundError } from "../db/errors.ts";
import { latestAnnotations } from "../query/annotation_of.ts";

/** One genome of the report: its latest annotation and what the page shows of it. */
export interface ReportGenome {
  name: string;
  anchor: string;
  annotationId: number;
  organism: string | null;
  /** `Genus species` (without strain), from the genome or its run. */
  species: string | null;
  baktaVersion: string | null;
  dbVersion: string | null;
  dbType: string | null;
  runStart: string | null;
  source: string;
  importedAt: string;
}

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
      organism: organismOf(row),
      species: organismOf({ ...row, strain: null }),
      baktaVersion: row.bakta_version,
      dbVersion: row.db_version,
      dbType: row.db_type,
      runStart: row.run_start,
      source: row.source,
      importedAt: row.imported_at,
    };
  });
}

/** `Genus species strain` from the genome row, else from the run (`taxon` in Bakta 1.10+). */
function organismOf(
  row: {
    genus: string | null;
    species: string | null;
    strain: string | null;
    genome_json: string | null;
  },
): string | null {
  let info: { genus?: unknown; species?: unknown; strain?: unknown; taxon?: unknown } = {};
  try {
    info = row.genome_json ? JSON.parse(row.genome_json) : {};
  } catch {
    info = {};
  }
  const text = (
    value: unknown,
  ) => (typeof value === "string" && value.trim() ? value.trim() : null);
  const genus = text(row.genus) ?? text(info.genus);
  const species = text(row.species) ?? text(info.species);
  const strain = text(row.strain) ?? text(info.strain);
  const name = [genus, species].filter((x) => x !== null).join(" ") || text(info.taxon);
  if (name === null) return strain === null ? null : `strain ${strain}`;
  return strain === null ? name : `${name} ${strain}`;
}
