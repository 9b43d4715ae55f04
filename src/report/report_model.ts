/**
 * The report model: everything the HTML report shows, as plain JSON-serialisable data. Built by
 * `collectReport` (queries only) and drawn by `renderReportHtml` (no database), so the page can be
 * tested without a database and other front ends (notebooks, `baktadb report --json`) reuse it.
 *
 * @module
 */

import type { GenomeMapData } from "./genome_map_data.ts";
import type { ReportVersions } from "./report_versions.ts";
import type { AssociationHeatmapInput } from "../analysis/association_heatmap_data.ts";
import type { AssociationVolcanoRow } from "../plot/association_volcano_plot.ts";

/** A key/value fact about a genome (`genome_traits`): BakRep, GTDB-Tk, sample-sheet columns… */
export interface ReportTrait {
  /** The trait name, e.g. `gtdbtk.species` or `penicillin`. */
  key: string;
  /** The value, as text. */
  value: string | null;
}

/** A gene family found in one genome of the cohort only. */
export interface ReportUniqueFamily {
  /** The family key: UniRef90, else UniRef50, else the protein's MD5. */
  family: string;
  /** How many CDSs of the genome are in it. */
  copies: number;
  /** A gene symbol of the family, if any. */
  gene: string | null;
  /** A product of the family, if any. */
  product: string | null;
  /** Its members' functional cross-references (`COG:COG0593`, `GO:0005524`, `KEGG:K02313`, `EC:…`). */
  xrefs: string[];
}

/** One genome of the report. */
export interface ReportGenomeModel {
  /** The genome's name. */
  name: string;
  /** The page anchor of its section (`genome-1`…). */
  anchor: string;
  /** Its latest annotation. */
  annotationId: number;
  /** `Genus species strain`, from the genome or its run. */
  organism: string | null;
  /**
   * Its species (`cohortSpecies`): the `gtdbtk.species` trait when present, else the `Genus species`
   * of Bakta's organism; null when neither names one.
   */
  species: string | null;
  /** Its traits, by key. */
  traits: ReportTrait[];
  /** The Bakta version of the annotation. */
  baktaVersion: string | null;
  /** The Bakta database version. */
  dbVersion: string | null;
  /** The Bakta database type (`full`, `light`). */
  dbType: string | null;
  /** When Bakta ran, as the run says. */
  runStart: string | null;
  /** `files` (imported) or `job` (a web job). */
  source: string;
  /** When baktadb imported the annotation. */
  importedAt: string;
  /** Its row of `genomeSummary()` (the numbers of Bakta's `.txt`), or `null`. */
  summary: Record<string, string | number | null> | null;
  /** Its feature counts per type. */
  typeCounts: { genome: string; type: string; count: number }[];
  /** The protein lengths of its CDSs (aa). */
  proteinLengths: number[];
  /** What its circular map draws (residues only when GC rings are asked for). */
  map: GenomeMapData;
  /** In a cohort, the gene families no other genome of the report has; else `null`. */
  uniqueFamilies: ReportUniqueFamily[] | null;
}

/** A COG category count of a genome (`cogCategoryCounts`). */
export interface ReportCogCount {
  /** The genome. */
  genome: string;
  /** The category letter. */
  category: string;
  /** CDSs in the category. */
  count: number;
  /** CDSs with a COG category. */
  assigned: number;
  /** CDSs. */
  cdss: number;
}

/** The comparison of two genomes or more. */
export interface ReportCohortModel {
  /** Feature counts per genome and type. */
  typeCounts: { genome: string; type: string; count: number }[];
  /** COG category counts per genome. */
  cogCounts: ReportCogCount[];
  /** The gene family presence/absence matrix, every family. */
  presence: {
    /** The genomes (columns of `present`). */
    genomes: string[];
    /** The families, most shared first. */
    families: string[];
    /** A label per family: gene and product where known. */
    labels: string[];
    /** `present[g][f]`: genome `g` has family `f`. */
    present: boolean[][];
  };
  /** Gene families per pangenome class. */
  classes: { class: "core" | "soft-core" | "shell" | "cloud"; count: number }[];
  /** The species of the cohort and their genomes, the largest first; more than one is a mixed cohort. */
  species: { species: string; genomes: string[] }[];
}

/** One gene family of the report's association: its 2×2 counts and p-values. */
export interface ReportAssociationRow extends AssociationVolcanoRow {
  /** The family key (a UniRef cluster). */
  family: string;
  /** Its gene symbol, or `null`. */
  gene: string | null;
  /** The product of its first member, or `null`. */
  product: string | null;
  /** Genomes with the trait carrying the family. */
  pos_present: number;
  /** Genomes without the trait carrying it. */
  neg_present: number;
  /** Genomes with the trait lacking it. */
  pos_absent: number;
  /** Genomes without the trait lacking it. */
  neg_absent: number;
  /** −log10 of Fisher's two-sided p-value. */
  neg_log10_p: number;
  /** The Benjamini–Hochberg corrected p-value. */
  p_bh: number;
}

/** The association section of the report: which gene families go with a binary trait. */
export interface ReportAssociationModel {
  /** The trait key tested. */
  trait: string;
  /** The genomes tested. */
  genomes: string[];
  /** How many of them have the trait. */
  positives: number;
  /** Genomes of the report left out for want of a trait value. */
  leftOut: string[];
  /** Every family present in some but not all tested genomes, by p. */
  rows: ReportAssociationRow[];
  /** The presence of the strongest families in the tested genomes, for the heatmap. */
  heatmap: AssociationHeatmapInput;
}

/** The whole report. */
export interface ReportModel {
  /** The page title. */
  title: string;
  /** When the report was made (ISO 8601). */
  generatedAt: string;
  /** Whether the circular maps have GC rings. */
  gcRings: boolean;
  /** The most gene families the presence/absence figure draws; `null` for every one. */
  maxPresenceFamilies: number | null;
  /** The genomes, in report order. */
  genomes: ReportGenomeModel[];
  /** The cohort comparison, with two genomes or more; else `null`. */
  cohort: ReportCohortModel | null;
  /**
   * Gene families tested against the cohort's first binary trait (a cohort of two genomes or more
   * with such a trait); `null` or absent otherwise.
   */
  association?: ReportAssociationModel | null;
  /** The software and database versions. */
  versions: ReportVersions;
}
