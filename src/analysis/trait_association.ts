/**
 * Gene–trait association across the cohort (`baktadb associate`): which gene families go with a
 * binary trait of the genomes (a resistance phenotype from a sample sheet), as Scoary does.
 *
 * @module
 */

import { type ColumnTable, table } from "../deps/arquero.ts";
import type { Kysely } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import { show } from "../query/_validate.ts";
import { selectGenomes } from "../query/select_genomes.ts";
import { traitKeyOf } from "../query/where_clause.ts";
import { listTraits } from "../store/traits_repository.ts";
import type { CohortOptions } from "./_cohort.ts";
import {
  associateFamilyColumns,
  associateFamilyCounts,
  type FamilyAssociationColumns,
} from "./associate_families.ts";
import { readBinaryTrait } from "./binary_trait.ts";
import { pick } from "./_pick.ts";
import {
  checkFamilyOptions,
  type FamilyDescriptions,
  familyPresence,
  type FamilyPresenceOptions,
  familyTotals,
  type GeneFamilyOptions,
} from "./gene_families.ts";

/** Options of {@linkcode traitAssociation}. */
export interface TraitAssociationOptions extends CohortOptions {
  /** The trait: a genome trait key or a where short name (`penicillin`, `st`). */
  trait: string;
  /**
   * Read the trait as a number: yes when value ≥ threshold. Without it the trait must be binary
   * (1/0, yes/no, true/false, R/S).
   * @default undefined (binary)
   */
  threshold?: number;
  /**
   * A trait whose values are the strata (e.g. `lineage`) for the Cochran–Mantel–Haenszel test
   * beside the plain test; genomes without a value are left out.
   * @default undefined (no stratified test)
   */
  strata?: string;
  /**
   * Whether a genome whose only copies of a family are pseudogenes carries it.
   * @default "absent" (loss of function)
   */
  pseudogenes?: GeneFamilyOptions["pseudogenes"];
  /**
   * The feature types grouped into families.
   * @default ["cds"]
   */
  types?: GeneFamilyOptions["types"];
  /**
   * The family level.
   * @default "uniref90"
   */
  familyLevel?: GeneFamilyOptions["familyLevel"];
}

/** The result of {@linkcode traitAssociation}: the table and what it was computed on. */
export interface TraitAssociation {
  /** The trait key read. */
  trait: string;
  /** The threshold, for a continuous trait. */
  threshold?: number;
  /** The strata trait key, when stratified. */
  strata?: string;
  /** How pseudogenes counted. */
  pseudogenes: "present" | "absent";
  /** The feature types grouped into families. */
  types: ("cds" | "sorf")[];
  /** The family level. */
  familyLevel: "uniref90" | "uniref50";
  /** The genomes tested (selected, annotated, with a trait value), by name. */
  genomes: string[];
  /** Per tested genome (in `genomes` order): whether it has the trait. */
  hasTrait: boolean[];
  /** How many of them have the trait. */
  positives: number;
  /** Selected annotated genomes left out: no trait (or strata) value. */
  leftOut: string[];
  /**
   * One row per family present in some but not all tested genomes, by p: `family`, `gene`,
   * `product` (of its first member), then the columns of `FamilyAssociationRow`.
   */
  table: ColumnTable;
}

