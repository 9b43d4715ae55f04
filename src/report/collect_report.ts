/**
 * `collectReport()`: the first pass of the report, queries only — the genomes, their numbers,
 * figures' data and traits, the cohort comparison and the versions, as a JSON-serialisable
 * {@linkcode ReportModel}.
 *
 * @module
 */

import type { Kysely } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import { genomeSummary } from "../analysis/genome_summary.ts";
import { featureTypeCounts } from "../analysis/feature_type_counts.ts";
import { cogCategoryCounts } from "../analysis/cog_matrix.ts";
import { presenceAbsence } from "../analysis/gene_families.ts";
import { PANGENOME_CLASSES, pangenomeClasses } from "../analysis/pangenome_classes.ts";
import {
  cohortSpecies,
  type CohortSpeciesGroup,
  UNKNOWN_SPECIES,
} from "../analysis/cohort_species.ts";
import { genomeMapData } from "./genome_map_data.ts";
import { type ReportGenome, reportGenomes } from "./_report_genome.ts";
import { proteinLengths } from "./_protein_lengths.ts";
import { uniqueFamilies } from "./_unique_families.ts";
import { familyXrefs } from "./_family_xrefs.ts";
import { reportVersions } from "./report_versions.ts";
import { collectAssociation } from "./_association_model.ts";
import type {
  ReportCogCount,
  ReportCohortModel,
  ReportGenomeModel,
  ReportModel,
  ReportTrait,
} from "./report_model.ts";
import { withDefaults } from "../options/with_defaults.ts";

/** Options of {@linkcode collectReport}. */
export interface CollectReportOptions {
  /**
   * The genomes to report (by name), in this order; each contributes its latest annotation.
   * @default undefined (every genome with a genome annotation, by name)
   */
  genomes?: readonly string[];
  /**
   * The page title.
   * @default "baktadb report"
   */
  title?: string;
  /**
   * The time stamp written on the page.
   * @default new Date()
   */
  generatedAt?: Date;
  /**
   * Read the residues for the GC content and skew rings of the circular maps.
   * @default true
   */
  gcRings?: boolean;
  /**
   * The most gene families the presence/absence figure draws: a cohort with more is shown by a
   * systematic sample that keeps the share of each prevalence and presence pattern, and says so;
   * `Infinity` draws every family. The model holds every family.
   * @default 800
   */
  maxPresenceFamilies?: number;
  /** Called before each step, with a short description (for progress output). */
  onProgress?: (message: string) => void;
  /** Cancels the collection between steps. */
  signal?: AbortSignal;
}

/** The defaults of {@linkcode CollectReportOptions}. */
export const DEFAULT_COLLECT_REPORT_OPTIONS: Readonly<{
  title: string;
  gcRings: boolean;
  maxPresenceFamilies: number;
}> = Object.freeze({
  title: "baktadb report",
  gcRings: true,
  maxPresenceFamilies: 800,
});

function validate(options: CollectReportOptions) {
  const { genomes, title, generatedAt, gcRings, maxPresenceFamilies } = withDefaults(
    options,
    { ...DEFAULT_COLLECT_REPORT_OPTIONS, generatedAt: new Date() },
  );
  if (
    genomes !== undefined && (!Array.isArray(genomes) || genomes.some((g) => typeof g !== "string"))
  ) {
    throw new TypeError(`Invalid option "genomes": expected an array of genome names`);
  }
  if (!(maxPresenceFamilies >= 1)) {
    throw new RangeError(
      `Invalid option "maxPresenceFamilies": expected a number >= 1, got ${maxPresenceFamilies}`,
    );
  }
  if (!(generatedAt instanceof Date) || Number.isNaN(generatedAt.getTime())) {
    throw new RangeError(`Invalid option "generatedAt": expected a valid Date`);
  }
  return { genomes, title, generatedAt, gcRings, maxPresenceFamilies };
}

