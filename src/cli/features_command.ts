/**
 * `baktadb features GENOME`: list, filter and search a genome's features.
 *
 * @module
 */

import type { Command } from "../deps/commander.ts";
import type { Kysely } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import { FEATURE_TYPES, type FeatureType } from "../formats/model.ts";
import {
  type GenomeFeature,
  type GenomeFeaturesRegion,
  listGenomeFeatures,
} from "../query/list_genome_features.ts";
import type { AnnotationWithGenome } from "../query/annotation_of.ts";
import { listSequences } from "../store/sequences_repository.ts";
import { parseRegion } from "../export/parse_region.ts";
import { FEATURE_CSV_COLUMNS } from "../export/format_feature_csv.ts";
import { outputColumns } from "./_output_columns.ts";
import { CliError, type CliIo, EXIT, type GlobalOptions, withDatabase } from "./cli_context.ts";
import { parsePositiveInteger, resolveAnnotation } from "./_resolve_annotation.ts";
import { formatTable, formatTsv, toJsonText } from "./_table.ts";

/** The filters of {@linkcode listFeatureRows}, as the command's options give them; they combine with AND. */
export interface FeatureFilterOptions {
  /** Only these types (Bakta JSON names, e.g. `cds`, `tRNA`). */
  types?: readonly FeatureType[];
  /** Only features overlapping `SEQUENCE:FROM-TO` (or on `SEQUENCE`). */
  region?: string;
  /** Only features whose locus tag, gene or product hold every word (the last as a prefix). */
  search?: string;
  /** Only features with this cross-reference, `DB:ACCESSION` (e.g. `COG:COG0001`, `EC:2.7.7.7`). */
  xref?: string;
  /** At most this many. */
  limit?: number;
  /** Read this annotation instead of the genome's latest. */
  annotationId?: number;
}

/** A feature as `features` prints it. */
export interface FeatureListing {
  /** The id of the sequence (contig) the feature is on, as in the run's FASTA headers. */
  sequence: string;
  /** The feature type in Bakta JSON naming (`cds`, `tRNA`, `sorf`…). */
  type: string;
  /** First base, 1-based (greater than `stop` across the origin). */
  start: number;
  /** Last base, 1-based. */
  stop: number;
  /** `+`, `-`, or `.`/`?` for features without a strand. */
  strand: string;
  /** Whether it crosses the origin. */
  edge: boolean;
  /** Bakta's locus tag (`ABC_00010`); null for features without one (gaps, origins). */
  locus_tag: string | null;
  /** The gene symbol (`dnaA`), where Bakta named one. */
  gene: string | null;
  /** The product description, where Bakta gave one. */
  product: string | null;
  /** Hypothetical protein. */
  hypothetical: boolean;
  /** Pseudogene. */
  pseudo: boolean;
  /** Truncation. */
  truncated: string | null;
  /** Cross-references, `DB:accession`. */
  db_xrefs: string[];
}

/**
 * Parses `--type`: one or more feature types separated by commas, case-insensitive (`CDS`,
 * `trna`, `ncRNA-region`).
 *
 * @param text The option's text.
 * @returns The types, as Bakta's JSON names them.
 * @throws {CliError} With exit code USAGE for an unknown type.
 *
 * @example Types in any case
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseFeatureTypes } from "./features_command.ts";
 * assert.deepEqual(parseFeatureTypes("CDS,trna"), ["cds", "tRNA"]);
 * ```
 */
export function parseFeatureTypes(text: string): FeatureType[] {
  return text.split(",").map((t) => t.trim()).filter((t) => t !== "").map((t) => {
    const type = FEATURE_TYPES.find((known) => known.toLowerCase() === t.toLowerCase());
    if (type === undefined) {
      throw new CliError(
        `Unknown feature type "${t}": expected one of ${FEATURE_TYPES.join(", ")}`,
        EXIT.USAGE,
      );
    }
    return type;
  });
}

/**
 * Parses `--xref DB:ACCESSION` at its first colon (`GO:GO:0005737` and `GO:0005737` both name a
 * GO term).
 *
 * @param text The option's text.
 * @returns The database and accession.
 * @throws {CliError} With exit code USAGE when there is no colon or a side is empty.
 *
 * @example Split at the first colon
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseXref } from "./features_command.ts";
 * assert.deepEqual(parseXref("EC:2.7.7.7"), { db: "EC", accession: "2.7.7.7" });
 * assert.deepEqual(parseXref("GO:GO:0005737"), { db: "GO", accession: "GO:0005737" });
 * ```
 */