/**
 * Tests every gene family present in some but not all genomes for association with a binary
 * trait: 2×2 table (trait yes/no × family present/absent), odds ratio, Fisher's exact p
 * (two-sided), Benjamini–Hochberg and Bonferroni corrections, sensitivity and specificity, the
 * family's gene and product, and with `strata` the Cochran–Mantel–Haenszel test. Genomes come
 * from the cohort selection (`genomes`, `where`); those without a trait value are left out and
 * listed. By default pseudogenes do not make a family present.
 *
 * @param db The database.
 * @param options The trait, the genomes, and how families are counted.
 * @returns The table and its header facts.
 * @throws {RangeError} When an option is invalid, or a trait value is not binary (naming the
 *   genome and the value).
 * @throws {NotFoundError} When a named genome does not exist.
 *
 * @example A family only the resistant genomes carry
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { importRun } from "../store/import_run.ts";
 * import { setTraits } from "../store/traits_repository.ts";
 * import { makeCohort } from "../testing/factory/make_cohort.ts";
 * import { traitAssociation } from "./trait_association.ts";
 * const db = await openDatabase(":memory:");
 * const cohort = makeCohort({ seed: 2, genomes: 6, familiesPool: 40, coreFamilies: 20 });
 * for (const [i, member] of cohort.members.entries()) {
 *   const { genomeId } = await importRun(db, member.run, { genome: member.name });
 *   await setTraits(db, genomeId, { penicillin: i < 3 ? "R" : "S" });
 * }
 * const result = await traitAssociation(db, { trait: "penicillin" });
 * assert.equal(result.positives, 3);
 * assert.deepEqual(result.table.columnNames().slice(0, 4), ["family", "gene", "product", "pos_present"]);
 * await db.destroy();
 * ```
 */
export async function traitAssociation(
  db: Kysely<Database>,
  options: TraitAssociationOptions,
): Promise<TraitAssociation> {
  const settings = checkAssociationOptions(options);
  const genomes = await selectedAnnotatedGenomes(db, options);
  const groups = await classifyGenomes(db, genomes, settings);
  const families = {
    types: settings.types,
    pseudogenes: settings.pseudogenes,
    familyLevel: settings.familyLevel,
  };
  const cohort = { ...families, genomes: groups.names, describe: true };
  const described = groups.strata === undefined
    ? await testByCounts(db, cohort, groups)
    : await testByMatrix(db, cohort, groups);
  return {
    trait: settings.trait,
    ...(settings.threshold === undefined ? {} : { threshold: settings.threshold }),
    ...(settings.strata === undefined ? {} : { strata: settings.strata }),
    pseudogenes: settings.pseudogenes,
    types: settings.types,
    familyLevel: settings.familyLevel,
    genomes: groups.names,
    hasTrait: groups.trait.map((t) => t === 1),
    positives: groups.trait.reduce((sum, t) => sum + t, 0),
    leftOut: groups.leftOut,
    table: described,
  };
}

type AssociationSettings = Pick<
  TraitAssociation,
  "trait" | "threshold" | "strata" | "pseudogenes" | "types" | "familyLevel"
>;

function checkAssociationOptions(options: TraitAssociationOptions): AssociationSettings {
  const { trait, threshold, strata } = options;
  if (typeof trait !== "string" || trait.trim() === "") {
    throw new RangeError(`Invalid option "trait": expected a trait name, got ${show(trait)}`);
  }
  if (threshold !== undefined && !Number.isFinite(threshold)) {
    throw new RangeError(`Invalid option "threshold": expected a number, got ${show(threshold)}`);
  }
  if (strata !== undefined && (typeof strata !== "string" || strata.trim() === "")) {
    throw new RangeError(`Invalid option "strata": expected a trait name, got ${show(strata)}`);
  }
  return {
    trait: traitKeyOf(trait.trim()),
    threshold,
    strata: strata === undefined ? undefined : traitKeyOf(strata.trim()),
    ...checkFamilyOptions({ ...options, pseudogenes: options.pseudogenes ?? "absent" }),
  };
}

/** The selected genomes that have a genome annotation, by name. */
async function selectedAnnotatedGenomes(
  db: Kysely<Database>,
  options: CohortOptions,
): Promise<string[]> {
  const selected = await selectGenomes(db, { genomes: options.genomes, where: options.where });
  const annotated = await db.selectFrom("annotations").select("genome_id").distinct()
    .where("mode", "=", "genome").execute();
  const ids = new Set(annotated.map((a) => a.genome_id));
  return selected.filter((g) => ids.has(g.id)).map((g) => g.name);
}

interface GenomeGroups {
  names: string[];
  trait: number[];
  strata?: number[];
  leftOut: string[];
}

