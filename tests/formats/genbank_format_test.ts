import assert from "node:assert/strict";
import { readGenbank } from "../../src/formats/genbank/read_genbank.ts";
import { formatGenbank } from "../../src/formats/genbank/format_genbank.ts";
import { parseGenbank } from "../../src/formats/genbank/parse_genbank.ts";
import { formatGenbankRecord } from "../../src/formats/genbank/format_genbank_record.ts";
import { readEmbl } from "../../src/formats/embl/read_embl.ts";
import { formatEmbl } from "../../src/formats/embl/format_embl.ts";
import { readGff3 } from "../../src/formats/gff3/read_gff3.ts";
import { readBaktaJson } from "../../src/formats/bakta_json/read_bakta_json.ts";
import type { BaktaRun, Feature } from "../../src/formats/model.ts";
import { decodeInput } from "../../src/formats/decode_input.ts";
import { readSample, reportSamples } from "../_samples.ts";
import { PYTHON, pythonHas } from "../_python.ts";

const MINI = Deno.readTextFileSync(new URL("../testdata/bakta_mini.gbff", import.meta.url));
const MINI_GFF3 = Deno.readTextFileSync(new URL("../testdata/bakta_mini.gff3", import.meta.url));
const present = reportSamples("genbank_format_test");

/**
 * Bakta's GenBank/EMBL without what a model cannot give back: the dated "##Genome Annotation
 * Summary:##" block of the COMMENT, and "SOURCE      None" (Biopython's text for an unknown
 * organism; formatGenbank writes ".").
 */
function normalize(text: string): string {
  return text.replaceAll("SOURCE      None", "SOURCE      .").split("\n").filter((line) =>
    line !== "            " && line !== "CC   " &&
    !line.includes("##Genome Annotation Summary:##") &&
    !/^(CC {3}| {12})[A-Za-z/ ]+ +:: /.test(line)
  ).join("\n");
}

function modelOf(run: BaktaRun) {
  return {
    features: run.features.map(({ original: _, ...rest }) => rest),
    sequences: run.sequences,
    software: run.software,
  };
}

/** What GenBank and EMBL can say about a feature read from another format. */
function insdcView(feature: Feature) {
  return {
    type: feature.type === "oriV" ? "oriC" : feature.type,
    sequenceId: feature.sequenceId,
    start: feature.start,
    stop: feature.stop,
    strand: feature.strand,
    edge: feature.edge,
    locusTag: feature.locusTag,
    gene: feature.gene,
    product: feature.type === "gap" ? undefined : feature.product,
    pseudo: feature.pseudo,
    hypothetical: feature.hypothetical,
    dbXrefs: feature.dbXrefs,
    // Bakta writes no /translation for a pseudogene.
    aa: feature.pseudo ? undefined : feature.aa,
  };
}

Deno.test("formatGenbank() round-trips the fixture through readGenbank()", () => {
  const run = readGenbank(MINI);
  const text = formatGenbank(run, { date: "30-NOV-2025" });
  assert.deepEqual(modelOf(readGenbank(text)), modelOf(run));
  assert.ok(text.split("\n").every((line) => line.length <= 80), "lines of at most 80 characters");
});

Deno.test("formatGenbankRecord() writes back what parseGenbank() read", () => {
  for (const record of parseGenbank(MINI)) {
    const [again] = parseGenbank(formatGenbankRecord(record));
    const strip = (r: typeof record) => ({
      ...r,
      line: 0,
      features: r.features.map((f) => ({ ...f, line: 0 })),
    });
    assert.deepEqual(strip(again), strip(record));
  }
});

Deno.test("formatGenbank() and formatEmbl() carry a GFF3 run's features over", () => {
  const run = readGff3(MINI_GFF3);
  for (
    const [name, back] of [
      ["genbank", readGenbank(formatGenbank(run, { date: "30-NOV-2025" }))],
      ["embl", readEmbl(formatEmbl(run))],
    ] as const
  ) {
    assert.deepEqual(back.features.map(insdcView), run.features.map(insdcView), name);
    assert.deepEqual(
      back.features.map((f) => f.truncated),
      run.features.map((f) => f.truncated),
      `${name}: truncation of unknown end is written as /pseudo without partial markers`,
    );
    assert.deepEqual(
      back.sequences.map((s) => [s.id, s.length, s.topology, s.nt]),
      run.sequences.map((s) => [s.id, s.length, s.topology, s.nt]),
      name,
    );
  }
});

