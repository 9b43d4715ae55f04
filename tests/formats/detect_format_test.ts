import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { detectFormat } from "../../src/formats/detect_format.ts";
import type { SourceFormat } from "../../src/formats/model.ts";
import { ParseError } from "../../src/formats/parse_error.ts";
import { listSamples, readSample, reportSamples } from "../_samples.ts";

const encoder = new TextEncoder();

const CONTENT: [name: string, text: string, format: SourceFormat][] = [
  ["json", '  \n{"features": []}', "json"],
  ["gff3", "##gff-version 3\n##sequence-region c1 1 10\n", "gff3"],
  ["genbank", "LOCUS       contig_1   70606 bp    DNA     circular BCT 30-SEP-2025\n", "genbank"],
  ["embl", "ID   contig_1; SV 1; circular; genomic DNA; HTG; PRO; 70606 BP.\n", "embl"],
  ["fasta", ">contig_1 [topology=circular]\nACGT\n", "fasta"],
  ["txt", "Sequence(s):\nLength: 10\n", "txt"],
  [
    "tsv new",
    "# Annotated with Bakta\n# Software: v1.9.4\n#Sequence Id\tType\tStart\tStop\tStrand\tLocus Tag\tGene\tProduct\tDbXrefs\n",
    "tsv",
  ],
  [
    "tsv old",
    "#Annotated with Bakta (v1.4.0): x\n#Database (v3.1): y\n#Sequence Id\tType\tStart\tStop\tStrand\tLocus Tag\tGene\tProduct\tDbXrefs\n",
    "tsv",
  ],
  ["tsv proteins", "#Annotated with Bakta (v1.12.0): x\nID\tLength\tGene\tProduct\tEC\n", "tsv"],
  [
    "inference",
    "# Software: v1.11.4\n#Sequence Id\tType\tStart\tStop\tStrand\tLocus Tag\tScore\tEvalue\n",
    "inference-tsv",
  ],
  [
    "hypotheticals",
    "#Annotated with Bakta v1.11.4, x\n#Sequence Id\tStart\tStop\tStrand\tLocus Tag\tMol Weight [kDa]\n",
    "hypotheticals-tsv",
  ],
  [
    "hypotheticals proteins",
    "#x\nID\tLength\tMol Weight [kDa]\tIso El. Point\n",
    "hypotheticals-tsv",
  ],
];

Deno.test("detectFormat() recognizes each format from its content, whatever the name", async (t) => {
  for (const [name, text, format] of CONTENT) {
    await t.step(name, () => {
      assert.equal(detectFormat(text), format);
      assert.equal(detectFormat(text, "misleading.embl"), format);
      assert.equal(detectFormat(encoder.encode("\uFEFF" + text), "x"), format);
      assert.equal(detectFormat(gzipSync(encoder.encode(text)), "x.gz"), format);
    });
  }
});

Deno.test("detectFormat() falls back to the extension when the content says nothing", () => {
  const cases: [string, SourceFormat][] = [
    ["a.json", "json"],
    ["a.gff3", "gff3"],
    ["a.gbff", "genbank"],
    ["a.embl", "embl"],
    ["a.tsv", "tsv"],
    ["a.inference.tsv", "inference-tsv"],
    ["a.hypotheticals.tsv.gz", "hypotheticals-tsv"],
    ["a.FNA", "fasta"],
    ["a.txt", "txt"],
  ];
  for (const [name, format] of cases) {
    const input = name.endsWith(".gz") ? gzipSync(encoder.encode("odd content")) : "odd content";
    assert.equal(detectFormat(input, name), format, name);
  }
});

Deno.test("detectFormat() throws UnknownFormat for empty, binary and unnamed odd content", () => {
  for (
    const [input, name] of [
      ["", "a.json"],
      ["  \n", "a.tsv"],
      [new Uint8Array([0, 1, 2, 3]), "a.fna"],
      ["just words", "notes.md"],
      ["just words", undefined],
    ] as const
  ) {
    assert.throws(
      () => detectFormat(input, name),
      (e: unknown) => e instanceof ParseError && e.kind === "UnknownFormat",
    );
  }
});

Deno.test("detectFormat() reports corrupt gzip as Truncated", () => {
  assert.throws(
    () => detectFormat(new Uint8Array([0x1f, 0x8b, 0, 0, 0]), "a.gz"),
    (e: unknown) => e instanceof ParseError && e.kind === "Truncated",
  );
});

const present = reportSamples("detect_format_test");

Deno.test({
  name: "detectFormat() recognizes every Bakta sample from its content alone",
  ignore: !present,
  fn: () => {
    const expected: [RegExp, SourceFormat][] = [
      [/\.inference\.tsv$/, "inference-tsv"],
      [/\.hypotheticals\.tsv$/, "hypotheticals-tsv"],
      [/\.tsv$/, "tsv"],
      [/\.json(\.gz)?$/, "json"],
      [/\.gff3(\.gz)?$/, "gff3"],
      [/\.gbff$/, "genbank"],
      [/\.embl$/, "embl"],
      [/\.(fna|ffn|faa|fasta)(\.gz)?$/, "fasta"],
      [/\.txt$/, "txt"],
    ];
    const files = listSamples(/./).filter((f) => expected.some(([pattern]) => pattern.test(f)));
    assert.ok(files.length > 50, `found ${files.length}`);
    for (const file of files) {
      const format = expected.find(([pattern]) => pattern.test(file))![1];
      // No file name given: content only.
      assert.equal(detectFormat(readSample(file)), format, file);
    }
  },
});
