/**
 * `baktadb summary [GENOME…]`: the numbers of Bakta's `.txt` summary, for one genome or many.
 *
 * @module
 */

import { cohortGenomesArgument } from "./_cohort_options.ts";
import type { Command } from "../deps/commander.ts";
import type { Kysely } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import type { BaktaSummary } from "../formats/summary_txt/bakta_summary.ts";
import { formatBaktaSummary } from "../formats/summary_txt/format_bakta_summary.ts";
import { BAKTA_DOI, BAKTA_URL } from "../formats/tsv/format_bakta_tsv.ts";
import { genomeStatistics, type GenomeStatisticsRow } from "../query/genome_statistics.ts";
import { resolveGenome } from "../store/genomes_repository.ts";
import { genomeOrganisms } from "../query/genome_organism.ts";
import { getResultFile, listResultFiles } from "../store/result_files_repository.ts";
import { loadOriginals } from "../store/feature_originals.ts";
import { readBaktaSummary } from "../formats/summary_txt/read_bakta_summary.ts";
import { CliError, type CliIo, EXIT, type GlobalOptions, withDatabase } from "./cli_context.ts";
import { formatTable, formatTsv, toJsonText } from "./_table.ts";
import { escapeControl } from "./escape_control.ts";
import { genomeMetadataByName } from "../store/genome_metadata.ts";

/** One genome's summary: the statistics row, its organism and the database type of its annotation. */
export interface GenomeSummaryRow extends GenomeStatisticsRow {
  /** The organism (see `organismName`), or null. */
  organism: string | null;
  /** The database type (`full`/`light`), where known. */
  db_type: string | null;
}

/** What only the `.txt` layout of one genome needs: which optional lines Bakta wrote. */
export interface BaktaTxtExtras {
  /** Whether Bakta itself computed N90 (1.10+): else the `N90` line is left out. */
  n90: boolean;
  /**
   * The `signal peptides` count that Bakta before 1.10 wrote: CDSs whose Bakta JSON record has a
   * `signal_peptide` block (or, for features not read from JSON, the count of the stored `.txt`);
   * undefined for later versions, or when neither tells.
   */
  signalPeptides?: number;
}

/** Whether a Bakta version is before 1.10 (when `.txt` still had `signal peptides`). */
function before110(version: string | null): boolean {
  const m = /^v?(\d+)\.(\d+)/.exec(version ?? "");
  return m !== null && (Number(m[1]) < 1 || (Number(m[1]) === 1 && Number(m[2]) < 10));
}

/**
 * The optional `.txt` lines of one annotation (see {@linkcode BaktaTxtExtras}).
 *
 * @param db The database.
 * @param row The genome's summary row.
 * @returns Whether to write N90, and the signal peptide count where Bakta wrote one.
 */
export async function baktaTxtExtras(
  db: Kysely<Database>,
  row: GenomeSummaryRow,
): Promise<BaktaTxtExtras> {
  const annotation = await db.selectFrom("annotations").select("n90")
    .where("id", "=", row.annotation_id).executeTakeFirstOrThrow();
  const extras: BaktaTxtExtras = { n90: annotation.n90 !== null };
  if (before110(row.bakta_version)) {
    const cdss = await db.selectFrom("features").select(["id", "original_json"])
      .where("annotation_id", "=", row.annotation_id).where("type", "=", "cds").execute();
    const packed = cdss.some((cds) => cds.original_json === "")
      ? await loadOriginals(db, row.annotation_id)
      : new Map();
    let json = false;
    let count = 0;
    for (const { id, original_json } of cdss) {
      const original = (original_json === "" ? packed.get(id) : JSON.parse(original_json)) as {
        format?: string;
        record?: unknown;
      };
      if (original.format !== "json") continue;
      json = true;
      const record = original.record as Record<string, unknown> | null;
      if (record?.signal_peptide !== undefined && record?.signal_peptide !== null) count++;
    }
    if (json || cdss.length === 0) {
      extras.signalPeptides = count;
    } else {
      // Features read from GFF3/GenBank carry no evidence: take the number from Bakta's own .txt.
      const txt = (await listResultFiles(db, row.annotation_id)).find((f) => f.kind === "txt");
      if (txt !== undefined) {
        const { bytes } = await getResultFile(db, txt.id);
        const stored = readBaktaSummary(bytes, { file: txt.fileName });
        extras.signalPeptides = stored.counts.signalPeptides;
      }
    }
  }
  return extras;
}

