/**
 * `readGff3()` against independent truths on every real GFF3 sample: a plain reference parser
 * written here (split into lines, columns, pairs and values, the way the GFF3 specification reads;
 * none of the reader's index scanning, pools or caches), and the TSV Bakta wrote for the same run.
 */

import assert from "node:assert/strict";
import { decodeInput } from "../../src/formats/decode_input.ts";
import { readGff3 } from "../../src/formats/gff3/read_gff3.ts";
import type { Gff3OriginalRecord } from "../../src/formats/gff3/gff3_feature_assembler.ts";
import type { Gff3FeatureLine } from "../../src/formats/gff3/gff3_line.ts";
import { readBaktaTsv } from "../../src/formats/tsv/read_bakta_tsv.ts";
import type { DbXref, Feature } from "../../src/formats/model.ts";
import { listSamples, readSample, reportSamples } from "../_samples.ts";

const present = reportSamples("gff3_reference_test");

/** A feature line as the reference reads it. */
interface ReferenceLine {
  seqid: string;
  source?: string;
  type: string;
  start: number;
  end: number;
  score?: number;
  strand: string;
  phase?: number;
  attributes: [string, string[]][];
}

/** The reference reading of a GFF3 text: feature lines by line number, sequences by id. */
interface ReferenceGff3 {
  lines: Map<number, ReferenceLine>;
  sequences: Map<string, string>;
}

/** `decodeURIComponent` where there is an escape. */
function decode(text: string): string {
  return text.includes("%") ? decodeURIComponent(text) : text;
}

/** Splits column 9 into pairs, tags and values; a repeated tag appends its values. */
function referenceAttributes(column: string): [string, string[]][] {
  const byTag = new Map<string, string[]>();
  if (column === ".") return [];
  for (const pair of column.split(";")) {
    if (pair.trim() === "") continue;
    const equals = pair.indexOf("=");
    const tag = decode(pair.slice(0, equals).trim());
    const values = pair.slice(equals + 1).split(",").map(decode);
    byTag.set(tag, [...(byTag.get(tag) ?? []), ...values]);
  }
  return [...byTag];
}

function referenceLine(line: string): ReferenceLine {
  const [seqid, source, type, start, end, score, strand, phase, attributes] = line.split("\t");
  return {
    seqid: decode(seqid),
    source: source === "." ? undefined : decode(source),
    type: decode(type),
    start: Number(start),
    end: Number(end),
    score: score === "." ? undefined : Number(score),
    strand,
    phase: phase === "." ? undefined : Number(phase),
    attributes: referenceAttributes(attributes),
  };
}

function referenceGff3(text: string): ReferenceGff3 {
  const lines = new Map<number, ReferenceLine>();
  const sequences = new Map<string, string>();
  const all = text.split(/\r?\n/);
  let fasta = false;
  let id = "";
  let chunks: string[] = [];
  const endSequence = () => {
    if (id !== "") sequences.set(id, chunks.join(""));
  };
  all.forEach((line, index) => {
    if (fasta) {
      if (line.startsWith(">")) {
        endSequence();
        id = line.slice(1).trim().split(/\s/)[0];
        chunks = [];
      } else chunks.push(line);
    } else if (line === "##FASTA") fasta = true;
    else if (line.trim() !== "" && !line.startsWith("#")) {
      lines.set(index + 1, referenceLine(line));
    }
  });
  endSequence();
  return { lines, sequences };
}

/** The columns of a record as the reference has them (in the reference's key order). */
function recordColumns(record: Gff3OriginalRecord): ReferenceLine {
  const { kind: _kind, line: _line, attributes, gene: _gene, children: _children, ...columns } =
    record;
  return { ...columns, attributes: [...attributes] };
}

/** Every line a feature was read from: its own, a folded gene line, child lines. */
function recordLines(feature: Feature): Gff3FeatureLine[] {
  const record = feature.original.record as Gff3OriginalRecord;
  return [record, ...(record.gene ? [record.gene] : []), ...(record.children ?? [])];
}

function splitXrefs(values: string[] | undefined): DbXref[] {
  return (values ?? []).map((value) => {
    const colon = value.indexOf(":");
    return { db: value.slice(0, colon), accession: value.slice(colon + 1) };
  });
}

const GFF3_SAMPLES = listSamples(/\.gff3(\.gz)?$/);

