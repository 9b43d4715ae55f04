/**
 * One genome's section of the report: its facts, circular map, feature types, protein lengths and,
 * in a cohort, the gene families no other genome has.
 *
 * @module
 */

import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import { GENOME_METADATA_KEYS as K } from "../formats/genome_metadata_keys.ts";
import { genomeMetadataByName } from "../store/genome_metadata.ts";
import { featureTypesPlot } from "../plot/feature_types_plot.ts";
import { circularMapPlot } from "../plot/circular_map_plot.ts";
import { proteinLengthPlot } from "../plot/protein_length_plot.ts";
import { type GenomeMapData, genomeMapData } from "./genome_map_data.ts";
import type { UniqueFamily } from "./_cohort_section.ts";
import { figureBlock, noteBlock } from "./_figure_block.ts";
import { markup, type SafeHtml } from "./_html.ts";
import type { ReportGenome } from "./_report_genome.ts";
import { count, percent, type SummaryRow } from "./_summary_section.ts";

/** How many genome-specific families a genome section lists. */
const MAX_UNIQUE_ROWS = 15;

/** The table of a genome's own families: named products first, at most `MAX_UNIQUE_ROWS`. */
function uniqueFamiliesBlock(genome: string, uniques: readonly UniqueFamily[]): SafeHtml {
  if (uniques.length === 0) {
    return markup`<h3>Gene families found only in this genome</h3>
<p class="note">None: every gene family of ${genome} is in at least one other genome of the report.</p>`;
  }
  const hypothetical = (u: UniqueFamily) =>
    u.product === null || /^hypothetical protein$/i.test(u.product) ? 1 : 0;
  const text = (value: string | null) => value ?? "";
  const sorted = [...uniques].sort((a, b) =>
    hypothetical(a) - hypothetical(b) || (a.gene === null ? 1 : 0) - (b.gene === null ? 1 : 0) ||
    text(a.gene).localeCompare(text(b.gene)) || text(a.product).localeCompare(text(b.product)) ||
    a.family.localeCompare(b.family)
  );
  const shown = sorted.slice(0, MAX_UNIQUE_ROWS);
  const more = uniques.length - shown.length;
  return markup`<h3>Gene families found only in this genome (${
    uniques.length.toLocaleString("en-US")
  })</h3>
<div class="table-wrap"><table class="families">
<caption>${
    more > 0
      ? `The first ${shown.length} (named products first) of ${
        uniques.length.toLocaleString("en-US")
      }; the other genomes of the report lack them.`
      : "The other genomes of the report lack them."
  }</caption>
<thead><tr><th scope="col">Family</th><th scope="col" class="text">Gene</th><th scope="col" class="text">Product</th><th scope="col">Copies</th></tr></thead>
<tbody>
${
    shown.map((u) =>
      markup`<tr><th scope="row">${u.family}</th><td class="text${
        u.gene === null ? " missing" : ""
      }">${u.gene ?? "–"}</td><td class="text product">${
        u.product ?? "–"
      }</td><td>${u.copies}</td></tr>
`
    )
  }</tbody>
</table></div>`;
}

/** Genome metadata shown among the facts (BakRep genomes, or any genome with these keys). */
const METADATA_FACTS: readonly [label: string, key: string, unit?: string][] = [
  ["Source", K.source],
  ["BakRep", K.bakrepId],
  ["GTDB species", K.gtdbSpecies],
  ["MLST", K.sequenceType],
  ["Completeness", K.completeness, " %"],
  ["Contamination", K.contamination, " %"],
];

async function metadataFacts(
  db: Kysely<Database>,
  genome: string,
): Promise<[string, string | null][]> {
  const metadata = (await genomeMetadataByName(db, [genome])).get(genome) ?? {};
  return METADATA_FACTS.map(([label, key, unit = ""]) => [
    label,
    metadata[key] === undefined ? null : `${metadata[key]}${unit}`,
  ]);
}

/**
 * One genome's section: facts, circular map, feature types, protein lengths, own families.
 *
 * @param db The database.
 * @param genome The genome.
 * @param summary Its row of `genomeSummary()`.
 * @param data Its feature-type counts, protein lengths, whether to draw GC rings, and (in a
 *   cohort) the families no other genome has.
 * @returns The section.
 */