/**
 * The `.txt` numbers of the latest annotation of the given genomes (names or ids; default every
 * genome with a genome annotation), ordered by genome name.
 *
 * @param db The database.
 * @param genomes The genomes; empty for every genome.
 * @returns One row per genome.
 * @throws {NotFoundError} When a genome does not exist.
 * @throws {CliError} NOT_FOUND when a named genome has no genome annotation.
 *
 * @example Bakta's counts of a factory genome
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { countFeatures } from "../formats/run_counts.ts";
 * import { importRun } from "../store/import_run.ts";
 * import { makeRun } from "../testing/factory/make_run.ts";
 * import { summarizeGenomes } from "./summary_command.ts";
 * const db = await openDatabase(":memory:");
 * const run = makeRun({ seed: 3 });
 * await importRun(db, run, { genome: "demo" });
 * const [row] = await summarizeGenomes(db, ["demo"]);
 * assert.equal(row.cdss, countFeatures(run).cdss);
 * await db.destroy();
 * ```
 */
export async function summarizeGenomes(
  db: Kysely<Database>,
  genomes: readonly string[] = [],
): Promise<GenomeSummaryRow[]> {
  const names: string[] = [];
  for (const genome of genomes) names.push((await resolveGenome(db, genome)).name);
  const rows = await genomeStatistics(db, names.length > 0 ? { genomes: names } : {}).execute();
  const missing = names.filter((name) => !rows.some((r) => r.genome === name));
  if (missing.length > 0) {
    throw new CliError(
      `No genome annotation for ${missing.map((m) => `"${m}"`).join(", ")}`,
      EXIT.NOT_FOUND,
    );
  }
  const types = new Map<number, string | null>();
  if (rows.length > 0) {
    const found = await db.selectFrom("annotations").select(["id", "db_type"])
      .where("id", "in", rows.map((r) => r.annotation_id)).execute();
    for (const a of found) types.set(a.id, a.db_type);
  }
  const organisms = await genomeOrganisms(db, { genomes: rows.map((r) => r.genome) });
  return rows.map((r) => ({
    ...r,
    organism: organisms.get(r.genome) ?? null,
    db_type: types.get(r.annotation_id) ?? null,
  }));
}

const nan = (value: number | null) => value ?? NaN;

/**
 * A summary row as Bakta's {@linkcode BaktaSummary} (percentages from the fractions), so that
 * `formatBaktaSummary` writes it as Bakta's `.txt`.
 *
 * @param row The row.
 * @param extras Which optional lines to write (see {@linkcode baktaTxtExtras}).
 * @returns The summary.
 */
export function rowToBaktaSummary(
  row: GenomeSummaryRow,
  extras: BaktaTxtExtras = { n90: true },
): BaktaSummary {
  const summary: BaktaSummary = {
    sequences: {
      length: nan(row.length),
      count: nan(row.count),
      gcPercent: nan(row.gc) * 100,
      n50: nan(row.n50),
      nRatioPercent: nan(row.n_ratio) * 100,
      codingDensityPercent: nan(row.coding_density) * 100,
    },
    counts: {
      trnas: row.trnas,
      tmrnas: row.tmrnas,
      rrnas: row.rrnas,
      ncrnas: row.ncrnas,
      ncrnaRegions: row.ncrna_regions,
      crisprArrays: row.crispr_arrays,
      cdss: row.cdss,
      pseudogenes: row.pseudogenes,
      hypotheticals: row.hypotheticals,
      sorfs: row.sorfs,
      gaps: row.gaps,
      oriCs: row.orics,
      oriVs: row.orivs,
      oriTs: row.orits,
    },
    extra: {},
    doi: BAKTA_DOI,
    url: BAKTA_URL,
  };
  if (row.n90 !== null && extras.n90) summary.sequences.n90 = row.n90;
  if (extras.signalPeptides !== undefined) summary.counts.signalPeptides = extras.signalPeptides;
  if (row.bakta_version !== null) summary.software = row.bakta_version;
  if (row.db_version !== null) summary.db = row.db_version;
  if (row.db_type !== null) summary.dbType = row.db_type;
  return summary;
}

const percent = (fraction: number | null) =>
  fraction === null || !Number.isFinite(fraction) ? null : (fraction * 100).toFixed(1);

