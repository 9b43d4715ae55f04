/**
 * The data of a genome's circular map, read from the database: its sequences (with their residues,
 * for the GC rings) and its features (with their COG category).
 *
 * @module
 */

import { type Kysely, sql } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import { annotationOf } from "../query/annotation_of.ts";
import { getResidues } from "../store/sequences_repository.ts";
import { joinedText } from "../query/_sqlite_indexes.ts";
import { featureTermsFrom } from "../db/xref_terms.ts";
import { selectFeatures } from "../query/find_features.ts";

/** A sequence of {@linkcode GenomeMapData} (the shape `circularMapPlot` takes). */
export interface GenomeMapSequence {
  /** The sequence id (`sequences.seq_id`, e.g. `contig_1`). */
  id: string;
  /** The length in bases. */
  length: number;
  /** The residues, where stored and asked for; `null` otherwise (no GC rings). */
  nt: string | null;
  /** `circular` or `linear`, where known. */
  topology: string | null;
}

/** A feature of {@linkcode GenomeMapData} (the shape `circularMapPlot` takes). */
export interface GenomeMapFeature {
  /** The id of the sequence the feature lies on. */
  sequenceId: string;
  /** First base, 1-based inclusive; greater than `stop` when `edge`. */
  start: number;
  /** Last base, 1-based inclusive. */
  stop: number;
  /** `+`, `-`, `.` or `?`. */
  strand: string;
  /** The feature type in Bakta JSON naming (`cds`, `tRNA`, …). */
  type: string;
  /** The COG category letters of the feature (e.g. `K` or `KT`), or `null`. */
  cogCategory: string | null;
  /** True when the feature crosses the origin of its circular sequence. */
  edge: boolean;
  /** The locus tag. */
  locusTag: string | null;
  /** The gene symbol. */
  gene: string | null;
  /** The product. */
  product: string | null;
  /** The cross-references as `DB:accession` (`UniRef:UniRef90_…`, `GO:0005524`, …). */
  xrefs: string[];
}

/** What {@linkcode genomeMapData} returns: the input of `circularMapPlot`, plus context. */
export interface GenomeMapData {
  /** The genome's name. */
  genome: string;
  /** The annotation read. */
  annotationId: number;
  /** The sequences of the annotated assembly version, in stored (file) order. */
  sequences: GenomeMapSequence[];
  /** The features, in stored (file) order. */
  features: GenomeMapFeature[];
}

/** Options of {@linkcode genomeMapData}. */
export interface GenomeMapDataOptions {
  /**
   * Read this annotation instead of the genome's latest.
   * @default undefined (the latest)
   */
  annotationId?: number;
  /**
   * Read the residues of the sequences (needed for the GC content and skew rings).
   * @default true
   */
  residues?: boolean;
}

/** The defaults of {@linkcode GenomeMapDataOptions}. */
export const DEFAULT_GENOME_MAP_DATA_OPTIONS: Readonly<{ residues: boolean }> = Object.freeze({
  residues: true,
});

/**
 * Reads what a circular map of one genome needs: the sequences of the assembly version its
 * annotation (the latest, or `annotationId`) was made on — with their residues unless
 * `residues: false` — and the annotation's features with their COG category letters (Bakta's
 * `COG:K` cross-references; the COG ids `COG:COG0745` are skipped). Pass the result to
 * `circularMapPlot`.
 *
 * The feature query (one statement):
 *
 * ```sql
 * select "features"."id", …, "genomes"."name" as "genome", "sequences"."seq_id" as "sequence",
 *   (select group_concat("t"."accession", '')
 *    from json_each(term_ids_json("features"."xref_ids")) as "x", "xref_terms" as "t"
 *    where "t"."id" = "x"."value" and "t"."db" = 'COG'
 *      and "t"."accession" not like 'COG%') as "cog",
 *   (select group_concat("t"."db" || ':' || "t"."accession", ' ')
 *    from json_each(term_ids_json("features"."xref_ids")) as "x", "xref_terms" as "t"
 *    where "t"."id" = "x"."value") as "xrefs"
 * from "features" inner join "sequences" on "sequences"."id" = "features"."sequence_id"
 *   inner join "genomes" on "genomes"."id" = "sequences"."genome_id"
 * where "features"."annotation_id" = ? order by "features"."id"
 * ```
 *
 * @param db The database.
 * @param genome The genome's name.
 * @param options Which annotation; whether to read the residues.
 * @returns A promise of the sequences and features.
 * @throws {RangeError} When the genome (or the annotation asked for) does not exist.
 *
 * @example A factory run, mapped
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { importRun } from "../store/import_run.ts";
 * import { makeRun } from "../testing/factory/make_run.ts";
 * import { genomeMapData } from "./genome_map_data.ts";
 *
 * const db = await openDatabase(":memory:");
 * const run = makeRun({ seed: 3, sequences: 2, genomeSize: 20_000 });
 * await importRun(db, run, { genome: "demo" });
 * const data = await genomeMapData(db, "demo");
 * assert.equal(data.sequences.length, 2);
 * assert.equal(data.features.length, run.features.length);
 * assert.equal(data.sequences[0].nt?.length, data.sequences[0].length);
 * await db.destroy();
 * ```
 */