Deno.test("formatEmbl() round-trips the fixture through readEmbl()", () => {
  const run = readGenbank(MINI);
  const text = formatEmbl(run);
  assert.deepEqual(modelOf(readEmbl(text)), modelOf(run));
  assert.ok(text.split("\n").every((line) => line.length <= 80));
});

Deno.test({
  name: "formatGenbank() and formatEmbl() rewrite Bakta's files but for the annotation summary",
  ignore: !present,
  fn() {
    for (
      const [file, read, format] of [
        [
          "v1.11.4-assembly/assembly.gbff",
          readGenbank,
          (run: BaktaRun) => formatGenbank(run, { date: "30-SEP-2025" }),
        ],
        [
          "v1.8.1-origin-spanning/TEST_6.gbff",
          readGenbank,
          (run: BaktaRun) => formatGenbank(run, { date: "02-JUN-2023" }),
        ],
        ["v1.11.4-assembly/assembly.embl", readEmbl, formatEmbl],
      ] as const
    ) {
      const bakta = decodeInput(readSample(file));
      const ours = format(read(bakta));
      // Bakta's COMMENT ends with a dated "##Genome Annotation Summary:##" block that a model
      // cannot reproduce, and Biopython wrote "SOURCE      None" for an unknown organism.
      const a = normalize(bakta).split("\n");
      const b = ours.split("\n");
      assert.deepEqual(b, a, file);
    }
  },
});

Deno.test({
  name: "formatGenbank() of a run read from JSON is Bakta's own GenBank but for the oriV note",
  ignore: !present,
  fn() {
    for (
      const [prefix, date] of [
        ["v1.11.4-assembly/assembly", "30-SEP-2025"],
        ["v1.8.1-origin-spanning/TEST_6", "02-JUN-2023"],
      ]
    ) {
      const run = readBaktaJson(readSample(`${prefix}.json`));
      const ours = formatGenbank(run, { date }).split("\n");
      const bakta = normalize(decodeInput(readSample(`${prefix}.gbff`))).split("\n");
      // formatGenbank adds /note="oriV" before an oriV's product note (Bakta writes oriC and oriV
      // alike), so that the type survives a round trip; nothing else differs.
      const oriV = ours.findIndex((line) => line.trim() === '/note="oriV"');
      if (oriV >= 0) ours.splice(oriV, 1);
      assert.equal(oriV >= 0, prefix.endsWith("assembly"), prefix);
      assert.deepEqual(ours, bakta, prefix);
    }
  },
});

Deno.test({
  name: "formatGenbank() of a run read from JSON carries every feature over",
  ignore: !present,
  fn() {
    const run = readBaktaJson(readSample("v1.11.4-assembly/assembly.json"));
    const back = readGenbank(formatGenbank(run));
    assert.deepEqual(
      back.features.map((f) => ({ ...insdcView(f), truncated: f.truncated })),
      run.features.map((f) => ({ ...insdcView(f), truncated: f.truncated })),
    );
  },
});

const biopython = pythonHas("genbank_format_test", "Bio");

const BIOPYTHON_DUMP = `
import sys, json
from Bio import SeqIO
out = []
for record in SeqIO.parse(sys.argv[1], sys.argv[2]):
    for f in record.features:
        if f.type in ("source", "gene"):
            continue
        loc = f.location
        out.append({
            "record": record.id, "length": len(record.seq), "type": f.type,
            "parts": [[int(p.start), int(p.end), p.strand] for p in loc.parts],
            "start": int(loc.start), "end": int(loc.end),
            "text": str(loc),
            "locus_tag": f.qualifiers.get("locus_tag", [None])[0],
            "product": f.qualifiers.get("product", [None])[0],
            "translation": f.qualifiers.get("translation", [None])[0],
        })
json.dump(out, sys.stdout)
`;

