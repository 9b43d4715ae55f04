import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { ParseError } from "../../src/formats/parse_error.ts";
import { readGenbank } from "../../src/formats/genbank/read_genbank.ts";
import { parseGenbank } from "../../src/formats/genbank/parse_genbank.ts";
import { GenbankParseStream } from "../../src/formats/genbank/genbank_parse_stream.ts";
import type { Feature } from "../../src/formats/model.ts";
import type { InsdcOriginalRecord } from "../../src/formats/insdc/insdc_records_to_run.ts";
import { readSample, reportSamples } from "../_samples.ts";

const MINI = Deno.readTextFileSync(new URL("../testdata/bakta_mini.gbff", import.meta.url));
const present = reportSamples("genbank_read_test");

function byLocus(features: Feature[], locus: string): Feature {
  const feature = features.find((f) => f.locusTag === locus);
  assert.ok(feature, `no feature ${locus}`);
  return feature;
}

Deno.test("parseGenbank() joins wrapped qualifiers: text with a space, /translation without", () => {
  const [record] = parseGenbank(MINI, { file: "bakta_mini.gbff" });
  const cds = record.features.find((f) => f.key === "CDS")!;
  const value = (name: string) => cds.qualifiers.filter((q) => q.name === name).map((q) => q.value);
  assert.deepEqual(value("product"), ["RepB family plasmid replication initiator protein"]);
  assert.deepEqual(value("translation"), [
    "MNGYNYMNENVYIGEVIGPDCESVNNKLTVTSKATVQPVALMRLNVFVPSSRPAKGTRTSIDATSV",
  ]);
  assert.deepEqual(value("inference"), [
    "ab initio prediction:Prodigal:2.6",
    "similar to AA sequence:UniRef:UniRef90_UPI003365312D",
  ]);
  assert.deepEqual(value("pseudo"), [undefined]);
  const trna = record.features.find((f) => f.key === "tRNA")!;
  assert.equal(
    trna.qualifiers[0].value,
    'say "hello" and a slash at the start of the next /line',
    "doubled quotes are unescaped and a continuation starting with / stays in the value",
  );
  const cdsEdge = record.features.filter((f) => f.key === "CDS").at(-1)!;
  assert.equal(cdsEdge.location, "complement(join(971..1330,1..141))", "wrapped location");
});

Deno.test("parseGenbank() reads the header fields", () => {
  const [record] = parseGenbank(MINI);
  assert.equal(record.name, "mini_1");
  assert.equal(record.length, 1330);
  assert.equal(record.topology, "circular");
  assert.equal(record.moleculeType, "DNA");
  assert.equal(record.division, "BCT");
  assert.equal(record.date, "30-NOV-2025");
  assert.equal(record.definition, "Escherichia coli plasmid pMini, complete sequence.");
  assert.equal(record.organism, "Escherichia coli");
  assert.equal(record.taxonomy, "Bacteria; Pseudomonadota.");
  assert.match(record.comment!, /^Annotated with Bakta\nSoftware: v1\.11\.4\n/);
  assert.equal(record.sequence!.length, 1330);
});

Deno.test("readGenbank() folds Bakta's gene features and maps keys to Bakta types", () => {
  const run = readGenbank(MINI, { file: "bakta_mini.gbff" });
  assert.deepEqual(run.features.map((f) => f.type), [
    "cds",
    "oriC",
    "cds",
    "ncRNA-region",
    "crispr",
    "sorf",
    "tRNA",
    "gap",
    "cds",
  ]);
  const truncated = byLocus(run.features, "MINI_001");
  assert.equal(truncated.gene, "repB");
  assert.equal(truncated.truncated, "5-prime");
  assert.equal(truncated.pseudo, false, "from 1.10 on /pseudo marks truncation, not a pseudogene");
  assert.deepEqual(truncated.dbXrefs, [
    { db: "SO", accession: "0001217" },
    { db: "UniRef", accession: "UniRef90_UPI003365312D" },
  ]);
  assert.equal((truncated.original.record as InsdcOriginalRecord).gene?.key, "gene");
  const pseudogene = byLocus(run.features, "MINI_002");
  assert.equal(pseudogene.pseudo, true);
  assert.equal(pseudogene.hypothetical, true);
  assert.equal(pseudogene.aa, undefined);
  const regulatory = run.features[3];
  assert.equal(regulatory.product, "Pseudoknot of the regulatory region of the repBA gene");
  assert.equal(regulatory.strand, "-");
  const crispr = run.features[4];
  assert.equal(crispr.strand, "?", "INSDC cannot say '?': Bakta's CRISPR arrays are unstranded");
  assert.match(crispr.product!, /^CRISPR array with 2 repeats/);
  const sorf = byLocus(run.features, "MINI_003");
  assert.deepEqual([sorf.start, sorf.stop, sorf.strand, sorf.gene], [700, 759, "-", "ermC"]);
  assert.equal(sorf.aa, "MGIFSIFVI");
  const gap = run.features[7];
  assert.deepEqual([gap.start, gap.stop, gap.strand, gap.product], [900, 919, ".", undefined]);
  const edge = byLocus(run.features, "MINI_005");
  assert.deepEqual([edge.start, edge.stop, edge.strand, edge.edge], [971, 141, "-", true]);
  assert.equal(edge.truncated, undefined);
});

