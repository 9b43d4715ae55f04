import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { ParseError } from "../../src/formats/parse_error.ts";
import { readGff3 } from "../../src/formats/gff3/read_gff3.ts";
import { parseGff3 } from "../../src/formats/gff3/parse_gff3.ts";
import {
  Gff3FeatureAssembler,
  type Gff3OriginalRecord,
} from "../../src/formats/gff3/gff3_feature_assembler.ts";
import type { Feature } from "../../src/formats/model.ts";
import { readSample, reportSamples } from "../_samples.ts";

const MINI = Deno.readTextFileSync(new URL("../testdata/bakta_mini.gff3", import.meta.url));
const present = reportSamples("gff3_read_test");

function byLocus(features: Feature[], locus: string): Feature {
  const feature = features.find((f) => f.locusTag === locus);
  assert.ok(feature, `no feature ${locus}`);
  return feature;
}

Deno.test("readGff3() maps Bakta's GFF3 types to model types", () => {
  const run = readGff3(MINI, { file: "bakta_mini.gff3" });
  assert.deepEqual(run.features.map((f) => [f.type, f.start, f.stop, f.strand, f.edge]), [
    ["cds", 1, 90, "+", false],
    ["oriC", 95, 150, "?", false],
    ["cds", 200, 340, "+", false],
    ["ncRNA-region", 400, 450, "-", false],
    ["crispr", 500, 600, "?", false],
    ["sorf", 700, 759, "-", false],
    ["tRNA", 800, 872, "+", false],
    ["gap", 900, 919, ".", false],
    ["cds", 971, 141, "-", true],
    ["rRNA", 10, 400, "+", false],
  ]);
});

Deno.test("readGff3() reads attributes into the model", () => {
  const run = readGff3(MINI, { file: "bakta_mini.gff3" });
  const first = byLocus(run.features, "MINI_001");
  assert.equal(first.product, "RepB family, replication initiator", "percent-decoded");
  assert.equal(first.gene, "repB");
  assert.deepEqual(first.dbXrefs, [
    { db: "SO", accession: "0001217" },
    { db: "UniRef", accession: "UniRef90_UPI003365312D" },
  ]);
  assert.equal(first.id, undefined, "the ID is the locus tag");
  assert.equal(first.pseudo, false, "1.11: pseudo=True marks a truncated CDS");
  assert.equal(first.truncated, "?");
  const pseudogene = byLocus(run.features, "MINI_002");
  assert.equal(pseudogene.pseudo, true);
  assert.equal(pseudogene.hypothetical, true);
  assert.equal(pseudogene.truncated, undefined);
  const original = pseudogene.original.record as Gff3OriginalRecord;
  assert.deepEqual(original.children?.map((child) => child.type), ["signal_peptide"]);
  assert.equal(original.attributes.get("pseudogene")?.[0], "unitary");
  assert.deepEqual(
    first.original.record,
    parseGff3(MINI).find((line) =>
      line.kind === "feature" && line.attributes.get("ID")?.[0] === "MINI_001"
    ),
    "the original record is the parsed line",
  );
  assert.deepEqual(
    JSON.parse(JSON.stringify(original)).attributes.pseudogene,
    ["unitary"],
    "the attributes survive JSON",
  );
  assert.equal(byLocus(run.features, "MINI_004").pseudo, true, "pseudogene=unknown on a tRNA");
  const origin = run.features[1];
  assert.deepEqual([origin.id, origin.product], ["MININBEGN_95", "origin of replication"]);
  const gap = run.features[7];
  assert.equal(gap.product, undefined, "Bakta makes up a gap's product from its length");
  const rrna = byLocus(run.features, "MINI_006");
  assert.equal(rrna.gene, "rrs");
  assert.equal((rrna.original.record as Gff3OriginalRecord).score, 1.1e-5);
  const sorf = byLocus(run.features, "MINI_003");
  assert.equal(sorf.hypothetical, false);
  assert.equal(byLocus(run.features, "MINI_005").hypothetical, true);
});

