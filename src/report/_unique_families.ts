/**
 * The gene families each genome of a cohort alone has (the cloud of one genome).
 *
 * @module
 */

import type { ReportUniqueFamily } from "./report_model.ts";

/** The families each genome alone has, from the presence matrix, with gene and product. */
export function uniqueFamilies(
  presence: { genomes: readonly string[]; families: readonly string[]; present: boolean[][] },
  info: ReadonlyMap<string, { copies: number; gene: string | null; product: string | null }>,
): Map<string, ReportUniqueFamily[]> {
  const uniques = new Map<string, ReportUniqueFamily[]>(presence.genomes.map((g) => [g, []]));
  presence.families.forEach((family, i) => {
    const holders = presence.present.flatMap((column, g) => (column[i] ? [g] : []));
    if (holders.length !== 1) return;
    const row = info.get(family);
    uniques.get(presence.genomes[holders[0]])!.push({
      family,
      copies: Number(row?.copies ?? 1),
      gene: row?.gene ?? null,
      product: row?.product ?? null,
      xrefs: [],
    });
  });
  return uniques;
}