Deno.test({
  name: "readGff3() reads every line as a plain split of the text does, on every GFF3 sample",
  ignore: !present,
  fn() {
    assert.ok(GFF3_SAMPLES.length >= 13, GFF3_SAMPLES.join(", "));
    for (const path of GFF3_SAMPLES) {
      const text = decodeInput(readSample(path), path);
      const reference = referenceGff3(text);
      const run = readGff3(text, { file: path });
      const seen = new Set<number>();
      for (const feature of run.features) {
        for (const record of recordLines(feature)) {
          const expected = reference.lines.get(record.line);
          const actual = recordColumns(record);
          // Strings compared first (deep equality of 25,000 records takes seconds).
          if (JSON.stringify(actual) !== JSON.stringify(expected)) {
            assert.deepEqual(actual, expected, `${path} line ${record.line}`);
          }
          seen.add(record.line);
        }
        const attributes = (feature.original.record as Gff3OriginalRecord).attributes;
        const xrefs = splitXrefs(attributes.get("Dbxref"));
        if (JSON.stringify(feature.dbXrefs) !== JSON.stringify(xrefs)) {
          assert.deepEqual(feature.dbXrefs, xrefs, `${path} line ${attributes.get("ID")}`);
        }
        const locus = attributes.get("locus_tag")?.[0] ??
          (feature.original.record as Gff3OriginalRecord).gene?.attributes.get("locus_tag")?.[0];
        assert.equal(feature.locusTag, locus, path);
      }
      // Every line of a model type is some feature's record (crispr parts and genes fold in).
      for (const [line, columns] of reference.lines) {
        if (
          !["region", "gene", "pseudogene", "crispr-repeat", "crispr-spacer"].includes(columns.type)
        ) {
          if (columns.attributes.every(([tag]) => tag !== "Parent")) {
            assert.ok(seen.has(line), `${path} line ${line} (${columns.type}) is not a feature`);
          }
        }
      }
      for (const sequence of run.sequences) {
        assert.equal(sequence.nt, reference.sequences.get(sequence.id), `${path} ${sequence.id}`);
        assert.equal(sequence.length, sequence.nt?.length, `${path} ${sequence.id}`);
      }
      assert.match(run.software.bakta ?? "", /^1\.\d+\.\d+$/, path);
    }
  },
});

/** TSV-only cross-references: Pfam hits, and the SO term of a CRISPR array. */
function sharedXrefs(feature: Feature): string[] {
  return feature.dbXrefs
    .filter((x) => x.db !== "PFAM" && !(feature.type === "crispr" && x.db === "SO"))
    .map((x) => `${x.db}:${x.accession}`)
    .sort();
}

Deno.test({
  name: "readGff3() and readBaktaTsv() of the same run agree on every feature",
  ignore: !present,
  fn() {
    const pairs = listSamples(/\.gff3$/).filter((path) =>
      listSamples(/\.tsv$/).includes(path.replace(/\.gff3$/, ".tsv"))
    );
    assert.ok(pairs.length >= 3, pairs.join(", "));
    for (const path of pairs) {
      const gff3 = readGff3(readSample(path), { file: path }).features;
      const tsv = readBaktaTsv(readSample(path.replace(/\.gff3$/, ".tsv"))).features;
      assert.equal(gff3.length, tsv.length, path);
      gff3.forEach((a, i) => {
        const b = tsv[i];
        const where = `${path} feature ${i} (${a.locusTag ?? a.id})`;
        // Bakta 1.10+ writes an oriV as oriC in GFF3; truncation detail exists in TSV only.
        assert.equal(a.type, b.type === "oriV" ? "oriC" : b.type, where);
        for (const key of ["sequenceId", "start", "stop", "strand", "edge", "locusTag"] as const) {
          assert.equal(a[key], b[key], `${where}: ${key}`);
        }
        for (const key of ["gene", "product", "hypothetical", "pseudo"] as const) {
          assert.equal(a[key], b[key], `${where}: ${key}`);
        }
        assert.equal(a.truncated === undefined, b.truncated === undefined, `${where}: truncated`);
        assert.deepEqual(sharedXrefs(a), sharedXrefs(b), `${where}: dbXrefs`);
        assert.deepEqual(a.crisprParts?.length, b.crisprParts?.length, `${where}: parts`);
      });
    }
  },
});