export function parseXref(text: string): { db: string; accession: string } {
  const at = text.indexOf(":");
  if (at <= 0 || at === text.length - 1) {
    throw new CliError(
      `Invalid --xref "${text}": expected DB:ACCESSION, e.g. COG:COG0001, EC:2.7.7.7, UniRef90:P12345`,
      EXIT.USAGE,
    );
  }
  return { db: text.slice(0, at), accession: text.slice(at + 1) };
}

/**
 * The features of a genome's latest annotation (or of `annotationId`) that pass every filter, as
 * `features` prints them: {@linkcode listGenomeFeatures} with the command's texts parsed and its
 * errors turned into exit codes, each row in the documented output columns.
 *
 * @param db The database.
 * @param genome The genome's name or id.
 * @param options The filters.
 * @returns The features.
 * @throws {NotFoundError} When the genome does not exist.
 * @throws {CliError} NOT_FOUND for a missing annotation or region sequence; USAGE for a bad
 * region or cross-reference.
 *
 * @example The CDSs of a factory genome's first 2 kb
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { importRun } from "../store/import_run.ts";
 * import { makeRun } from "../testing/factory/make_run.ts";
 * import { listFeatureRows } from "./features_command.ts";
 * const db = await openDatabase(":memory:");
 * const run = makeRun({ seed: 3, sequences: 1, featuresPerSequence: 12 });
 * await importRun(db, run, { genome: "demo" });
 * const found = await listFeatureRows(db, "demo", {
 *   types: ["cds"], region: `${run.sequences[0].id}:1-2000`,
 * });
 * assert.ok(found.length > 0);
 * assert.ok(found.every((f) => f.type === "cds" && (f.start <= 2000 || f.edge)));
 * await db.destroy();
 * ```
 */
export async function listFeatureRows(
  db: Kysely<Database>,
  genome: string,
  options: FeatureFilterOptions = {},
): Promise<FeatureListing[]> {
  const annotation = await resolveAnnotation(db, genome, options.annotationId);
  const region = options.region === undefined ? undefined : parseRegionOption(options.region);
  if (region !== undefined) await checkSequence(db, annotation, region.sequence);
  const xref = options.xref === undefined ? undefined : parseXref(options.xref);
  try {
    const features = await listGenomeFeatures(db, {
      genome: annotation.genome,
      annotationId: annotation.id,
      types: options.types,
      region,
      search: options.search,
      xref,
      limit: options.limit,
    });
    return features.map(toListing);
  } catch (error) {
    if (error instanceof RangeError) throw new CliError(error.message, EXIT.USAGE);
    throw error;
  }
}

function parseRegionOption(text: string): GenomeFeaturesRegion {
  try {
    return parseRegion(text);
  } catch (error) {
    throw new CliError((error as Error).message, EXIT.USAGE);
  }
}

/** Exits with NOT_FOUND when the annotated assembly has no sequence `sequence`. */
async function checkSequence(
  db: Kysely<Database>,
  annotation: AnnotationWithGenome,
  sequence: string,
): Promise<void> {
  const sequences = await listSequences(db, annotation.genome_id, {
    version: annotation.sequence_version,
  });
  if (!sequences.some((s) => s.seqId === sequence)) {
    throw new CliError(
      `Genome "${annotation.genome}" has no sequence "${sequence}"`,
      EXIT.NOT_FOUND,
    );
  }
}

/** A feature in the documented output columns of `features`. */
function toListing(f: GenomeFeature): FeatureListing {
  return outputColumns(f, TSV_COLUMNS);
}

/** The columns of `--tsv`: those of the feature CSV export but its computed `length`. */
const TSV_COLUMNS = FEATURE_CSV_COLUMNS.filter(
  (column): column is Exclude<typeof column, "length"> => column !== "length",
);

/**
 * Writes features as TSV: a header of the {@linkcode FeatureListing} fields, one row per feature,
 * empty cells for absent values, cross-references joined by `,`; control characters inside a value
 * (tabs and line breaks too) are shown as escapes (`\t`, `\n`, `\x1b`).
 *
 * @param features The features.
 * @returns The TSV text.
 *
 * @example One feature
 * ```ts
 * import assert from "node:assert/strict";
 * import { featuresToTsv } from "./features_command.ts";
 * const tsv = featuresToTsv([{ sequence: "c1", type: "cds", start: 1, stop: 9, strand: "+",
 *   edge: false, locus_tag: "X_1", gene: null, product: "a\tb", hypothetical: false,
 *   pseudo: false, truncated: null, db_xrefs: ["EC:1.1.1.1", "SO:0001217"] }]);
 * assert.equal(tsv.split("\n")[1], "c1\tcds\t1\t9\t+\tfalse\tX_1\t\ta\\tb\tfalse\tfalse\t\tEC:1.1.1.1,SO:0001217");
 * ```
 */
