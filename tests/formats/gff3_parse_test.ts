import assert from "node:assert/strict";
import fc from "fast-check";
import { ParseError } from "../../src/formats/parse_error.ts";
import { parseGff3Line } from "../../src/formats/gff3/parse_gff3_line.ts";
import { parseAttributes } from "../../src/formats/gff3/parse_attributes.ts";
import { formatAttributes } from "../../src/formats/gff3/format_attributes.ts";
import { decodePercent, encodePercent } from "../../src/formats/gff3/percent_encoding.ts";
import { parseGff3 } from "../../src/formats/gff3/parse_gff3.ts";
import { Gff3LineParser } from "../../src/formats/gff3/gff3_line_parser.ts";
import { Gff3ParseStream } from "../../src/formats/gff3/gff3_parse_stream.ts";
import { formatGff3Line } from "../../src/formats/gff3/format_gff3_line.ts";
import type { Gff3Line } from "../../src/formats/gff3/gff3_line.ts";
import { decodeInput } from "../../src/formats/decode_input.ts";
import { listSamples, readSample, reportSamples } from "../_samples.ts";

const MINI = Deno.readTextFileSync(new URL("../testdata/bakta_mini.gff3", import.meta.url));
const present = reportSamples("gff3_parse_test");

Deno.test("parseGff3Line() reads the 9 columns, '.' as undefined", () => {
  const line = parseGff3Line(
    "mini_1\tInfernal\tregulatory_region\t400\t450\t6.7e-16\t-\t.\tID=X;Dbxref=RFAM:RF01089,SO:0005836",
    12,
  );
  assert.equal(line.kind, "feature");
  if (line.kind !== "feature") return;
  assert.deepEqual(
    [line.line, line.seqid, line.source, line.type, line.start, line.end, line.score, line.strand],
    [12, "mini_1", "Infernal", "regulatory_region", 400, 450, 6.7e-16, "-"],
  );
  assert.equal(line.phase, undefined);
  assert.deepEqual([...line.attributes], [["ID", ["X"]], ["Dbxref", [
    "RFAM:RF01089",
    "SO:0005836",
  ]]]);
  const dotted = parseGff3Line("c\t.\tgap\t1\t2\t.\t.\t.\t.", 1);
  assert.ok(dotted.kind === "feature" && dotted.source === undefined && dotted.strand === ".");
  assert.ok(dotted.kind === "feature" && dotted.attributes.size === 0);
});

Deno.test("parseGff3Line() reads directives and comments", () => {
  assert.deepEqual(parseGff3Line("##sequence-region contig_1 1 70606", 8), {
    kind: "directive",
    line: 8,
    name: "sequence-region",
    value: "contig_1 1 70606",
  });
  assert.deepEqual(parseGff3Line("##FASTA", 9), { kind: "directive", line: 9, name: "FASTA" });
  assert.deepEqual(parseGff3Line("###", 3), { kind: "directive", line: 3, name: "#" });
  assert.deepEqual(parseGff3Line("# Software: v1.11.4\r", 4), {
    kind: "comment",
    line: 4,
    text: "Software: v1.11.4",
  });
});

Deno.test("parseAttributes() decodes escapes, splits lists, merges repeated tags", () => {
  const attributes = parseAttributes(
    "ID=a%3Bb;product=peptidase%2C class C;Dbxref=GO:1,EC:2;Note=x;Note=y,z;;",
  );
  assert.deepEqual([...attributes], [
    ["ID", ["a;b"]],
    ["product", ["peptidase, class C"]],
    ["Dbxref", ["GO:1", "EC:2"]],
    ["Note", ["x", "y", "z"]],
  ]);
  assert.deepEqual([...parseAttributes(".")], []);
  assert.deepEqual([...parseAttributes("name=caf%C3%A9")], [["name", ["café"]]]);
});