/**
 * Collects what the report shows, with queries only: per genome its summary (the numbers of
 * Bakta's `.txt`), feature-type counts, protein lengths, circular-map data, species and traits;
 * with two genomes or more the cohort's feature types, COG category counts, the full gene family
 * presence/absence matrix, the pangenome classes, the species groups and each genome's own
 * families; and the software versions. The result is plain data (`JSON.stringify` keeps all of
 * it); `renderReportHtml` draws it.
 *
 * @param db The database.
 * @param options Which genomes, title, time stamp, figure settings, progress and cancellation.
 * @returns A promise of the model.
 * @throws {NotFoundError} When a genome asked for does not exist or has no genome annotation.
 * @throws {RangeError} When an option is out of range.
 * @throws {DOMException} When `signal` aborts (`AbortError`).
 *
 * @example The model of one factory genome
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { importRun } from "../store/import_run.ts";
 * import { makeRun } from "../testing/factory/make_run.ts";
 * import { collectReport } from "./collect_report.ts";
 *
 * const db = await openDatabase(":memory:");
 * await importRun(db, makeRun({ seed: 2, sequences: 1, genomeSize: 15_000 }), { genome: "demo" });
 * const model = await collectReport(db, { gcRings: false });
 * assert.deepEqual(model.genomes.map((g) => g.name), ["demo"]);
 * assert.equal(model.cohort, null);
 * assert.deepEqual(JSON.parse(JSON.stringify(model)), model);
 * await db.destroy();
 * ```
 */
export async function collectReport(
  db: Kysely<Database>,
  options: CollectReportOptions = {},
): Promise<ReportModel> {
  const o = validate(options);
  const step = (message: string) => {
    options.signal?.throwIfAborted();
    options.onProgress?.(message);
  };
  step("Reading the genomes");
  const genomes = await reportGenomes(db, o.genomes);
  const species = genomes.length === 0
    ? []
    : await cohortSpecies(db, { genomes: genomes.map((g) => g.name) });
  const cohort = genomes.length >= 2 ? await collectCohort(db, genomes, step) : null;
  const models = genomes.length === 0
    ? []
    : await collectGenomes(db, genomes, speciesByGenome(species), o.gcRings, step);
  if (cohort !== null) {
    cohort.species = species;
    const uniques = uniqueFamilies(cohort.presence, cohort.familyInfo);
    step("Reading the cross-references of each genome's own families");
    const own = new Set([...uniques.values()].flat().map((u) => u.family));
    const xrefs = await familyXrefs(db, cohort.presence.genomes, own);
    for (const g of models) {
      g.uniqueFamilies = (uniques.get(g.name) ?? []).map((u) => ({
        ...u,
        xrefs: xrefs.get(u.family) ?? [],
      }));
    }
  }
  let association = null;
  if (cohort !== null) {
    step("Testing gene families against a binary trait");
    association = await collectAssociation(db, models.map((g) => g.name));
  }
  step("Listing versions");
  const versions = await reportVersions(db);
  return {
    title: o.title,
    generatedAt: o.generatedAt.toISOString(),
    gcRings: o.gcRings,
    maxPresenceFamilies: Number.isFinite(o.maxPresenceFamilies) ? o.maxPresenceFamilies : null,
    genomes: models,
    cohort: cohort === null ? null : withoutFamilyInfo(cohort),
    association,
    versions,
  };
}

/** Per genome: summary, type counts, protein lengths, map data and traits. */
async function collectGenomes(
  db: Kysely<Database>,
  genomes: readonly ReportGenome[],
  species: ReadonlyMap<string, string | null>,
  gcRings: boolean,
  step: (message: string) => void,
): Promise<ReportGenomeModel[]> {
  step("Summarizing");
  const cohort = { genomes: genomes.map((g) => g.name) };
  const summary = (await genomeSummary(db, cohort)).objects() as Record<string, never>[];
  const byName = new Map(summary.map((row) => [row.genome as string, row]));
  const typeCounts = (await featureTypeCounts(db, cohort)).objects() as {
    genome: string;
    type: string;
    count: number;
  }[];
  const lengths = await proteinLengths(db, genomes.map((g) => g.annotationId));
  const traits = await genomeTraits(db, genomes.map((g) => g.name));
  const models: ReportGenomeModel[] = [];
  for (const [i, g] of genomes.entries()) {
    step(`Reading ${g.name} (${i + 1}/${genomes.length})`);
    const own = traits.get(g.name) ?? [];
    models.push({
      name: g.name,
      anchor: g.anchor,
      annotationId: g.annotationId,
      organism: g.organism,
      species: species.get(g.name) ?? null,
      traits: own,
      baktaVersion: g.baktaVersion,
      dbVersion: g.dbVersion,
      dbType: g.dbType,
      runStart: g.runStart,
      source: g.source,
      importedAt: g.importedAt,
      summary: byName.get(g.name) ?? null,
      typeCounts: typeCounts.filter((row) => row.genome === g.name),
      proteinLengths: lengths.get(g.annotationId) ?? [],
      map: await genomeMapData(db, g.name, { annotationId: g.annotationId, residues: gcRings }),
      uniqueFamilies: null,
    });
  }
  return models;
}