/** Splits the genomes into tested (with trait yes/no and stratum) and left out. */
async function classifyGenomes(
  db: Kysely<Database>,
  genomes: readonly string[],
  settings: AssociationSettings,
): Promise<GenomeGroups> {
  const keys = settings.strata === undefined ? [settings.trait] : [settings.trait, settings.strata];
  const values = new Map<string, string | null>();
  for (const row of await listTraits(db, { keys })) {
    values.set(`${row.key}\u0000${row.genome}`, row.value);
  }
  const groups: GenomeGroups = { names: [], trait: [], leftOut: [] };
  const strata = new Map<string, number>();
  const strataOf: number[] = [];
  for (const genome of genomes) {
    const raw = values.get(`${settings.trait}\u0000${genome}`) ?? null;
    let yes: boolean | undefined;
    try {
      yes = readBinaryTrait(raw, settings.threshold);
    } catch (error) {
      throw new RangeError(
        `Cannot read trait "${settings.trait}" of genome "${genome}": ${(error as Error).message}`,
      );
    }
    const stratum = settings.strata === undefined
      ? ""
      : (values.get(`${settings.strata}\u0000${genome}`) ?? "").trim();
    if (yes === undefined || (settings.strata !== undefined && stratum === "")) {
      groups.leftOut.push(genome);
      continue;
    }
    if (!strata.has(stratum)) strata.set(stratum, strata.size);
    groups.names.push(genome);
    groups.trait.push(yes ? 1 : 0);
    strataOf.push(strata.get(stratum)!);
  }
  if (settings.strata !== undefined) groups.strata = strataOf;
  return groups;
}

/**
 * The test of every family from its carriers counted by family (`familyTotals` with the trait-yes
 * genomes as `among`): no matrix, no stratified test.
 */
async function testByCounts(
  db: Kysely<Database>,
  cohort: FamilyPresenceOptions,
  groups: GenomeGroups,
): Promise<ColumnTable> {
  const among = groups.names.filter((_, i) => groups.trait[i] === 1);
  const totals = await familyTotals(db, { ...cohort, among });
  const columns = associateFamilyCounts({
    families: totals.families,
    present: totals.carriers,
    positives: totals.carriersAmong!,
    total: totals.genomes,
    totalPositives: among.length,
  });
  return associationTable(columns, totals.families, totals.descriptions!);
}

/** The test of every family over the presence matrix, with the Cochran–Mantel–Haenszel test. */
async function testByMatrix(
  db: Kysely<Database>,
  cohort: FamilyPresenceOptions,
  groups: GenomeGroups,
): Promise<ColumnTable> {
  const presence = await familyPresence(db, cohort);
  // The matrix's genomes are in name order: the trait and strata follow them.
  const at = new Map(groups.names.map((name, i) => [name, i]));
  const order = presence.genomes.map((name) => at.get(name)!);
  const columns = associateFamilyColumns({
    families: presence.families,
    sparse: presence,
    trait: order.map((i) => groups.trait[i]),
    strata: groups.strata === undefined ? undefined : order.map((i) => groups.strata![i]),
  });
  return associationTable(columns, presence.families, presence.descriptions!);
}

/** The typed columns as a table, with each family's gene and product (of its first member). */
function associationTable(
  columns: FamilyAssociationColumns,
  families: readonly string[],
  descriptions: FamilyDescriptions,
): ColumnTable {
  const { family, ...rest } = columns;
  return table({
    family: pick(families, family),
    gene: pick(descriptions.gene, family),
    product: pick(descriptions.product, family),
    ...rest,
  }, [...ASSOCIATION_COLUMNS]);
}

/** The columns of the association table, in order. */
export const ASSOCIATION_COLUMNS: readonly string[] = Object.freeze([
  "family",
  "gene",
  "product",
  "pos_present",
  "neg_present",
  "pos_absent",
  "neg_absent",
  "sensitivity",
  "specificity",
  "odds_ratio",
  "p",
  "neg_log10_p",
  "p_bh",
  "p_bonferroni",
  "cmh_p",
  "cmh_odds_ratio",
]);
