/**
 * The association part of the report model: the cohort's first binary trait, and every gene family
 * tested against it (queries only; `_association_section.ts` draws it).
 *
 * @module
 */

import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import { associationHeatmapData } from "../analysis/association_heatmap_data.ts";
import { readBinaryTrait } from "../analysis/binary_trait.ts";
import { traitAssociation } from "../analysis/trait_association.ts";
import { listTraits } from "../store/traits_repository.ts";
import type { ReportAssociationModel, ReportAssociationRow } from "./report_model.ts";

/** How many of the strongest families the report's heatmap shows. */
export const REPORT_ASSOCIATION_TOP = 25;

/**
 * The first trait (by key) that the genomes carry as a binary value with both values present:
 * every value reads as yes/no (or is missing), and at least one genome has each.
 *
 * @param db The database.
 * @param names The genomes.
 * @returns The trait key, or undefined when none is binary.
 */
export async function binaryTraitOf(
  db: Kysely<Database>,
  names: readonly string[],
): Promise<string | undefined> {
  const byKey = new Map<string, (string | null)[]>();
  for (const t of await listTraits(db, { genomes: names })) {
    byKey.set(t.key, [...(byKey.get(t.key) ?? []), t.value]);
  }
  for (const [key, values] of [...byKey].sort(([a], [b]) => (a < b ? -1 : 1))) {
    try {
      const read = values.map((v) => readBinaryTrait(v));
      if (read.includes(true) && read.includes(false)) return key;
    } catch {
      continue; // not binary
    }
  }
  return undefined;
}

/**
 * Tests the genomes' gene families against their first binary trait, for the report.
 *
 * @param db The database.
 * @param names The genomes of the report.
 * @returns The association model, or `null` when no trait is binary or no family varies.
 */
export async function collectAssociation(
  db: Kysely<Database>,
  names: readonly string[],
): Promise<ReportAssociationModel | null> {
  const trait = await binaryTraitOf(db, names);
  if (trait === undefined) return null;
  const result = await traitAssociation(db, { trait, genomes: names });
  if (result.table.numRows() === 0) return null;
  const heatmap = await associationHeatmapData(db, result, { top: REPORT_ASSOCIATION_TOP });
  const rows = result.table.objects().map((row): ReportAssociationRow => {
    const r = row as Record<string, unknown>;
    return {
      family: String(r.family),
      gene: (r.gene ?? null) as string | null,
      product: (r.product ?? null) as string | null,
      pos_present: Number(r.pos_present),
      neg_present: Number(r.neg_present),
      pos_absent: Number(r.pos_absent),
      neg_absent: Number(r.neg_absent),
      neg_log10_p: Number(r.neg_log10_p),
      p_bh: Number(r.p_bh),
    };
  });
  return {
    trait,
    genomes: result.genomes,
    positives: result.positives,
    leftOut: result.leftOut,
    rows,
    heatmap,
  };
}