/** The traits of the genomes, by genome name, in key order. */
async function genomeTraits(
  db: Kysely<Database>,
  names: readonly string[],
): Promise<Map<string, ReportTrait[]>> {
  const rows = await db.selectFrom("genome_traits")
    .innerJoin("genomes", "genomes.id", "genome_traits.genome_id")
    .select(["genomes.name", "genome_traits.key", "genome_traits.value"])
    .where("genomes.name", "in", [...names])
    .orderBy("genomes.name").orderBy("genome_traits.key")
    .execute();
  const traits = new Map<string, ReportTrait[]>();
  for (const row of rows) {
    const list = traits.get(row.name) ?? [];
    list.push({ key: row.key, value: row.value });
    traits.set(row.name, list);
  }
  return traits;
}

type CohortWithInfo = ReportCohortModel & {
  familyInfo: Map<string, { copies: number; gene: string | null; product: string | null }>;
};

/** The cohort's type counts, COG counts, presence matrix and pangenome classes. */
async function collectCohort(
  db: Kysely<Database>,
  genomes: readonly ReportGenome[],
  step: (message: string) => void,
): Promise<CohortWithInfo> {
  const cohort = { genomes: genomes.map((g) => g.name) };
  step("Comparing the cohort");
  const typeCounts = (await featureTypeCounts(db, cohort)).objects() as {
    genome: string;
    type: string;
    count: number;
  }[];
  step("Counting COG categories");
  const cogCounts = ((await cogCategoryCounts(db, cohort)).objects() as ReportCogCount[]).map(
    ({ genome, category, count, assigned, cdss }) => ({ genome, category, count, assigned, cdss }),
  );
  step("Building the presence/absence matrix");
  const matrix = await presenceAbsence(db, cohort);
  const columns = matrix.columnNames().filter((c) => c !== "family" && c !== "genomes");
  const families = Array.from(matrix.array("family") as ArrayLike<string>);
  step("Classifying the pangenome");
  const classRows = (await pangenomeClasses(db, cohort)).objects() as {
    family: string;
    class: ReportCohortModel["classes"][number]["class"];
    copies: number;
    gene: string | null;
    product: string | null;
  }[];
  const familyInfo = new Map(classRows.map((r) => [r.family, r]));
  const label = (f: string) => {
    const info = familyInfo.get(f);
    return [info?.gene, info?.product].filter((v) => v != null && v !== "").join(" · ");
  };
  return {
    typeCounts,
    cogCounts,
    presence: {
      genomes: columns,
      families,
      labels: families.map(label),
      present: columns.map((g) => Array.from(matrix.array(g) as ArrayLike<number>, (n) => n > 0)),
    },
    classes: PANGENOME_CLASSES.map((name) => ({
      class: name,
      count: classRows.filter((row) => row.class === name).length,
    })),
    species: [],
    familyInfo,
  };
}

function withoutFamilyInfo(cohort: CohortWithInfo): ReportCohortModel {
  const { familyInfo: _, ...rest } = cohort;
  return rest;
}

/** Each genome's species, by name; null for a genome of unknown species. */
function speciesByGenome(groups: readonly CohortSpeciesGroup[]): Map<string, string | null> {
  return new Map(
    groups.flatMap((g) =>
      g.genomes.map((name) => [name, g.species === UNKNOWN_SPECIES ? null : g.species])
    ),
  );
}
