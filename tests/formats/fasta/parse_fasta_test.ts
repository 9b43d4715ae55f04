import assert from "node:assert/strict";
import { readBaktaJson } from "../../../src/formats/bakta_json/read_bakta_json.ts";
import { decodeInput } from "../../../src/formats/decode_input.ts";
import { parseFasta } from "../../../src/formats/fasta/parse_fasta.ts";
import { ParseError, type ParseErrorKind } from "../../../src/formats/parse_error.ts";
import { listSamples, readSample, reportSamples } from "../../_samples.ts";

Deno.test("parseFasta() joins wrapped lines and splits id and description", () => {
  const records = parseFasta(">c1  two  spaces \nACGT\nacgt\n\n>c2\r\nMK*\r\n>c3\tx\nN-N.\n");
  assert.deepEqual(records, [
    { id: "c1", description: "two  spaces", sequence: "ACGTacgt", line: 1 },
    { id: "c2", sequence: "MK*", line: 5 },
    { id: "c3", description: "x", sequence: "N-N.", line: 7 },
  ]);
  assert.deepEqual(parseFasta(""), []);
  assert.deepEqual(parseFasta("\n\n"), []);
});

Deno.test("parseFasta() reports broken FASTA with the line", async (t) => {
  const cases: [text: string, kind: ParseErrorKind, line: number, detail: RegExp][] = [
    ["ACGT\n>c1\nA\n", "InvalidSequence", 1, /before the first header/],
    [">c1\n>c2\nA\n", "InvalidSequence", 1, /"c1".*no sequence/],
    [">c1\nA\n>c2\n", "InvalidSequence", 3, /"c2".*no sequence/],
    [">c1\nA\n>c1 again\nC\n", "InvalidHeader", 3, /duplicate id "c1" \(first on line 1\)/],
    ["> no id\nA\n", "InvalidHeader", 1, /no id/],
    [">c1\nAC GT\n", "InvalidSequence", 2, /" " is not a residue/],
    [">c1\nACGT\nAC{T\n", "InvalidSequence", 3, /"\{"/],
  ];
  for (const [text, kind, line, detail] of cases) {
    await t.step(JSON.stringify(text), () => {
      assert.throws(
        () => parseFasta(text, { file: "x.fna" }),
        (error: unknown) =>
          error instanceof ParseError && error.kind === kind && error.line === line &&
          detail.test(error.message) && error.message.includes("x.fna"),
      );
    });
  }
});

// ---------------------------------------------------------------------------------------------
const present = reportSamples("parse_fasta_test");

/** A deliberately simple reference parser: split at header lines. */
function naiveFasta(text: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const chunk of text.split(/^>/m).slice(1)) {
    const [header, ...lines] = chunk.split("\n");
    result.set(header.split(/\s/)[0], lines.join("").trim());
  }
  return result;
}

Deno.test({
  name: "parseFasta() reads every sample FASTA like a naive reference parser",
  ignore: !present,
  fn: async (t) => {
    const files = listSamples(/\.(fna|ffn|faa|fasta)(\.gz)?$/);
    assert.ok(files.length >= 10, files.join(", "));
    for (const relative of files) {
      await t.step(relative, () => {
        const text = decodeInput(readSample(relative));
        const records = parseFasta(text, { file: relative });
        const naive = naiveFasta(text);
        assert.equal(records.length, naive.size);
        for (const record of records) assert.equal(record.sequence, naive.get(record.id));
      });
    }
  },
});

Deno.test({
  name: "parseFasta() of .fna/.faa/.ffn equals the sequences, proteins and nucleotides of the JSON",
  ignore: !present,
  fn: async (t) => {
    for (const prefix of ["v1.11.4-assembly/assembly", "v1.8.1-origin-spanning/TEST_6"]) {
      await t.step(prefix, () => {
        const json = readBaktaJson(readSample(prefix + ".json"));
        const fna = parseFasta(decodeInput(readSample(prefix + ".fna")));
        assert.deepEqual(
          fna.map((r) => [r.id, r.description, r.sequence]),
          json.sequences.map((s) => [s.id, s.description, s.nt]),
        );
        if (prefix.includes("TEST_6")) return; // no .faa/.ffn in that sample
        const faa = parseFasta(decodeInput(readSample(prefix + ".faa")));
        const coding = json.features.filter((f) => f.type === "cds" || f.type === "sorf");
        assert.deepEqual(
          faa.map((r) => [r.id, r.description, r.sequence]),
          coding.map((f) => [f.locusTag, f.product, f.aa]),
        );
        const ffn = parseFasta(decodeInput(readSample(prefix + ".ffn")));
        assert.deepEqual(
          ffn.map((r) => [r.id, r.sequence]),
          json.features.map((f) => [f.locusTag ?? f.id, f.nt]),
        );
      });
    }
  },
});
