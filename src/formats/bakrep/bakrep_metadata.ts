/**
 * Turning what BakRep knows about a genome (its id, GTDB-Tk taxonomy, CheckM2 quality, MLST typing,
 * assembly statistics) into genome metadata: text values under the keys of
 * {@linkcode GENOME_METADATA_KEYS}.
 *
 * @module
 */

import {
  BAKREP_SOURCE,
  GENOME_METADATA_KEYS as K,
  GTDB_RANK_KEYS as RANK_KEYS,
} from "../genome_metadata_keys.ts";
import type { AssemblyStatistics } from "./read_assembly_scan_json.ts";
import type { Checkm2Quality } from "./read_checkm2_json.ts";
import type { GtdbtkClassification } from "./read_gtdbtk_json.ts";
import type { MlstTyping } from "./read_mlst_json.ts";

/** What is known of a BakRep genome; every part is optional. */
export interface BakrepFacts {
  /** The dataset id. */
  id?: string;
  /** The GTDB-Tk classification. */
  gtdbtk?: GtdbtkClassification;
  /** The CheckM2 quality. */
  checkm2?: Checkm2Quality;
  /** The MLST typing. */
  mlst?: MlstTyping;
  /** The assembly statistics. */
  assembly?: AssemblyStatistics;
}

/**
 * The genome metadata of a BakRep genome: `source=bakrep`, `bakrep.id`, the GTDB ranks, method and
 * reference, CheckM2 completeness and contamination, the MLST scheme, sequence type and alleles
 * (`locus(allele)` pairs separated by spaces), and assembly length, contigs, N50 and GC percent.
 * Parts that are absent give no keys.
 *
 * @param facts What is known.
 * @returns Metadata key → text value.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { bakrepMetadata } from "./bakrep_metadata.ts";
 * const m = bakrepMetadata({
 *   id: "S1",
 *   checkm2: { completeness: 99.5, contamination: 0.1 },
 *   mlst: { scheme: "spneumoniae", sequenceType: "180", alleles: [["aroE", "7"], ["gdh", "11"]] },
 * });
 * assert.deepEqual(m, {
 *   "source": "bakrep", "bakrep.id": "S1",
 *   "checkm2.completeness": "99.5", "checkm2.contamination": "0.1",
 *   "mlst.scheme": "spneumoniae", "mlst.sequence_type": "180", "mlst.alleles": "aroE(7) gdh(11)",
 * });
 * ```
 */
export function bakrepMetadata(facts: BakrepFacts): Record<string, string> {
  const metadata: Record<string, string> = { [K.source]: BAKREP_SOURCE };
  if (facts.id !== undefined) metadata[K.bakrepId] = facts.id;
  const { gtdbtk, checkm2, mlst, assembly } = facts;
  if (gtdbtk !== undefined) {
    for (const [rank, key] of Object.entries(RANK_KEYS)) {
      const taxon = gtdbtk.taxonomy[rank as keyof typeof RANK_KEYS];
      if (taxon !== undefined) metadata[key] = taxon;
    }
    if (gtdbtk.method !== undefined) metadata[K.gtdbMethod] = gtdbtk.method;
    if (gtdbtk.reference !== undefined) metadata[K.gtdbReference] = gtdbtk.reference;
  }
  if (checkm2 !== undefined) {
    metadata[K.completeness] = String(checkm2.completeness);
    metadata[K.contamination] = String(checkm2.contamination);
  }
  if (mlst !== undefined) {
    metadata[K.mlstScheme] = mlst.scheme;
    metadata[K.sequenceType] = mlst.sequenceType;
    metadata[K.mlstAlleles] = mlst.alleles.map(([locus, allele]) => `${locus}(${allele})`).join(
      " ",
    );
  }
  if (assembly !== undefined) {
    metadata[K.assemblyLength] = String(assembly.length);
    metadata[K.assemblyContigs] = String(assembly.contigs);
    metadata[K.assemblyN50] = String(assembly.n50);
    metadata[K.assemblyGc] = String(assembly.gc);
  }
  return metadata;
}