interface BiopythonFeature {
  record: string;
  length: number;
  type: string;
  parts: [number, number, number | null][];
  start: number;
  end: number;
  text: string;
  locus_tag: string | null;
  product: string | null;
  translation: string | null;
}

function biopythonRead(text: string, format: "genbank" | "embl"): BiopythonFeature[] {
  const path = Deno.makeTempFileSync({ suffix: format === "embl" ? ".embl" : ".gbff" });
  try {
    Deno.writeTextFileSync(path, text);
    const { code, stdout, stderr } = new Deno.Command(PYTHON, {
      args: ["-c", BIOPYTHON_DUMP, path, format],
    }).outputSync();
    assert.equal(code, 0, new TextDecoder().decode(stderr));
    return JSON.parse(new TextDecoder().decode(stdout));
  } finally {
    Deno.removeSync(path);
  }
}

/**
 * Checks Biopython's reading of our output against the model. What Biopython does with an
 * origin-spanning `complement(join(971..1330,1..141))`: a CompoundLocation whose parts are in
 * biological order, [0:141](-) then [970:1330](-), and whose `.start`/`.end` are 0 and 1330 (the
 * smallest and largest coordinate, i.e. the whole plasmid): a consumer that uses `.start`/`.end`
 * alone sees a feature covering the whole sequence.
 */
function checkWithBiopython(run: BaktaRun, format: "genbank" | "embl") {
  const text = format === "genbank" ? formatGenbank(run) : formatEmbl(run);
  const read = biopythonRead(text, format);
  assert.equal(read.length, run.features.length, "one Biopython feature per model feature");
  // A location without complement(…) is the forward strand for Biopython too: INSDC cannot write
  // Bakta's "?" (CRISPR arrays, origins) or "." (gaps).
  const strand = (s: string) => (s === "-" ? -1 : 1);
  run.features.forEach((feature, i) => {
    const bio = read[i];
    const where = `${feature.locusTag ?? feature.type} ${feature.start}..${feature.stop}`;
    assert.equal(bio.record, feature.sequenceId, where);
    if (feature.locusTag !== undefined) assert.equal(bio.locus_tag, feature.locusTag, where);
    if (feature.edge) {
      const forward: [number, number, number | null][] = [
        [feature.start - 1, bio.length, strand(feature.strand)],
        [0, feature.stop, strand(feature.strand)],
      ];
      assert.deepEqual(bio.parts, feature.strand === "-" ? forward.reverse() : forward, where);
      assert.deepEqual([bio.start, bio.end], [0, bio.length], where);
    } else {
      assert.deepEqual(
        bio.parts,
        [[feature.start - 1, feature.stop, strand(feature.strand)]],
        where,
      );
    }
    if (feature.aa !== undefined && !feature.pseudo) {
      assert.equal(bio.translation, feature.aa, where);
    }
    if (bio.product !== null) assert.equal(bio.product, feature.product, where);
  });
  return read;
}

Deno.test({
  name: "formatGenbank() and formatEmbl() output reads back in Biopython with the same locations",
  ignore: !biopython,
  fn() {
    const run = readGenbank(MINI);
    const read = checkWithBiopython(run, "genbank");
    const edge = read.find((f) => f.locus_tag === "MINI_005")!;
    assert.equal(edge.text, "join{[0:141](-), [970:1330](-)}");
    checkWithBiopython(run, "embl");
    checkWithBiopython(readGff3(MINI_GFF3), "genbank");
  },
});

Deno.test({
  name: "formatGenbank() output of real runs reads back in Biopython with the same locations",
  ignore: !biopython || !present,
  fn() {
    checkWithBiopython(readBaktaJson(readSample("v1.8.1-origin-spanning/TEST_6.json")), "genbank");
    checkWithBiopython(readBaktaJson(readSample("v1.11.4-assembly/assembly.json")), "genbank");
    checkWithBiopython(readGff3(readSample("v1.9.4-efaecalis-CI-8050/CI-8050.gff3")), "genbank");
  },
});