export function featuresToTsv(features: readonly FeatureListing[]): string {
  return formatTsv(TSV_COLUMNS, features.map((f) => TSV_COLUMNS.map((c) => f[c])));
}

interface FeaturesCommandOptions extends GlobalOptions {
  type?: string;
  region?: string;
  search?: string;
  xref?: string;
  limit?: string;
  annotation?: string;
  json?: boolean;
  tsv?: boolean;
}

/**
 * Adds `baktadb features`.
 *
 * @param program The program.
 * @param io Where to write.
 */
export function registerFeatures(program: Command, io: CliIo): void {
  declareFeatures(program).action((genome: string, _options, command: Command) =>
    featuresAction(genome, command.optsWithGlobals<FeaturesCommandOptions>(), io)
  );
}

/** The `features` command: its argument, flags and help. */
function declareFeatures(program: Command): Command {
  return program.command("features")
    .description("list a genome's features: filter by type, region, text and cross-reference")
    .argument("<genome>", "the genome's name (or id)")
    .option("--type <types>", "only these feature types, comma-separated (cds, sorf, tRNA, …)")
    .option(
      "--region <seq:from-to>",
      "only features overlapping a window (from > to: across the origin of a circular sequence)",
    )
    .option("--search <text>", "only features whose locus tag, gene or product hold every word")
    .option("--xref <db:accession>", "only features with this cross-reference")
    .option("--limit <n>", "print at most n features")
    .option("--annotation <id>", "read this annotation instead of the genome's latest")
    .option("--json", "print JSON")
    .option("--tsv", "print tab-separated values")
    .addHelpText(
      "after",
      "\nExamples:\n" +
        "  baktadb features CI-8050 --type tRNA\n" +
        "  baktadb features CI-8050 --region contig_1:10000-20000\n" +
        "  baktadb features pOSAK1 --region contig_1:1300-200   # across the origin\n" +
        '  baktadb features CI-8050 --search "beta-lactamase" --json\n' +
        "  baktadb features CI-8050 --xref COG:COG0593 --tsv > hits.tsv\n" +
        "  baktadb features CI-8050 --xref COG:K --type cds --limit 20\n" +
        "\n--search matches whole words of locus tags, genes and products (the last word as a\n" +
        "prefix: dna finds dnaA); --xref takes COG ids or one-letter COG categories, EC, GO, KEGG,\n" +
        "UniRef90/UniRef50 (UniRef90:P12345), RefSeq, … Without a filter every feature is listed.\n",
    );
}

/** Checks the flags, lists the features and prints them as JSON, TSV or a table. */
async function featuresAction(
  genome: string,
  options: FeaturesCommandOptions,
  io: CliIo,
): Promise<void> {
  if (options.json && options.tsv) {
    throw new CliError("Choose one of --json and --tsv", EXIT.USAGE);
  }
  const filters = featureFilters(options);
  const features = await withDatabase(options, (db) => listFeatureRows(db, genome, filters));
  if (options.json) io.out(toJsonText(features));
  else if (options.tsv) io.out(featuresToTsv(features));
  else if (features.length === 0) io.out("(no features match)\n");
  else io.out(featuresToTable(features));
}

/** The filters the flags ask for, the numbers checked. */
function featureFilters(options: FeaturesCommandOptions): FeatureFilterOptions {
  const filters: FeatureFilterOptions = {};
  if (options.type !== undefined) filters.types = parseFeatureTypes(options.type);
  if (options.region !== undefined) filters.region = options.region;
  if (options.search !== undefined) filters.search = options.search;
  if (options.xref !== undefined) filters.xref = options.xref;
  if (options.limit !== undefined) {
    filters.limit = parsePositiveInteger(options.limit, "--limit");
  }
  if (options.annotation !== undefined) {
    filters.annotationId = parsePositiveInteger(options.annotation, "--annotation");
  }
  return filters;
}

/** The listing as an aligned table of the columns a terminal has room for. */
function featuresToTable(features: readonly FeatureListing[]): string {
  const columns = [
    "sequence",
    "type",
    "start",
    "stop",
    "strand",
    "locus_tag",
    "gene",
    "product",
  ] as const;
  return formatTable(columns, features.map((f) => columns.map((column) => f[column])));
}