Deno.test("readGff3() folds CRISPR repeats and spacers into the array, even a last repeat without Parent", () => {
  const run = readGff3(MINI);
  const crispr = run.features.find((f) => f.type === "crispr")!;
  assert.equal(crispr.id, "MININBEGN_2");
  assert.deepEqual(crispr.crisprParts, [
    { kind: "repeat", start: 500, stop: 519, strand: "?" },
    { kind: "spacer", start: 520, stop: 550, strand: "?", nt: "ACGTACGTACGTACGTACGTACGTACGTACG" },
    { kind: "repeat", start: 551, stop: 570, strand: "?" },
    { kind: "spacer", start: 571, stop: 580, strand: "?", nt: "TTTTTAAAAA" },
    { kind: "repeat", start: 581, stop: 600, strand: "?" },
  ]);
  assert.equal((crispr.original.record as Gff3OriginalRecord).children?.length, 5);
});

Deno.test("readGff3() reads sequences, organism and versions", () => {
  const run = readGff3(gzipSync(new TextEncoder().encode(MINI)), { file: "mini.gff3.gz" });
  assert.deepEqual(run.software, { bakta: "1.11.4", db: "6.0", dbType: "full" });
  assert.deepEqual(run.genome, { taxon: "Escherichia coli K-12" });
  assert.deepEqual(run.sequences.map((s) => [s.id, s.length, s.topology, s.nt?.length]), [
    ["mini_1", 1330, "circular", 1330],
    ["mini_2", 500, "linear", 500],
  ]);
  assert.deepEqual(run.sources, [{
    file: "mini.gff3.gz",
    format: "gff3",
    used: ["features", "sequences", "software"],
  }]);
});

Deno.test("readGff3() reads pseudo=True as a pseudogene in files of Bakta before 1.10", () => {
  const run = readGff3(MINI.replace("# Software: v1.11.4", "# Software: v1.9.4"));
  const first = byLocus(run.features, "MINI_001");
  assert.equal(first.pseudo, true);
  assert.equal(first.truncated, undefined);
  const older = readGff3(
    MINI.replace("# Annotated with Bakta\n# Software: v1.11.4", "# annotated with Bakta v1.4.0"),
  );
  assert.equal(older.software.bakta, "1.4.0");
  assert.equal(byLocus(older.features, "MINI_001").pseudo, true);
});

Deno.test("readGff3() folds the gene + CDS layout of Bakta <= 1.4 and --compliant into one feature", () => {
  const text = [
    "##gff-version 3",
    "# annotated with Bakta v1.4.0",
    "##sequence-region c1 1 3000",
    "c1\tProdigal\tgene\t100\t400\t.\t+\t.\tID=X_00005_gene;locus_tag=X_00005;gene=dnaA",
    "c1\tProdigal\tCDS\t100\t400\t.\t+\t0\tID=X_00005;Parent=X_00005_gene;locus_tag=X_00005;product=DnaA",
    "c1\tBakta\tgene\t500\t560\t.\t-\t.\tID=X_00010_gene;locus_tag=X_00010",
    "c1\tBakta\tCDS\t500\t560\t.\t-\t0\tID=X_00010;Parent=X_00010_gene;product=leader peptide",
    "c1\ttRNAscan-SE\tgene\t600\t680\t.\t+\t.\tID=X_00015_gene;locus_tag=X_00015;pseudo=True",
    "c1\ttRNAscan-SE\ttRNA\t600\t680\t.\t+\t.\tID=X_00015;Parent=X_00015_gene;product=tRNA-Xxx",
  ].join("\n");
  const run = readGff3(text);
  assert.deepEqual(run.features.map((f) => [f.type, f.locusTag, f.gene, f.pseudo]), [
    ["cds", "X_00005", "dnaA", false],
    ["sorf", "X_00010", undefined, false],
    ["tRNA", "X_00015", undefined, true],
  ]);
  const original = run.features[1].original.record as Gff3OriginalRecord;
  assert.equal(original.gene?.type, "gene");
  assert.equal(original.gene?.attributes.get("locus_tag")?.[0], "X_00010");
});

Deno.test("Gff3FeatureAssembler gives the same features whatever its window", () => {
  const lines = parseGff3(MINI);
  const assemble = (maxBufferedFeatures: number) => {
    const assembler = new Gff3FeatureAssembler({ maxBufferedFeatures });
    const features: Feature[] = [];
    let handedOutEarly = 0;
    for (const line of lines) {
      const done = assembler.push(line);
      if (line.kind === "feature") handedOutEarly += done.length;
      features.push(...done);
    }
    features.push(...assembler.finish());
    return { features, handedOutEarly };
  };
  const big = assemble(1000);
  const small = assemble(2);
  assert.deepEqual(small.features, big.features);
  assert.ok(small.handedOutEarly > 0, "a small window hands features out before the end");
  assert.equal(big.handedOutEarly, 0);
  assert.throws(() => new Gff3FeatureAssembler({ maxBufferedFeatures: 0 }), {
    name: "RangeError",
    message: /maxBufferedFeatures 0/,
  });
});

