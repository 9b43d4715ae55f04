/**
 * How baktadb names a genome's organism, in one place for `genomes`, `show`, `summary` and the
 * HTML report: the genome's own genus/species/strain where set, else what its latest annotation's
 * run says (Bakta's JSON `genome` block, or the `# organism` line of a GFF3, stored as `taxon`).
 *
 * @module
 */

import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import { latestAnnotations } from "./annotation_of.ts";

/** What an organism name is made from. */
export interface OrganismFields {
  /** The genome's genus, where set. */
  genus?: string | null;
  /** The genome's species, where set. */
  species?: string | null;
  /** The genome's strain, where set. */
  strain?: string | null;
  /** The run's genome block as stored (`annotations.genome_json`), or null. */
  genome_json?: string | null;
}

/** The run's genome block, as far as naming reads it. */
interface RunGenomeBlock {
  genus?: unknown;
  species?: unknown;
  strain?: unknown;
  taxon?: unknown;
}

function readRunGenome(json: string | null | undefined): RunGenomeBlock {
  if (!json) return {};
  try {
    const value = JSON.parse(json);
    return typeof value === "object" && value !== null ? value as RunGenomeBlock : {};
  } catch {
    return {};
  }
}

function nonEmpty(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}

/**
 * Names an organism as Bakta does (`Genus species strain`): each part from the genome row where
 * set, else from the run's genome block; the run's `taxon` (Bakta 1.10+, or a GFF3's
 * `# organism` line) when neither has genus or species.
 *
 * @param fields The genome row's parts and the run's stored genome block.
 * @returns The name, `strain X` when only the strain is known, or null.
 *
 * @example From the genome row, else from the run
 * ```ts
 * import assert from "node:assert/strict";
 * import { organismName } from "./genome_organism.ts";
 * assert.equal(organismName({ genus: "Escherichia", species: "coli", strain: "K-12" }), "Escherichia coli K-12");
 * assert.equal(organismName({ genome_json: '{"taxon":"Streptococcus pneumoniae"}' }), "Streptococcus pneumoniae");
 * assert.equal(organismName({ strain: "S1" }), "strain S1");
 * assert.equal(organismName({}), null);
 * ```
 */
export function organismName(fields: OrganismFields): string | null {
  const run = readRunGenome(fields.genome_json);
  const genus = nonEmpty(fields.genus) ?? nonEmpty(run.genus);
  const species = nonEmpty(fields.species) ?? nonEmpty(run.species);
  const strain = nonEmpty(fields.strain) ?? nonEmpty(run.strain);
  const name = [genus, species].filter((x) => x !== null).join(" ") || nonEmpty(run.taxon);
  if (name === null) return strain === null ? null : `strain ${strain}`;
  return strain === null || name.endsWith(` ${strain}`) ? name : `${name} ${strain}`;
}

/** Options of {@linkcode genomeOrganisms}. */
export interface GenomeOrganismsOptions {
  /**
   * Only these genomes (names); every genome when left out.
   * @default undefined
   */
  genomes?: readonly string[];
}

/**
 * The organism of every genome (see {@linkcode organismName}), by genome name: genomes without an
 * annotation are named from their own row.
 *
 * SQL: `select name, genus, species, strain from genomes [where name in (…)]`, then the latest
 * annotation of each genome ({@linkcode latestAnnotations}) for its `genome_json`.
 *
 * @param db The database.
 * @param options Which genomes.
 * @returns A map from genome name to organism (or null).
 *
 * @example A GFF3-only run names its organism by the `# organism` line
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { genomeOrganisms } from "./genome_organism.ts";
 * const db = await openDatabase(":memory:");
 * const { id } = await db.insertInto("genomes").values({ name: "6952-4-17" }).returning("id")
 *   .executeTakeFirstOrThrow();
 * await db.insertInto("genomes").values({ name: "bare" }).execute();
 * await db.insertInto("annotations").values({
 *   genome_id: id, sequence_version: 1, source: "files", fingerprint: "x",
 *   genome_json: JSON.stringify({ taxon: "Streptococcus pneumoniae" }),
 * }).execute();
 * const organisms = await genomeOrganisms(db);
 * assert.equal(organisms.get("6952-4-17"), "Streptococcus pneumoniae");
 * assert.equal(organisms.get("bare"), null);
 * await db.destroy();
 * ```
 */
export async function genomeOrganisms(
  db: Kysely<Database>,
  options: GenomeOrganismsOptions = {},
): Promise<Map<string, string | null>> {
  const { genomes } = options;
  if (genomes !== undefined && genomes.length === 0) return new Map();
  let rows = db.selectFrom("genomes").select(["name", "genus", "species", "strain"]);
  if (genomes !== undefined) rows = rows.where("name", "in", genomes);
  const latest = await latestAnnotations(db, { genomes }).clearSelect()
    .select(["genomes.name as genome", "annotations.genome_json"]).execute();
  const runs = new Map(latest.map((row) => [row.genome, row.genome_json]));
  const organisms = new Map<string, string | null>();
  for (const row of await rows.execute()) {
    organisms.set(row.name, organismName({ ...row, genome_json: runs.get(row.name) ?? null }));
  }
  return organisms;
}