/** The rows of the side-by-side table: label and value per genome. */
const TABLE_ROWS: readonly [string, (r: GenomeSummaryRow) => string | number | null][] = [
  ["Organism", (r) => r.organism],
  ["Length", (r) => r.length],
  ["Count", (r) => r.count],
  ["GC %", (r) => percent(r.gc)],
  ["N50", (r) => r.n50],
  ["N90", (r) => r.n90],
  ["N ratio %", (r) => percent(r.n_ratio)],
  ["coding density %", (r) => percent(r.coding_density)],
  ["tRNAs", (r) => r.trnas],
  ["tmRNAs", (r) => r.tmrnas],
  ["rRNAs", (r) => r.rrnas],
  ["ncRNAs", (r) => r.ncrnas],
  ["ncRNA regions", (r) => r.ncrna_regions],
  ["CRISPR arrays", (r) => r.crispr_arrays],
  ["CDSs", (r) => r.cdss],
  ["pseudogenes", (r) => r.pseudogenes],
  ["hypotheticals", (r) => r.hypotheticals],
  ["sORFs", (r) => r.sorfs],
  ["gaps", (r) => r.gaps],
  ["oriCs", (r) => r.orics],
  ["oriVs", (r) => r.orivs],
  ["oriTs", (r) => r.orits],
  ["Bakta", (r) => r.bakta_version],
  [
    "Database",
    (r) => r.db_version === null ? null : `${r.db_version}${r.db_type ? `, ${r.db_type}` : ""}`,
  ],
];

/**
 * Several genomes side by side: one row per `.txt` number, one column per genome.
 *
 * @param rows The genomes' rows.
 * @returns The table text.
 */
export function summaryTable(rows: readonly GenomeSummaryRow[]): string {
  return formatTable(
    ["", ...rows.map((r) => r.genome)],
    TABLE_ROWS.map(([label, value]) => [label, ...rows.map(value)]),
  );
}

/** The columns of `summary --tsv`, in order. */
const TSV_COLUMNS: readonly (keyof GenomeSummaryRow)[] = [
  "genome",
  "annotation_id",
  "bakta_version",
  "db_version",
  "db_type",
  "length",
  "count",
  "gc",
  "n50",
  "n90",
  "n_ratio",
  "coding_density",
  "trnas",
  "tmrnas",
  "rrnas",
  "ncrnas",
  "ncrna_regions",
  "crispr_arrays",
  "cdss",
  "pseudogenes",
  "hypotheticals",
  "sorfs",
  "gaps",
  "orics",
  "orivs",
  "orits",
  "features",
  "organism",
];

/** The row with its version texts escaped: the .txt layout keeps them on their own lines. */
function escapeVersions(row: GenomeSummaryRow): GenomeSummaryRow {
  const text = (value: string | null) => value === null ? null : escapeControl(value);
  return {
    ...row,
    bakta_version: text(row.bakta_version),
    db_version: text(row.db_version),
    db_type: text(row.db_type),
  };
}

interface SummaryCommandOptions extends GlobalOptions {
  json?: boolean;
  tsv?: boolean;
}

/**
 * Adds `baktadb summary`.
 *
 * @param program The program.
 * @param io Where to write.
 */
export function registerSummary(program: Command, io: CliIo): void {
  program.command("summary")
    .description("the numbers of Bakta's .txt summary for one genome, several, or all")
    .addArgument(cohortGenomesArgument())
    .option("--json", "print JSON (fractions 0-1)")
    .option("--tsv", "print one tab-separated row per genome (fractions 0-1)")
    .addHelpText(
      "after",
      "\nExamples:\n" +
        "  baktadb summary CI-8050          # as Bakta's CI-8050.txt\n" +
        "  baktadb summary C22 C320         # side by side\n" +
        "  baktadb summary --tsv > cohort.tsv\n" +
        "\nOne genome is printed in the layout of Bakta's .txt (of the Bakta version that made it:\n" +
        "N90 from 1.10 on, signal peptides before); several side by side. The numbers are those\n" +
        "of each genome's latest annotation.\n",
    )
    .action(async (genomes: string[], _options, command: Command) => {
      const options = command.optsWithGlobals<SummaryCommandOptions>();
      if (options.json && options.tsv) {
        throw new CliError("Choose one of --json and --tsv", EXIT.USAGE);
      }
      const { rows, extras, metadata } = await withDatabase(options, async (db) => {
        const rows = await summarizeGenomes(db, genomes);
        const single = genomes.length === 1 && !options.json && !options.tsv;
        return {
          rows,
          extras: single ? await baktaTxtExtras(db, rows[0]) : undefined,
          metadata: options.json
            ? await genomeMetadataByName(db, rows.map((r) => r.genome))
            : new Map(),
        };
      });
      if (options.json) {
        io.out(toJsonText(rows.map((r) => ({ ...r, metadata: metadata.get(r.genome) ?? {} }))));
      } else if (options.tsv) {
        io.out(formatTsv(TSV_COLUMNS, rows.map((r) => TSV_COLUMNS.map((c) => r[c]))));
      } else if (rows.length === 0) {
        io.out("(no annotated genomes)\n");
      } else if (genomes.length === 1) {
        io.out(formatBaktaSummary(rowToBaktaSummary(escapeVersions(rows[0]), extras)));
      } else {
        io.out(summaryTable(rows));
      }
    });
}
