/**
 * A minimal GFF3 writer for factory runs, in Bakta's layout, so that tests can write real GFF3
 * files. The project's full writer (`src/formats/gff3/`) is the one to use for anything else.
 *
 * @module
 */

import type { BaktaRun, Feature } from "../../formats/model.ts";

/** GFF3 type and source of each feature type, as Bakta writes them. */
const GFF3_TYPES: Readonly<Record<string, [type: string, source: string]>> = {
  cds: ["CDS", "Pyrodigal"],
  sorf: ["CDS", "Bakta"],
  tRNA: ["tRNA", "tRNAscan-SE"],
  tmRNA: ["tmRNA", "Aragorn"],
  rRNA: ["rRNA", "Infernal"],
  ncRNA: ["ncRNA", "Infernal"],
  "ncRNA-region": ["regulatory_region", "Infernal"],
  crispr: ["CRISPR", "PILER-CR"],
  gap: ["gap", "Bakta"],
  oriC: ["oriC", "BLAST+"],
  oriV: ["oriV", "BLAST+"],
  oriT: ["oriT", "BLAST+"],
};

/** Percent-encodes the characters GFF3 reserves in attribute values. */
function encode(value: string): string {
  return value.replace(/[%;=&,\t\n\r]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function attributes(pairs: [string, string | undefined][]): string {
  return pairs.filter(([, v]) => v !== undefined && v !== "").map(([k, v]) => `${k}=${v}`).join(
    ";",
  );
}

/**
 * Writes a run as Bakta-style GFF3: the header comments, a `##sequence-region` and a `region` line
 * per sequence, one line per feature (origin-spanning features with end = stop + length, CRISPR
 * arrays with `crispr-repeat`/`crispr-spacer` children) and a `##FASTA` section when the
 * sequences have residues.
 *
 * @param run The run (`mode: "genome"`).
 * @returns The GFF3 text.
 * @throws {TypeError} For a `proteins` run (it has no coordinates).
 *
 * @example
 * ```ts
 * import { makeRun } from "./make_run.ts";
 * import { formatRunAsGff3 } from "./format_run_as_gff3.ts";
 * const text = formatRunAsGff3(makeRun({ seed: 1, sequences: 1, featuresPerSequence: 5 }));
 * if (!text.startsWith("##gff-version 3") || !text.includes("##FASTA")) throw new Error("bad");
 * ```
 */
export function formatRunAsGff3(run: BaktaRun): string {
  if (run.mode === "proteins") {
    throw new TypeError("Cannot write a proteins run as GFF3: its features have no coordinates");
  }
  const lines: string[] = [
    "##gff-version 3",
    "##feature-ontology https://github.com/The-Sequence-Ontology/SO-Ontologies/blob/v3.1/so.obo",
    "# Annotated with Bakta",
    `# Software: v${run.software.bakta ?? "?"}`,
    `# Database: v${run.software.db ?? "?"}, ${run.software.dbType ?? "full"}`,
    "# DOI: 10.1099/mgen.0.000685",
    "# URL: github.com/oschwengers/bakta",
  ];
  const lengths = new Map(run.sequences.map((s) => [s.id, s.length]));
  for (const sequence of run.sequences) {
    lines.push(`##sequence-region ${sequence.id} 1 ${sequence.length}`);
    lines.push(
      [
        sequence.id,
        "Bakta",
        "region",
        "1",
        String(sequence.length),
        ".",
        "+",
        ".",
        attributes([
          ["ID", encode(sequence.id)],
          ["Name", encode(sequence.id)],
          ["Is_circular", sequence.topology === "circular" ? "true" : undefined],
        ]),
      ].join("\t"),
    );
    for (const feature of run.features) {
      if (feature.sequenceId === sequence.id) lines.push(...featureLines(feature, lengths));
    }
  }
  if (run.sequences.length > 0 && run.sequences.every((s) => s.nt !== undefined)) {
    lines.push("##FASTA");
    for (const sequence of run.sequences) {
      lines.push(`>${sequence.id}${sequence.description ? ` ${sequence.description}` : ""}`);
      for (let i = 0; i < sequence.nt!.length; i += 60) lines.push(sequence.nt!.slice(i, i + 60));
    }
  }
  return lines.join("\n") + "\n";
}

function featureLines(feature: Feature, lengths: Map<string, number>): string[] {
  const [type, source] = GFF3_TYPES[feature.type];
  const end = feature.edge ? feature.stop + (lengths.get(feature.sequenceId) ?? 0) : feature.stop;
  const id = feature.locusTag ?? feature.id ?? `${feature.sequenceId}_${feature.start}`;
  const xrefs = feature.dbXrefs.map((x) => encode(`${x.db}:${x.accession}`)).join(",");
  const attrs = attributes([
    ["ID", encode(id)],
    ["Name", feature.product !== undefined ? encode(feature.product) : undefined],
    ["locus_tag", feature.locusTag !== undefined ? encode(feature.locusTag) : undefined],
    ["product", feature.product !== undefined ? encode(feature.product) : undefined],
    ["Dbxref", xrefs || undefined],
    ["pseudo", feature.pseudo ? "True" : undefined],
    ["gene", feature.gene !== undefined ? encode(feature.gene) : undefined],
  ]);
  const isCds = feature.type === "cds" || feature.type === "sorf";
  const lines = [
    [
      feature.sequenceId,
      source,
      type,
      feature.start,
      end,
      ".",
      feature.strand,
      isCds ? "0" : ".",
      attrs,
    ].join("\t"),
  ];
  let repeat = 0;
  let spacer = 0;
  for (const part of feature.crisprParts ?? []) {
    const n = part.kind === "repeat" ? ++repeat : ++spacer;
    lines.push(
      [
        feature.sequenceId,
        source,
        `crispr-${part.kind}`,
        part.start,
        part.stop,
        ".",
        part.strand,
        ".",
        attributes([
          ["ID", encode(`${id}_${part.kind}_${n}`)],
          ["Parent", encode(id)],
          ["sequence", part.nt],
        ]),
      ].join("\t"),
    );
  }
  return lines;
}