Deno.test("encodePercent() and decodePercent() are inverses, and attributes round-trip", () => {
  fc.assert(
    fc.property(fc.string({ unit: "binary" }), (text) => {
      assert.equal(decodePercent(encodePercent(text)), text);
    }),
    { seed: 1, numRuns: 500 },
  );
  const tag = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/);
  const values = fc.array(fc.string({ unit: "grapheme", minLength: 0, maxLength: 12 }), {
    minLength: 1,
    maxLength: 3,
  });
  fc.assert(
    fc.property(
      fc.uniqueArray(fc.tuple(tag, values), { selector: ([t]) => t, maxLength: 6 }),
      (pairs) => {
        const attributes = new Map(pairs);
        assert.deepEqual([...parseAttributes(formatAttributes(attributes))], [...attributes]);
      },
    ),
    { seed: 2, numRuns: 300 },
  );
});

Deno.test("parseGff3Line() rejects bad lines with file, line and expectation", async (t) => {
  const ok = ["c1", "Bakta", "CDS", "10", "20", ".", "+", "0", "ID=X"];
  const line = (index: number, value: string) =>
    ok.map((column, i) => (i === index ? value : column)).join("\t");
  const cases: [string, string, string, RegExp][] = [
    [
      "a start that is not a number",
      line(3, "1O"),
      "InvalidStart",
      /start "1O" is not a positive integer/,
    ],
    ["a zero start", line(3, "0"), "InvalidStart", /start "0" is not a positive integer/],
    ["a negative end", line(4, "-5"), "InvalidStop", /end "-5" is not a positive integer/],
    ["an end before the start", line(4, "5"), "InvalidStop", /end 5 is less than start 10/],
    ["a bad strand", line(6, "x"), "InvalidStrand", /strand "x" is not one of/],
    [
      "8 columns",
      ok.slice(0, 8).join("\t"),
      "MissingColumn",
      /expected 9 tab-separated columns, found 8/,
    ],
    ["spaces instead of tabs", ok.join(" "), "MissingColumn", /found 1 \(no tab\)/],
    ["10 columns", [...ok, "x"].join("\t"), "Unexpected", /found 10/],
    ["a broken escape", line(8, "ID=a%2"), "InvalidAttribute", /broken % escape/],
    ["a non-hex escape", line(8, "product=50%off"), "InvalidAttribute", /broken % escape/],
    ["a pair without =", line(8, "ID=X;oops"), "InvalidAttribute", /attribute "oops" has no "="/],
    ["a bad phase", line(7, "3"), "InvalidNumber", /phase "3" is not 0, 1, 2/],
    ["a bad score", line(5, "high"), "InvalidNumber", /score "high" is not a number/],
    ["an empty seqid", line(0, ""), "MissingColumn", /column 1 \(seqid\) is empty/],
  ];
  for (const [name, text, kind, message] of cases) {
    await t.step(name, () => {
      assert.throws(
        () => parseGff3Line(text, 42, { file: "bad.gff3" }),
        (error: unknown) => {
          assert.ok(error instanceof ParseError, String(error));
          assert.equal(error.kind, kind);
          assert.equal(error.file, "bad.gff3");
          assert.equal(error.line, 42);
          assert.match(error.message, /^Cannot parse bad\.gff3 line 42: /);
          assert.match(error.message, message);
          return true;
        },
      );
    });
  }
});

Deno.test("Gff3LineParser gathers the ##FASTA section into sequence records", () => {
  const lines = parseGff3(MINI, { file: "bakta_mini.gff3" });
  const sequences = lines.filter((line) => line.kind === "sequence");
  assert.deepEqual(
    sequences.map((s) => s.kind === "sequence" && [s.id, s.sequence.length, s.line]),
    [
      ["mini_1", 1330, MINI.split("\n").indexOf(">mini_1") + 1],
      ["mini_2", 500, MINI.split("\n").indexOf(">mini_2") + 1],
    ],
  );
  const featureLines = MINI.slice(0, MINI.indexOf("##FASTA")).split("\n")
    .filter((line) => line !== "" && !line.startsWith("#"));
  assert.equal(lines.filter((line) => line.kind === "feature").length, featureLines.length);
});

