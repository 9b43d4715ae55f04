/**
 * Writing the proteins of a run's CDSs and sORFs as FASTA (Bakta's `.faa`).
 *
 * @module
 */

import { formatFasta } from "../formats/fasta/format_fasta.ts";
import type { BaktaRun, Feature } from "../formats/model.ts";
import { featureNucleotides } from "./feature_nucleotides.ts";
import { featureFastaId } from "./format_ffn.ts";
import { translateCds, type TranslationTable } from "./translate_cds.ts";

/** Options of {@linkcode formatFaa}. */
export interface FormatFaaOptions {
  /**
   * Residues per line; `0` writes each protein on one line, as Bakta does.
   * @default 0
   */
  lineWidth?: number;
  /**
   * The translation table for proteins that are not stored.
   * @default the run's (`genome.translationTable`), else 11
   */
  translationTable?: TranslationTable;
}

/**
 * The protein of a CDS or sORF: the stored one (Bakta JSON `aa`, GenBank/EMBL `/translation`),
 * else the translation of its nucleotides (see {@linkcode translateCds}; the first codon is taken
 * as a real start unless the CDS is 5′-truncated) — for a pseudogene too, as Bakta's `.faa` has
 * it (internal stops then show as `*`). Features whose nucleotides are unknown have none.
 *
 * @param feature The feature (of any type: only `cds` and `sorf` have a protein).
 * @param run The run (for the sequence residues and the translation table).
 * @param table The translation table; default the run's, else 11.
 * @returns The protein, or `undefined`.
 *
 * @example The stored protein wins; else the translation
 * ```ts
 * import assert from "node:assert/strict";
 * import { featureProtein } from "./format_faa.ts";
 * const run = {
 *   mode: "genome" as const, genome: {}, software: {}, sources: [], features: [],
 *   sequences: [{ id: "c1", length: 9, nt: "GTGAAATGA" }],
 * };
 * const cds = { type: "cds" as const, sequenceId: "c1", start: 1, stop: 9, strand: "+" as const,
 *   edge: false, hypothetical: false, pseudo: false, dbXrefs: [],
 *   original: { format: "tsv" as const, record: {} } };
 * assert.equal(featureProtein(cds, run), "MK");
 * assert.equal(featureProtein({ ...cds, aa: "MQ" }, run), "MQ");
 * assert.equal(featureProtein({ ...cds, type: "tRNA" }, run), undefined);
 * ```
 */
export function featureProtein(
  feature: Feature,
  run: BaktaRun,
  table?: TranslationTable,
): string | undefined {
  if (feature.type !== "cds" && feature.type !== "sorf") return undefined;
  if (feature.aa !== undefined && feature.aa !== "") return feature.aa;
  const sequence = run.sequences.find((s) => s.id === feature.sequenceId);
  const nt = featureNucleotides(feature, sequence);
  if (nt === undefined) return undefined;
  const runTable = run.genome.translationTable === 4 ? 4 : 11;
  return translateCds(nt, {
    table: table ?? runTable,
    start: feature.truncated !== "5-prime" && feature.truncated !== "both",
  });
}

/**
 * Writes the proteins of the run's CDSs and sORFs as Bakta's `.faa` does: `>locus product` and
 * the protein on one line, in feature order. See {@linkcode featureProtein} for where each
 * protein comes from; CDSs without one are left out.
 *
 * @param run The run.
 * @param options Line width and translation table.
 * @returns The FASTA text.
 *
 * @example Translated from the residues
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatFaa } from "./format_faa.ts";
 * const text = formatFaa({
 *   mode: "genome", genome: { translationTable: 11 }, software: {}, sources: [],
 *   sequences: [{ id: "c1", length: 12, nt: "TTACTTCATCCC" }],
 *   features: [{ type: "cds", sequenceId: "c1", start: 1, stop: 9, strand: "-", edge: false,
 *     locusTag: "X_1", product: "demo", hypothetical: false, pseudo: false, dbXrefs: [],
 *     original: { format: "tsv", record: {} } }],
 * });
 * assert.equal(text, ">X_1 demo\nMK\n");
 * ```
 */
export function formatFaa(run: BaktaRun, options: FormatFaaOptions = {}): string {
  const { lineWidth = 0, translationTable } = options;
  if (translationTable !== undefined && translationTable !== 11 && translationTable !== 4) {
    throw new RangeError(
      `Invalid option "translationTable": ${JSON.stringify(translationTable)} is not 11 or 4`,
    );
  }
  const records = [];
  for (const feature of run.features) {
    const aa = featureProtein(feature, run, translationTable);
    if (aa === undefined) continue;
    records.push({ id: featureFastaId(feature), description: feature.product, sequence: aa });
  }
  return formatFasta(records, { lineWidth });
}