Deno.test("readGenbank() reads sequences, organism and versions", () => {
  const run = readGenbank(MINI, { file: "bakta_mini.gbff" });
  assert.deepEqual(run.software, { bakta: "1.11.4", db: "6.0", dbType: "full" });
  assert.deepEqual(run.genome, { taxon: "Escherichia coli", strain: "K-12", translationTable: 11 });
  const [sequence] = run.sequences;
  assert.equal(sequence.id, "mini_1");
  assert.equal(sequence.type, "plasmid");
  assert.equal(sequence.name, "pMini");
  assert.equal(sequence.complete, true);
  assert.equal(sequence.topology, "circular");
  assert.match(sequence.nt!, /^[ACGT]{1330}$/, "upper-cased like Bakta's JSON and FASTA");
  assert.deepEqual(run.sources, [{
    file: "bakta_mini.gbff",
    format: "genbank",
    used: ["features", "sequences", "software"],
  }]);
});

Deno.test("readGenbank() reads a bare /pseudo as a pseudogene in files of Bakta before 1.10", () => {
  const old = MINI.replace("Software: v1.11.4", "Software: v1.9.4");
  const run = readGenbank(old);
  const feature = byLocus(run.features, "MINI_001");
  assert.equal(feature.pseudo, true);
  assert.equal(feature.truncated, "5-prime", "the partial marker still says truncated");
});

Deno.test("readGenbank() reads gzipped bytes", () => {
  const run = readGenbank(gzipSync(new TextEncoder().encode(MINI)), { file: "x.gbff.gz" });
  assert.equal(run.features.length, 9);
});

Deno.test("GenbankParseStream gives the same records as parseGenbank()", async () => {
  const text = MINI + MINI.replaceAll("mini_1", "mini_2");
  const lines = text.split("\n");
  const streamed = await Array.fromAsync(
    ReadableStream.from(lines).pipeThrough(new GenbankParseStream()),
  );
  assert.deepEqual(streamed, parseGenbank(text));
  assert.equal(streamed.length, 2);
});

Deno.test("readGenbank() rejects bad input with file, line and expectation", async (t) => {
  const lines = MINI.split("\n");
  const lineOf = (prefix: string) => lines.findIndex((line) => line.startsWith(prefix)) + 1;
  const cases: [string, string, string, number | undefined, RegExp][] = [
    [
      "a record without //",
      MINI.replace(/\/\/\n$/, ""),
      "Truncated",
      lines.length - 2,
      /record "mini_1" \(line 1\) ends without "\/\/"/,
    ],
    [
      "a record cut inside the sequence",
      lines.slice(0, lineOf("      601")).join("\n"),
      "Truncated",
      undefined,
      /ends without/,
    ],
    [
      "a line at column 1 that is no keyword, inside the feature table",
      MINI.replace("     rep_origin", "x\ty\tz\n     rep_origin"),
      "InvalidHeader",
      lineOf("     rep_origin"),
      /"x\\ty\\tz": expected a keyword in capitals/,
    ],
    [
      "a missing LOCUS line",
      lines.slice(1).join("\n"),
      "InvalidHeader",
      1,
      /expected a "LOCUS <name> <length> bp" line/,
    ],
    [
      "a location that does not parse",
      MINI.replace("     rep_origin      95..150", "     rep_origin      95..x150"),
      "InvalidLocation",
      lineOf("     rep_origin"),
      /location "95..x150": expected a base number after "\.\."/,
    ],
    [
      "a location beyond the sequence",
      MINI.replace("     rep_origin      95..150", "     rep_origin      95..1500"),
      "BeyondSequence",
      lineOf("     rep_origin"),
      /oriC #2 95\.\.1500: stop 1500 lies past the end of circular sequence "mini_1" \(1330 bp\)/,
    ],
    [
      "a missing sequence line",
      lines.filter((line) => !line.startsWith("      121 ")).join("\n"),
      "InvalidSequence",
      lineOf("      181 ") - 1,
      /starts at base 181: expected 121/,
    ],
    [
      "a digit in the sequence",
      MINI.replace(/^( {7}61 [acgt]{5})[acgt]/m, "$17"),
      "InvalidSequence",
      lineOf("       61 "),
      /expected a base number and letters/,
    ],
    [
      "an unclosed quote",
      MINI.replace('/product="tRNA-Val"', '/product="tRNA-Val'),
      "InvalidAttribute",
      lineOf('                     /product="tRNA-Val'),
      /the quoted value is not closed/,
    ],
    [
      "a LOCUS inside a record",
      MINI.replace("//\n", "") + MINI,
      "Truncated",
      lines.length - 1,
      /a LOCUS line inside record "mini_1"/,
    ],
    [
      "a bad cross-reference",
      MINI.replace('/db_xref="GO:0046677"', '/db_xref="GO0046677"'),
      "InvalidAttribute",
      lineOf("     CDS             complement(700..759)"),
      /expected "DB:accession"/,
    ],
  ];
  for (const [name, text, kind, line, message] of cases) {
    await t.step(name, () => {
      assert.throws(
        () => readGenbank(text, { file: "bad.gbff" }),
        (error: unknown) => {
          assert.ok(error instanceof ParseError, String(error));
          assert.equal(error.kind, kind, error.message);
          assert.equal(error.file, "bad.gbff");
          if (line !== undefined) assert.equal(error.line, line, error.message);
          assert.match(error.message, message);
          return true;
        },
      );
    });
  }
});