Deno.test("readGff3() rejects features that contradict the sequence, naming file and line", async (t) => {
  const lines = MINI.split("\n");
  const lineOf = (prefix: string) => lines.findIndex((line) => line.startsWith(prefix)) + 1;
  const edgeLine = "mini_1\tPyrodigal\tCDS\t971\t1471";
  const cases: [string, string, string, number | undefined, RegExp][] = [
    [
      "an end wrapping past the start",
      MINI.replace(`${edgeLine}\t`, "mini_1\tPyrodigal\tCDS\t971\t2400\t"),
      "InvalidStop",
      lineOf(edgeLine),
      /end 2400 wraps around the origin of sequence "mini_1" \(length 1330\) past the start 971/,
    ],
    [
      "a start beyond the sequence",
      MINI.replace(`${edgeLine}\t`, "mini_1\tPyrodigal\tCDS\t1400\t1471\t"),
      "BeyondSequence",
      lineOf(edgeLine),
      /cds MINI_005 1400\.\.1471: start 1400 lies past the end of circular sequence "mini_1"/,
    ],
    [
      "a CRISPR part without its array",
      MINI.replace(/^.*\tCRISPR\t.*\n/m, ""),
      "Unexpected",
      lineOf("mini_1\tPILER-CR\tcrispr-repeat") - 1, // one line was removed above it
      /crispr-repeat with Parent=MININBEGN_2: expected it right after its CRISPR array/,
    ],
    [
      "a sequence shorter than declared",
      MINI.replace("##sequence-region mini_2 1 500", "##sequence-region mini_2 1 560"),
      "Truncated",
      lineOf(">mini_2"),
      /sequence "mini_2" has 500 bases in ##FASTA: 560 were declared/,
    ],
    [
      "a file cut before the last sequence",
      MINI.slice(0, MINI.indexOf(">mini_2")),
      "Truncated",
      undefined,
      /sequence "mini_2" is declared but missing from the ##FASTA section/,
    ],
    [
      "a bad ##sequence-region",
      MINI.replace("##sequence-region mini_2 1 500", "##sequence-region mini_2 1"),
      "InvalidHeader",
      lineOf("##sequence-region mini_2"),
      /expected "<seqid> <start> <end>"/,
    ],
    [
      "a Dbxref without DB",
      MINI.replace("Dbxref=GO:0046677", "Dbxref=0046677"),
      "InvalidAttribute",
      lineOf("mini_1\tBakta\tCDS"),
      /Dbxref is "0046677": expected "DB:accession"/,
    ],
  ];
  for (const [name, text, kind, line, message] of cases) {
    await t.step(name, () => {
      assert.throws(
        // A declared sequence's letters and length are checked when its nt is first read.
        () => readGff3(text, { file: "bad.gff3" }).sequences.map((sequence) => sequence.nt),
        (error: unknown) => {
          assert.ok(error instanceof ParseError, String(error));
          assert.equal(error.kind, kind, error.message);
          assert.equal(error.file, "bad.gff3");
          assert.equal(error.line, line, error.message);
          assert.match(error.message, message);
          return true;
        },
      );
    });
  }
});

Deno.test({
  name: "readGff3() reads the origin-spanning CDS of v1.8.1-origin-spanning as the JSON has it",
  ignore: !present,
  fn() {
    const run = readGff3(readSample("v1.8.1-origin-spanning/TEST_6.gff3"));
    const json = JSON.parse(
      new TextDecoder().decode(readSample("v1.8.1-origin-spanning/TEST_6.json")),
    );
    const edge = json.features.find((f: { edge?: boolean }) => f.edge);
    const feature = byLocus(run.features, edge.locus);
    assert.deepEqual([feature.start, feature.stop, feature.edge], [edge.start, edge.stop, true]);
    assert.equal(feature.stop, 141);
    assert.equal((feature.original.record as Gff3OriginalRecord).end, 1471);
  },
});