export async function genomeSection(
  db: Kysely<Database>,
  genome: ReportGenome,
  summary: SummaryRow | undefined,
  data: {
    typeCounts: readonly { genome: string; type: string; count: number }[];
    lengths: readonly number[];
    gcRings: boolean;
    uniques?: readonly UniqueFamily[];
  },
): Promise<SafeHtml> {
  const map = shortSequenceIds(
    await genomeMapData(db, genome.name, {
      annotationId: genome.annotationId,
      residues: data.gcRings,
    }),
  );
  const facts: [string, string | null][] = [
    ["Organism", genome.organism],
    ["Sequences", count(summary?.count) || null],
    ["Length", summary?.length == null ? null : `${count(summary.length)} bp`],
    ["GC", percent(summary?.gc) ? `${percent(summary?.gc)} %` : null],
    ["CDSs", count(summary?.cdss) || null],
    ["Bakta", genome.baktaVersion],
    [
      "Database",
      genome.dbVersion === null
        ? null
        : `${genome.dbVersion}${genome.dbType ? ` (${genome.dbType})` : ""}`,
    ],
    ["Annotation", `#${genome.annotationId}`],
    ...await metadataFacts(db, genome.name),
  ];
  const featureTypes = data.typeCounts.length === 0
    ? noteBlock("Feature types", "The annotation has no features.")
    : figureBlock(
      "Feature types",
      () => featureTypesPlot(data.typeCounts, { title: "Feature types", width: 600 }),
    );
  const circular = map.sequences.length === 0
    ? noteBlock("Genome map", "The annotation has no sequences.")
    : figureBlock(
      "Genome map",
      () => circularMapPlot(map, { size: 620 }),
      `From the outside in: ${
        map.sequences.length > 20 ? "the 20 longest sequences, " : "the sequences, "
      }features on the forward and reverse strands coloured by type${
        data.gcRings ? ", GC content (deviation from the mean) and GC skew" : ""
      }.`,
    );
  const proteins = data.lengths.length === 0
    ? noteBlock("Protein lengths", "No CDS has a known protein length.")
    : figureBlock(
      "Protein lengths",
      () => proteinLengthPlot(data.lengths.map((length) => ({ length })), { width: 600 }),
      `${data.lengths.length.toLocaleString("en-US")} proteins (CDSs with a translation).`,
    );
  return markup`<section class="card genome" id="${genome.anchor}" data-genome="${genome.name}">
<h2>${genome.name}</h2>
<ul class="facts">${
    facts.filter(([, value]) => value !== null)
      .map(([label, value]) => markup`<li><b>${label}</b> ${value}</li>`)
  }</ul>
<div class="figures">
${circular}
<div>${featureTypes}${proteins}</div>
</div>
${data.uniques === undefined ? "" : uniqueFamiliesBlock(genome.name, data.uniques)}
</section>`;
}

/**
 * Drops the genome's name from its sequence ids when every id starts with it (`6999-7-20_contig_3`
 * becomes `contig_3`): the section already names the genome, and long labels crowd the map.
 */
function shortSequenceIds(map: GenomeMapData): GenomeMapData {
  const prefix = [`${map.genome}_`, `${map.genome}-`, `${map.genome}.`, `${map.genome}|`]
    .find((p) =>
      map.sequences.length > 1 &&
      map.sequences.every((s) => s.id.startsWith(p) && s.id.length > p.length)
    );
  if (prefix === undefined) return map;
  const short = (id: string) => id.startsWith(prefix) ? id.slice(prefix.length) : id;
  return {
    ...map,
    sequences: map.sequences.map((s) => ({ ...s, id: short(s.id) })),
    features: map.features.map((f) => ({ ...f, sequenceId: short(f.sequenceId) })),
  };
}

/** The protein lengths of the CDSs of each annotation. */
export async function proteinLengths(
  db: Kysely<Database>,
  annotationIds: readonly number[],
): Promise<Map<number, number[]>> {
  const lengths = new Map<number, number[]>();
  if (annotationIds.length === 0) return lengths;
  const rows = await db.selectFrom("features")
    .select(["annotation_id", "aa_length"])
    .where("annotation_id", "in", annotationIds)
    .where("type", "=", "cds")
    .where("aa_length", "is not", null)
    .execute();
  for (const row of rows) {
    const list = lengths.get(row.annotation_id) ?? [];
    list.push(row.aa_length!);
    lengths.set(row.annotation_id, list);
  }
  return lengths;
}
