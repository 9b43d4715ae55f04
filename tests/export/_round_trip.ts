/**
 * The round trip of a real Bakta run through the store, shared by the round-trip test and its
 * bench: read the run's files with our readers (the source), import the same files into a fresh
 * database, export every format, read every export back, and compare with the source — modulo
 * what each format cannot carry (docs/formats.md lists it).
 *
 * @module
 */

import assert from "node:assert/strict";
import { fromCSV } from "arquero";
import { exportAnnotation } from "../../src/export/export_annotation.ts";
import { type ExportFormat, formatRun } from "../../src/export/format_run.ts";
import { readBaktaJson } from "../../src/formats/bakta_json/read_bakta_json.ts";
import { readEmbl } from "../../src/formats/embl/read_embl.ts";
import { parseFasta } from "../../src/formats/fasta/parse_fasta.ts";
import { readGenbank } from "../../src/formats/genbank/read_genbank.ts";
import { readGff3 } from "../../src/formats/gff3/read_gff3.ts";
import type { BaktaRun, Feature } from "../../src/formats/model.ts";
import { readResultFolder } from "../../src/formats/result_folder.ts";
import { readBaktaTsv } from "../../src/formats/tsv/read_bakta_tsv.ts";
import { importRun } from "../../src/store/import_run.ts";
import { loadRun } from "../../src/store/load_run.ts";
import { listSamples, samplePath } from "../_samples.ts";
import { positionsOf, windowResidues } from "./_helpers.ts";

/** One way into the database: a run's files in one format (TSV with its `.fna`). */
export interface SampleRoute {
  /** `<folder>/<prefix>`, e.g. `v1.11.4-assembly/assembly`. */
  run: string;
  /** The source format: `json`, `gff3`, `gbff`, `embl` or `tsv+fna`. */
  route: string;
  /** The files, relative to the samples folder. */
  files: string[];
}

const ROUTE_PATTERNS: [route: string, pattern: RegExp][] = [
  ["json", /^(.+)\.json(\.gz)?$/],
  ["gff3", /^(.+)\.gff3(\.gz)?$/],
  ["gbff", /^(.+)\.gbff(\.gz)?$/],
  ["embl", /^(.+)\.embl(\.gz)?$/],
  ["tsv+fna", /^(.+)\.tsv(\.gz)?$/],
];

/**
 * Every route of every genome run in the samples folder: each run (folder and prefix) once per
 * format it has. The `bakta_proteins` run (`proteins-mode/`, no coordinates) and the side tables
 * are not genome runs; a TSV counts only with its `.fna`.
 */
export function sampleRoutes(): SampleRoute[] {
  const files = listSamples(/\.(json|gff3|gbff|embl|tsv|fna)(\.gz)?$/)
    .filter((path) =>
      !path.includes("proteins-mode/") && !/\.(hypotheticals|inference)\./.test(path)
    );
  const routes: SampleRoute[] = [];
  for (const path of files) {
    for (const [route, pattern] of ROUTE_PATTERNS) {
      const match = pattern.exec(path);
      if (match === null) continue;
      const run = match[1];
      if (route !== "tsv+fna") {
        routes.push({ run, route, files: [path] });
        continue;
      }
      const fna = files.find((f) => f === `${run}.fna` || f === `${run}.fna.gz`);
      if (fna !== undefined) routes.push({ run, route, files: [path, fna] });
    }
  }
  return routes;
}

/** What a round trip checked, for the test's own assertions. */
export interface RoundTripReport {
  /** The source run, as our readers read the files. */
  source: BaktaRun;
  /** The exports, by format. */
  exports: Record<ExportFormat, string>;
  /** Features compared per format (excluding fna, which holds sequences). */
  compared: Partial<Record<ExportFormat, number>>;
  /**
   * Per format read back by our readers, the fields of `Feature` (but `original`) that differ
   * from the source's on at least one feature: what that format cannot carry.
   */
  lost: Partial<Record<ExportFormat, string[]>>;
}

const READERS: [ExportFormat, (text: string) => BaktaRun][] = [
  ["gff3", (text) => readGff3(text, { file: "export.gff3" })],
  ["gbff", (text) => readGenbank(text, { file: "export.gbff" })],
  ["embl", (text) => readEmbl(text, { file: "export.embl" })],
  ["tsv", (text) => readBaktaTsv(text, { file: "export.tsv" })],
  ["json", (text) => readBaktaJson(text, { file: "export.json" })],
];

/** TSV product prefixes that the TSV reader takes for flags (a product cannot start with one). */
const TSV_PREFIXES = /^\((pseudo|5' truncated|3' truncated|partial)\) /;

/**
 * The round trip of one route: imports the files into a fresh in-memory database, exports the
 * annotation in every format (gff3 through `exportAnnotation`, the others with `formatRun` on the
 * same loaded run), reads each export back and asserts it carries the source's features.
 *
 * @param route The route.
 * @returns What was compared.
 */
