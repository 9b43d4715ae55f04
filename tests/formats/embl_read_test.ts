import assert from "node:assert/strict";
import { ParseError } from "../../src/formats/parse_error.ts";
import { readEmbl } from "../../src/formats/embl/read_embl.ts";
import { parseEmbl } from "../../src/formats/embl/parse_embl.ts";
import { EmblParseStream } from "../../src/formats/embl/embl_parse_stream.ts";
import { readGenbank } from "../../src/formats/genbank/read_genbank.ts";
import type { InsdcOriginalRecord } from "../../src/formats/insdc/insdc_records_to_run.ts";
import { readSample, reportSamples } from "../_samples.ts";

const MINI = Deno.readTextFileSync(new URL("../testdata/bakta_mini.embl", import.meta.url));
const present = reportSamples("embl_read_test");

Deno.test("parseEmbl() reads the ID line, the description, the comment and the sequence", () => {
  const [record] = parseEmbl(MINI, { file: "bakta_mini.embl" });
  assert.equal(record.name, "mini_e");
  assert.equal(record.length, 250);
  assert.equal(record.topology, "linear");
  assert.equal(record.moleculeType, "DNA");
  assert.equal(record.division, "PRO");
  assert.equal(record.accession, "mini_e");
  assert.equal(record.definition, "mini_e, whole genome shotgun sequence");
  assert.equal(record.comment, "Annotated with Bakta\nSoftware: v1.9.4\nDatabase: v5.1, full");
  assert.equal(record.sequence?.length, 250);
  assert.deepEqual(record.features.map((f) => f.key), [
    "source",
    "gene",
    "CDS",
    "gene",
    "tRNA",
    "oriT",
  ]);
});

Deno.test("readEmbl() maps features as readGenbank() does", () => {
  const run = readEmbl(MINI, { file: "bakta_mini.embl" });
  assert.deepEqual(run.software, { bakta: "1.9.4", db: "5.1", dbType: "full" });
  assert.deepEqual(run.sequences.map((s) => [s.id, s.length, s.type, s.complete]), [
    ["mini_e", 250, "contig", false],
  ]);
  const [cds, trna, orit] = run.features;
  assert.deepEqual(
    [cds.type, cds.start, cds.stop, cds.strand, cds.locusTag, cds.gene, cds.truncated],
    ["cds", 10, 99, "-", "EMB_001", "abcD", "5-prime"],
  );
  assert.equal(cds.product, "a long product name that Biopython wraps at a space somewhere");
  assert.equal(cds.aa, "MKLVAAGSTTQQPL");
  assert.deepEqual(cds.dbXrefs, [{ db: "EC", accession: "1.1.1.1" }, {
    db: "COG",
    accession: "COG0001",
  }]);
  assert.equal(trna.pseudo, true, "a 1.9 file: /pseudo is a pseudogene");
  assert.deepEqual([orit.type, orit.strand, orit.product], ["oriT", "?", "origin of transfer"]);
  assert.equal(run.sources[0].format, "embl");
});

Deno.test("EmblParseStream gives the same records as parseEmbl()", async () => {
  const text = MINI + MINI.replace("ID   mini_e;", "ID   mini_f;");
  const streamed = await Array.fromAsync(
    ReadableStream.from(text.split("\n")).pipeThrough(new EmblParseStream()),
  );
  assert.deepEqual(streamed, parseEmbl(text));
  assert.equal(streamed.length, 2);
});

Deno.test("readEmbl() rejects bad input with file, line and expectation", async (t) => {
  const lines = MINI.split("\n");
  const lineOf = (prefix: string) => lines.findIndex((line) => line.startsWith(prefix)) + 1;
  const cases: [string, string, string, number, RegExp][] = [
    ["no //", MINI.replace(/\/\/\n$/, ""), "Truncated", lines.length - 2, /ends without "\/\/"/],
    ["no ID line", lines.slice(2).join("\n"), "InvalidHeader", 1, /expected an "ID {3}<name>/],
    [
      "a bad running base count",
      MINI.replace(/ {7}120$/m, "       119"),
      "InvalidSequence",
      lineOf("     cttaagggtt"),
      /ends with base count 119: expected 120/,
    ],
    [
      "a sequence shorter than declared",
      MINI.replace("250 BP.", "260 BP."),
      "Truncated",
      lines.length - 1,
      /has 250 bases: ID declares 260/,
    ],
    [
      "a bad location",
      MINI.replace("FT   oriT            210..240", "FT   oriT            210..240)"),
      "InvalidLocation",
      lineOf("FT   oriT"),
      /expected end of location/,
    ],
    [
      "a line without a code",
      MINI.replace("XX\nFH", "XX\nthis is not EMBL\nFH"),
      "Unexpected",
      lineOf("FH   Key"),
      /expected a line starting with a two-letter code/,
    ],
  ];
  for (const [name, text, kind, line, message] of cases) {
    await t.step(name, () => {
      assert.throws(
        () => readEmbl(text, { file: "bad.embl" }),
        (error: unknown) => {
          assert.ok(error instanceof ParseError, String(error));
          assert.equal(error.kind, kind, error.message);
          assert.equal(error.file, "bad.embl");
          assert.equal(error.line, line, error.message);
          assert.match(error.message, message);
          return true;
        },
      );
    });
  }
});

Deno.test({
  name: "readEmbl() and readGenbank() give the same run for v1.11.4-assembly",
  ignore: !present,
  fn() {
    const embl = readEmbl(readSample("v1.11.4-assembly/assembly.embl"));
    const genbank = readGenbank(readSample("v1.11.4-assembly/assembly.gbff"));
    const strip = (run: typeof embl) => run.features.map(({ original: _, ...rest }) => rest);
    assert.equal(embl.features.length, 95);
    assert.deepEqual(strip(embl), strip(genbank));
    assert.deepEqual(embl.sequences, genbank.sequences);
    assert.deepEqual(embl.software, genbank.software);
    // The original records agree except for line numbers (the headers differ in length).
    const records = (run: typeof embl) =>
      run.features.map((f) => {
        const { line: _, gene, ...record } = f.original.record as InsdcOriginalRecord;
        return { ...record, gene: gene && { ...gene, line: 0 } };
      });
    assert.deepEqual(records(embl), records(genbank));
  },
});
