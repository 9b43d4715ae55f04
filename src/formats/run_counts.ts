/**
 * Counting a run's features the way Bakta's `.txt` summary does.
 *
 * @module
 */

import type { BaktaRun } from "./model.ts";
import type { BaktaSummaryCounts } from "./summary_txt/bakta_summary.ts";

/**
 * Computes, from any {@linkcode BaktaRun}, the numbers of the `.txt` summary's `Annotation:`
 * block, counted exactly as Bakta counts them:
 *
 * - one number per feature type (`tRNAs` … `oriTs`), CRISPR arrays counted once (their repeats
 *   and spacers are parts, not features);
 * - `cdss` counts every `cds` feature, pseudogenes and hypotheticals included, sORFs excluded;
 * - `pseudogenes` counts pseudo CDSs only (a pseudo tRNA is not counted);
 * - `hypotheticals` counts hypothetical CDSs only (a hypothetical pseudogene counts in both);
 * - `signalPeptides` counts CDSs whose JSON has a `signal_peptide` block; it is set only when
 *   the run carries JSON evidence (other formats cannot tell).
 *
 * @param run The run.
 * @returns The counts.
 *
 * @example Counting a pseudogene that is also hypothetical
 * ```ts
 * import { countFeatures } from "./run_counts.ts";
 * import type { Feature } from "./model.ts";
 * const feature = (type: Feature["type"], flag: boolean): Feature => ({
 *   type, sequenceId: "c1", start: 1, stop: 9, strand: "+", edge: false, hypothetical: flag,
 *   pseudo: flag, dbXrefs: [], original: { format: "tsv", record: {} },
 * });
 * const counts = countFeatures({ mode: "genome", genome: {}, software: {}, sequences: [],
 *   features: [feature("cds", true), feature("sorf", false)], sources: [] });
 * if (counts.cdss !== 1 || counts.pseudogenes !== 1 || counts.hypotheticals !== 1) {
 *   throw new Error("pseudogenes and hypotheticals are inside CDSs");
 * }
 * if (counts.sorfs !== 1) throw new Error("sORFs are separate");
 * ```
 */
export function countFeatures(run: BaktaRun): BaktaSummaryCounts {
  const counts: BaktaSummaryCounts = {
    trnas: 0,
    tmrnas: 0,
    rrnas: 0,
    ncrnas: 0,
    ncrnaRegions: 0,
    crisprArrays: 0,
    cdss: 0,
    pseudogenes: 0,
    hypotheticals: 0,
    sorfs: 0,
    gaps: 0,
    oriCs: 0,
    oriVs: 0,
    oriTs: 0,
  };
  let signalPeptides = 0;
  let pseudogenes = 0;
  let hasEvidence = false;
  for (const feature of run.features) {
    const count = COUNT_OF_TYPE.get(feature.type);
    if (count !== undefined) counts[count]++;
    if (feature.type === "cds") {
      if (feature.pseudo) pseudogenes++;
      if (feature.hypothetical) counts.hypotheticals++;
      if (feature.evidence?.signal_peptide !== undefined) signalPeptides++;
    }
    if (feature.original.format === "json") hasEvidence = true;
  }
  counts.pseudogenes = pseudogenes;
  if (hasEvidence) counts.signalPeptides = signalPeptides;
  return counts;
}

/** The count of the `.txt` summary each feature type (`BaktaFeature.type`) adds one to. */
const COUNT_OF_TYPE: ReadonlyMap<string, TypeCount> = new Map<string, TypeCount>([
  ["tRNA", "trnas"],
  ["tmRNA", "tmrnas"],
  ["rRNA", "rrnas"],
  ["ncRNA", "ncrnas"],
  ["ncRNA-region", "ncrnaRegions"],
  ["crispr", "crisprArrays"],
  ["cds", "cdss"],
  ["sorf", "sorfs"],
  ["gap", "gaps"],
  ["oriC", "oriCs"],
  ["oriV", "oriVs"],
  ["oriT", "oriTs"],
]);

/** A count of {@linkcode BaktaSummaryCounts} that one feature type makes. */
type TypeCount = Exclude<
  keyof BaktaSummaryCounts,
  "pseudogenes" | "hypotheticals" | "signalPeptides"
>;