export async function roundTrip(route: SampleRoute): Promise<RoundTripReport> {
  const paths = route.files.map(samplePath);
  const source = await readResultFolder(paths);
  await using db = await freshDatabase();
  const { annotationId } = await importRun(db, paths, { genome: "round-trip" });
  const gff3 = await exportAnnotation(db, annotationId!, "gff3");
  const run = await loadRun(db, annotationId!);
  const exports = { gff3 } as Record<ExportFormat, string>;
  for (const format of ["gbff", "embl", "fna", "ffn", "faa", "tsv", "csv", "json"] as const) {
    exports[format] = formatRun(run, format, { date: "01-JAN-2025" });
  }
  const compared: Partial<Record<ExportFormat, number>> = {};
  const lost: Partial<Record<ExportFormat, string[]>> = {};
  const label = `${route.run} from ${route.route}`;
  for (const [format, read] of READERS) {
    const back = read(exports[format]);
    assert.deepStrictEqual(
      back.features.map((f) => featureKey(f, format)),
      source.features.map((f) => featureKey(f, format)),
      `${label} → ${format}`,
    );
    compared[format] = back.features.length;
    lost[format] = lostFields(source.features, back.features);
  }
  compared.csv = checkCsv(exports.csv, source, label);
  checkFna(exports.fna, source, label);
  compared.ffn = checkFfn(exports.ffn, source, label);
  compared.faa = checkFaa(exports.faa, source, label);
  return { source, exports, compared, lost };
}

/**
 * What every format carries of a feature: sequence, type, coordinates, strand, locus tag,
 * product and the set of cross-references (the store keeps a feature's duplicates once).
 */
function featureKey(feature: Feature, format: ExportFormat | "csv"): string[] {
  let product = feature.product ?? "";
  if (format === "tsv") product = product.replace(TSV_PREFIXES, "");
  return [
    feature.sequenceId,
    feature.type,
    String(feature.start),
    String(feature.stop),
    feature.strand,
    String(feature.edge),
    feature.locusTag ?? "",
    product,
    uniqueXrefs(feature).join(";"),
  ];
}

/** The fields (but `original`) that differ between source and read-back features, sorted. */
function lostFields(source: Feature[], back: Feature[]): string[] {
  const lost = new Set<string>();
  for (let i = 0; i < source.length; i++) {
    const a = source[i] as unknown as Record<string, unknown>;
    const b = back[i] as unknown as Record<string, unknown>;
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (key !== "original" && JSON.stringify(a[key]) !== JSON.stringify(b[key])) lost.add(key);
    }
  }
  return [...lost].sort();
}

/** The CSV read by Arquero (an independent CSV reader), row by row against the source. */
function checkCsv(text: string, source: BaktaRun, label: string): number {
  const rows = fromCSV(text, { autoType: false }).objects() as Record<string, string>[];
  const back = rows.map((row) => [
    row.sequence,
    row.type,
    row.start,
    row.stop,
    row.strand,
    row.edge,
    row.locus_tag ?? "",
    row.product ?? "",
    (row.db_xrefs ?? "").split(";").filter((x) => x !== "").sort().join(";"),
  ]);
  const expected = source.features.map((f) => featureKey(f, "csv"));
  assert.deepStrictEqual(back, expected, `${label} → csv`);
  return rows.length;
}

function checkFna(text: string, source: BaktaRun, label: string): void {
  const records = parseFasta(text, { file: "export.fna" });
  assert.deepStrictEqual(
    records.map((r) => [r.id, r.sequence.length]),
    source.sequences.map((s) => [s.id, s.length]),
    `${label} → fna`,
  );
  for (const [i, sequence] of source.sequences.entries()) {
    if (sequence.nt !== undefined) {
      assert.equal(records[i].sequence, sequence.nt.toUpperCase(), `${label} → fna ${sequence.id}`);
    }
  }
}

const COMPLEMENT: Record<string, string> = { A: "T", C: "G", G: "C", T: "A", N: "N" };

/** The feature's nucleotides cut base by base from the sequence (reverse complement on `-`). */
function bruteNucleotides(feature: Feature, nt: string): string {
  const forward = windowResidues(nt.toUpperCase(), feature.start, feature.stop);
  if (feature.strand !== "-") return forward;
  return [...forward].reverse().map((base) => COMPLEMENT[base] ?? base).join("");
}

