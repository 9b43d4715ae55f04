/**
 * The keys under which facts about a genome that do not come from its Bakta run are stored as genome
 * traits (`genome_traits.key`): BakRep provenance, GTDB-Tk taxonomy, CheckM2 quality, MLST typing and
 * assembly statistics. Sample-sheet columns are stored under their own column names beside these.
 *
 * @module
 */

/** Trait keys of genome metadata, one name per fact. Values are stored as text. */
export const GENOME_METADATA_KEYS = Object.freeze(
  {
    /** Where the genome came from: `bakrep` for a BakRep dataset; absent for the lab's own runs. */
    source: "source",
    /** The BakRep dataset id, e.g. `SAMEA3231284`. */
    bakrepId: "bakrep.id",
    /** GTDB-Tk taxonomy, one key per rank, without the `d__`… prefixes. */
    gtdbDomain: "gtdbtk.domain",
    gtdbPhylum: "gtdbtk.phylum",
    gtdbClass: "gtdbtk.class",
    gtdbOrder: "gtdbtk.order",
    gtdbFamily: "gtdbtk.family",
    gtdbGenus: "gtdbtk.genus",
    gtdbSpecies: "gtdbtk.species",
    /** How GTDB-Tk classified the genome (e.g. `ani_screen`, `taxonomic classification …`). */
    gtdbMethod: "gtdbtk.method",
    /** The GTDB reference genome the classification rests on, when there is one. */
    gtdbReference: "gtdbtk.reference",
    /** CheckM2 completeness, percent (0–100). */
    completeness: "checkm2.completeness",
    /** CheckM2 contamination, percent. */
    contamination: "checkm2.contamination",
    /** The MLST scheme, e.g. `spneumoniae`. */
    mlstScheme: "mlst.scheme",
    /** The MLST sequence type (a number as text, or `-` when none was assigned). */
    sequenceType: "mlst.sequence_type",
    /** The MLST alleles as `locus(allele)` pairs separated by spaces, e.g. `aroE(7) gdh(11)`. */
    mlstAlleles: "mlst.alleles",
    /** Assembly statistics (assembly-scan): total length in bp, contigs, N50 in bp, GC percent. */
    assemblyLength: "assembly.length",
    assemblyContigs: "assembly.contigs",
    assemblyN50: "assembly.n50",
    assemblyGc: "assembly.gc",
  } as const,
);

/** The value of {@linkcode GENOME_METADATA_KEYS}`.source` for genomes fetched or imported from BakRep. */
export const BAKREP_SOURCE = "bakrep";

/**
 * The GTDB ranks, by the name GTDB-Tk gives them, mapped to their trait keys; also the short names
 * a `--where` clause accepts for them (`species~pneumoniae`).
 */
export const GTDB_RANK_KEYS = Object.freeze(
  {
    domain: GENOME_METADATA_KEYS.gtdbDomain,
    phylum: GENOME_METADATA_KEYS.gtdbPhylum,
    class: GENOME_METADATA_KEYS.gtdbClass,
    order: GENOME_METADATA_KEYS.gtdbOrder,
    family: GENOME_METADATA_KEYS.gtdbFamily,
    genus: GENOME_METADATA_KEYS.gtdbGenus,
    species: GENOME_METADATA_KEYS.gtdbSpecies,
  } as const,
);