Deno.test({
  name: "readGenbank() reads v1.11.4-assembly/assembly.gbff as its JSON says",
  ignore: !present,
  fn() {
    const run = readGenbank(readSample("v1.11.4-assembly/assembly.gbff"), {
      file: "assembly.gbff",
    });
    const counts: Record<string, number> = {};
    for (const feature of run.features) counts[feature.type] = (counts[feature.type] ?? 0) + 1;
    // The JSON has 92 cds, 1 sorf, 1 ncRNA-region and 1 oriV; GenBank cannot tell oriV from oriC.
    assert.deepEqual(counts, { cds: 92, oriC: 1, "ncRNA-region": 1, sorf: 1 });
    assert.deepEqual(run.sequences.map((s) => [s.id, s.length, s.topology, s.type, s.name]), [
      ["contig_1", 70606, "circular", "plasmid", "unnamed1"],
      ["contig_2", 2473, "circular", "plasmid", "unnamed2"],
    ]);
    const first = run.features[0];
    assert.deepEqual(
      [first.locusTag, first.start, first.stop, first.truncated, first.pseudo, first.gene],
      ["MEGJMN_001", 1, 894, "5-prime", false, "repB"],
    );
    assert.equal(run.features.filter((f) => f.pseudo).length, 1);
    assert.equal(run.features.filter((f) => f.type === "cds" && f.hypothetical).length, 17);
    assert.equal(run.features.filter((f) => f.aa !== undefined).length, 92, "all but 1 pseudogene");
  },
});

Deno.test({
  name: "readGenbank() reads the origin-spanning CDS of v1.8.1-origin-spanning",
  ignore: !present,
  fn() {
    const run = readGenbank(readSample("v1.8.1-origin-spanning/TEST_6.gbff"));
    const edge = run.features.filter((f) => f.edge);
    assert.equal(edge.length, 1);
    assert.deepEqual(
      [edge[0].locusTag, edge[0].start, edge[0].stop, edge[0].strand],
      ["IHHALP_00010", 971, 141, "-"],
    );
    assert.equal(edge[0].aa?.length, 166);
  },
});

Deno.test("readGenbank() keeps qualifiers named like Object.prototype's members as plain values", () => {
  const text = MINI.replace(
    '                     /rpt_family="CRISPR"',
    '                     /rpt_family="CRISPR"\n                     /constructor="c"\n' +
      '                     /__proto__="p"\n                     /note="toString"',
  );
  const run = readGenbank(text, { file: "bakta_mini.gbff" });
  const crispr = run.features.find((f) => f.type === "crispr")!;
  const { qualifiers } = crispr.original.record as InsdcOriginalRecord;
  assert.deepEqual(Object.getPrototypeOf(qualifiers), Object.prototype);
  assert.ok(Object.hasOwn(qualifiers, "__proto__"));
  assert.deepEqual([qualifiers.constructor, qualifiers["__proto__"]], [["c"], ["p"]]);
  assert.equal(crispr.truncated, undefined, "a note naming a member of Object.prototype");
});