/** Each `.ffn` record of a source feature: its nucleotides as cut from the sequence. */
function checkFfn(text: string, source: BaktaRun, label: string): number {
  const byLocus = new Map(source.features.filter((f) => f.locusTag).map((f) => [f.locusTag, f]));
  const sequences = new Map(source.sequences.map((s) => [s.id, s]));
  let checked = 0;
  for (const record of parseFasta(text, { file: "export.ffn" })) {
    const feature = byLocus.get(record.id);
    if (feature === undefined) continue;
    const sequence = sequences.get(feature.sequenceId)!;
    const length = positionsOf(feature.start, feature.stop, sequence.length).size;
    assert.equal(record.sequence.length, length, `${label} → ffn ${record.id} length`);
    if (sequence.nt !== undefined) {
      assert.equal(
        record.sequence,
        bruteNucleotides(feature, sequence.nt),
        `${label} → ffn ${record.id}`,
      );
    }
    checked++;
  }
  assert.ok(checked > 0 || byLocus.size === 0, `${label} → ffn has the source's loci`);
  return checked;
}

/** Each `.faa` record is a CDS/sORF of the source, with the source's protein where it has one. */
function checkFaa(text: string, source: BaktaRun, label: string): number {
  const coding = new Map(
    source.features.filter((f) => (f.type === "cds" || f.type === "sorf") && f.locusTag)
      .map((f) => [f.locusTag, f]),
  );
  const records = parseFasta(text, { file: "export.faa" });
  for (const record of records) {
    const feature = coding.get(record.id);
    assert.ok(feature !== undefined, `${label} → faa ${record.id} is a CDS or sORF of the source`);
    if (feature.aa !== undefined) {
      assert.equal(record.sequence, feature.aa.replace(/\*$/, ""), `${label} → faa ${record.id}`);
    }
  }
  return records.length;
}

/**
 * gffutils and Biopython over many exports in one Python process: per file, its model features
 * as those tools see them. GFF3 (gffutils, `merge_strategy="error"`, so duplicate IDs fail):
 * every line but `region`, CRISPR parts and children, as `[seqid, start, end, strand, locus_tag
 * or ID, sorted Dbxref]`. GenBank (Biopython): every feature but `source`, `gene` and keys that
 * are not Bakta features, as `[record, parts (0-based, half-open, strand) in biological order,
 * locus_tag, sorted db_xref]`.
 */
export const OTHER_TOOLS_SCRIPT = `
import json, sys
out = {}
for path in sys.argv[1:]:
    rows = []
    if path.endswith(".gff3"):
        import gffutils
        text = open(path).read().partition("##FASTA\\n")[0]
        db = gffutils.create_db(text, ":memory:", from_string=True, keep_order=True,
                                merge_strategy="error")
        for f in db.all_features():
            a = f.attributes
            if f.featuretype in ("region", "crispr-repeat", "crispr-spacer") or "Parent" in a:
                continue
            name = (a.get("locus_tag") or a.get("ID") or [""])[0]
            rows.append([f.seqid, f.start, f.end, f.strand, name, sorted(a.get("Dbxref", []))])
    else:
        from Bio import SeqIO
        keys = {"CDS", "tRNA", "tmRNA", "rRNA", "ncRNA", "regulatory", "repeat_region",
                "rep_origin", "oriT", "gap", "assembly_gap"}
        for rec in SeqIO.parse(path, "genbank"):
            for f in rec.features:
                if f.type not in keys:
                    continue
                q = f.qualifiers
                parts = [[int(p.start), int(p.end), p.strand] for p in f.location.parts]
                rows.append([rec.id, parts, q.get("locus_tag", [""])[0], sorted(q.get("db_xref", []))])
    out[path] = rows
print(json.dumps(out))
`;
import { freshDatabase } from "../_fresh_database.ts";

/** The source features as gffutils must see them in the GFF3 export. */
export function expectedGffutilsRows(source: BaktaRun): unknown[] {
  const lengths = new Map(source.sequences.map((s) => [s.id, s.length]));
  return source.features.map((f) => [
    f.sequenceId,
    f.start,
    f.edge ? f.stop + lengths.get(f.sequenceId)! : f.stop,
    f.strand,
    f.locusTag ?? f.id ?? "",
    uniqueXrefs(f),
  ]);
}

/**
 * Biopython's rows reduced to the model's terms: parts put in forward order, start and stop
 * 1-based, the strand `+`/`-` (INSDC has no other).
 */
export function genbankRowsAsSpans(rows: unknown[]): unknown[] {
  return (rows as [string, [number, number, number | null][], string, string[]][]).map(
    ([record, parts, locus, xrefs]) => {
      const reverse = parts[0][2] === -1;
      const forward = reverse ? [...parts].reverse() : parts;
      return [record, forward[0][0] + 1, forward.at(-1)![1], reverse ? "-" : "+", locus, xrefs];
    },
  );
}

/** The source features as Biopython must see them in the GenBank export. */
export function expectedGenbankSpans(source: BaktaRun): unknown[] {
  return source.features.map((f) => [
    f.sequenceId,
    f.start,
    f.stop,
    f.strand === "-" ? "-" : "+",
    f.locusTag ?? "",
    uniqueXrefs(f),
  ]);
}

function uniqueXrefs(feature: Feature): string[] {
  return [...new Set(feature.dbXrefs.map(({ db, accession }) => `${db}:${accession}`))].sort();
}