Deno.test("the ##FASTA section reads the same line by line and in one go", async (t) => {
  const variants: [string, string][] = [
    ["the fixture", MINI],
    ["CRLF line breaks", MINI.replaceAll("\n", "\r\n")],
    ["no final line break", MINI.trimEnd()],
    ["an empty sequence and blank lines", MINI.replace(">mini_2", ">empty\n\n>mini_2") + "\n\n"],
    ["a header with a description", MINI.replace(">mini_1", ">mini_1 some description")],
  ];
  for (const [name, text] of variants) {
    await t.step(name, async () => {
      const streamed = await Array.fromAsync(
        ReadableStream.from(text.split(/\r?\n/)).pipeThrough(new Gff3ParseStream()),
      );
      assert.deepEqual(parseGff3(text), streamed);
    });
  }
});

Deno.test("a '>' header starts the FASTA section even without ##FASTA", () => {
  const text = MINI.replace("##FASTA\n", "");
  const lines = parseGff3(text);
  assert.deepEqual(
    lines.filter((line) => line.kind === "sequence").map((s) => s.kind === "sequence" && s.id),
    ["mini_1", "mini_2"],
  );
  assert.equal(
    lines.filter((line) => line.kind === "directive" && line.name === "FASTA").length,
    0,
  );
});

Deno.test("the ##FASTA readers report a bad character on its line, in both paths", async (t) => {
  const lines = MINI.split("\n");
  const target = lines.findIndex((line) => line === ">mini_2") + 3; // 0-based: 2nd sequence line
  const bad = lines.map((
    line,
    i,
  ) => (i === target ? line.slice(0, 5) + "\t" + line.slice(6) : line))
    .join("\n");
  const check = (error: unknown) => {
    assert.ok(error instanceof ParseError);
    assert.equal(error.kind, "InvalidSequence");
    assert.equal(error.line, target + 1);
    assert.match(error.message, /sequence "mini_2" has a character that is not a letter/);
    return true;
  };
  await t.step("parseGff3", () => assert.throws(() => parseGff3(bad), check));
  await t.step("Gff3LineParser", () => {
    assert.throws(() => {
      const parser = new Gff3LineParser();
      for (const line of bad.split("\n")) parser.push(line);
      parser.finish();
    }, check);
  });
  await t.step("text before the first header", () => {
    assert.throws(
      () => parseGff3(MINI.replace("##FASTA\n", "##FASTA\nACGT\n")),
      (error: unknown) =>
        error instanceof ParseError && error.kind === "InvalidSequence" &&
        error.line === lines.indexOf("##FASTA") + 2 && /expected a ">" header/.test(error.message),
    );
  });
});

Deno.test("formatGff3Line() writes back what parseGff3Line() read", () => {
  for (const line of parseGff3(MINI)) {
    const text = formatGff3Line(line);
    const again = line.kind === "sequence"
      ? parseGff3(`##FASTA\n${text}`)[1]
      : parseGff3Line(text, line.line);
    assert.deepEqual(again, line.kind === "sequence" ? { ...line, line: 2 } : line);
  }
});

Deno.test({
  name: "parseGff3() and Gff3ParseStream agree on every real GFF3 sample, and lines round-trip",
  ignore: !present,
  async fn() {
    const files = listSamples(/\.gff3(\.gz)?$/);
    assert.ok(files.length >= 13, `found ${files.length} GFF3 samples`);
    for (const file of files) {
      const text = decodeInput(readSample(file), file);
      const lines = parseGff3(text, { file });
      const streamed: Gff3Line[] = await Array.fromAsync(
        ReadableStream.from(text.split("\n")).pipeThrough(new Gff3ParseStream({ file })),
      );
      assert.equal(streamed.length, lines.length, file);
      assert.deepEqual(streamed, lines, file);
      // Writing the typed lines gives the original text back, byte for byte.
      assert.equal(lines.map((line) => formatGff3Line(line)).join("\n") + "\n", text, file);
    }
  },
});