export async function genomeMapData(
  db: Kysely<Database>,
  genome: string,
  options: GenomeMapDataOptions = {},
): Promise<GenomeMapData> {
  const { annotationId, residues = DEFAULT_GENOME_MAP_DATA_OPTIONS.residues } = options;
  const annotation = await annotationOf(db, genome, { annotationId }).clearSelect()
    .select(["annotations.id", "annotations.genome_id", "annotations.sequence_version"])
    .executeTakeFirst();
  if (annotation === undefined) {
    throw new RangeError(
      annotationId === undefined
        ? `Cannot map genome "${genome}": it has no genome annotation`
        : `Cannot map genome "${genome}": it has no annotation ${annotationId}`,
    );
  }
  const sequences = await readSequences(db, annotation, residues);
  const features = await readFeatures(db, annotation.id);
  return { genome, annotationId: annotation.id, sequences, features };
}

/** The sequences of the annotated assembly version, in stored order, with residues if asked. */
async function readSequences(
  db: Kysely<Database>,
  annotation: { genome_id: number; sequence_version: number },
  residues: boolean,
): Promise<GenomeMapSequence[]> {
  const rows = await db.selectFrom("sequences")
    .select(["id", "seq_id", "length", "topology"])
    .where("genome_id", "=", annotation.genome_id)
    .where("version", "=", annotation.sequence_version)
    .orderBy("id")
    .execute();
  const sequences: GenomeMapSequence[] = [];
  for (const row of rows) {
    sequences.push({
      id: row.seq_id,
      length: row.length,
      nt: residues ? await getResidues(db, row.id) : null,
      topology: row.topology,
    });
  }
  return sequences;
}

/** The annotation's features in stored order, with COG category letters and cross-references. */
async function readFeatures(
  db: Kysely<Database>,
  annotationId: number,
): Promise<GenomeMapFeature[]> {
  const ref = sql.ref;
  const rows = await selectFeatures(db)
    .select([
      sql<string | null>`(select ${joinedText(db, ref("t.accession"), "")} from ${
        featureTermsFrom(db)
      } and ${ref("t.db")} = 'COG' and ${ref("t.accession")} not like 'COG%')`.as("cog"),
      sql<string | null>`(select ${
        joinedText(db, sql`${ref("t.db")} || ':' || ${ref("t.accession")}`, " ")
      } from ${featureTermsFrom(db)})`.as("xrefs"),
    ])
    .where("features.annotation_id", "=", annotationId)
    .orderBy("features.id")
    .execute();
  return rows.map((row): GenomeMapFeature => ({
    sequenceId: row.sequence,
    start: row.start,
    stop: row.stop,
    strand: row.strand,
    type: row.type,
    cogCategory: row.cog === null || row.cog === "" ? null : row.cog,
    edge: row.edge,
    locusTag: row.locusTag,
    gene: row.gene,
    product: row.product,
    xrefs: row.xrefs === null || row.xrefs === "" ? [] : row.xrefs.split(" "),
  }));
}
