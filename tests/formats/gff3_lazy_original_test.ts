/**
 * `readGff3()` reads the model's fields straight from each feature line's text and parses a line
 * in full only when a feature's `original.record` is read. These tests hold it to the eager path
 * (`parseGff3()`'s attribute maps through `Gff3FeatureAssembler.push`), which reads column 9 with
 * the attribute parser, on the lines where the scanner gives up or takes a side road.
 */

import assert from "node:assert/strict";
import { readGff3 } from "../../src/formats/gff3/read_gff3.ts";
import { parseGff3 } from "../../src/formats/gff3/parse_gff3.ts";
import { Gff3FeatureAssembler } from "../../src/formats/gff3/gff3_feature_assembler.ts";
import type { Gff3OriginalRecord } from "../../src/formats/gff3/gff3_feature_assembler.ts";
import type { Feature } from "../../src/formats/model.ts";
import { assertParseError } from "./_helpers.ts";

/** The features the eager path gives: every line parsed, then assembled. */
function eagerFeatures(text: string): Feature[] {
  const assembler = new Gff3FeatureAssembler({ file: "x.gff3" });
  const features: Feature[] = [];
  for (const line of parseGff3(text, { file: "x.gff3" })) features.push(...assembler.push(line));
  features.push(...assembler.finish());
  return features;
}

const TRICKY = [
  "##gff-version 3",
  "# Software: v1.11.4",
  "##sequence-region c1 1 5000",
  "c1\tBakta\tregion\t1\t5000\t.\t+\t.\tID=c1;Is_circular=TRUE",
  // Percent escapes in the values the model reads, a comma list, Note as the last value.
  "c1\tPyrodigal\tCDS\t10\t99\t.\t+\t0\tID=A_1;locus_tag=A_1;product=a%2C b%3B c;gene=x,y;" +
  "Dbxref=GO%3A0001,EC:1.1.1.1",
  // Blanks around a tag, an escaped tag: the scanner hands the line to the parser.
  "c1\tPyrodigal\tCDS\t100\t199\t.\t-\t0\tID=A_2; locus_tag =A_2;pro%64uct=escaped tag",
  // A repeated Dbxref and a repeated pseudo (the second says true).
  "c1\tPyrodigal\tCDS\t200\t299\t.\t+\t0\tID=A_3;Dbxref=SO:1;pseudo=false;Dbxref=COG:C;pseudo=True",
  // A CRISPR array with Note for product, parts by Parent (repeated Parent) and by position.
  "c1\tPILER-CR\tCRISPR\t300\t400\t.\t?\t.\tID=C_1;Note=first,CRISPR array",
  "c1\tPILER-CR\tcrispr-repeat\t300\t320\t.\t?\t.\tID=C_1_repeat_1;Parent=C_1;Parent=C_9",
  "c1\tPILER-CR\tcrispr-spacer\t321\t350\t.\t?\t.\tID=C_1_spacer_1;Parent=C_1;sequence=ACGT",
  "c1\tPILER-CR\tcrispr-repeat\t351\t400\t.\t?\t.\tID=C_1_repeat_2",
  // A child of another type, a feature with "." as column 9 and an empty value.
  "c1\tPyrodigal\tCDS\t500\t599\t.\t+\t0\tID=A_4;locus_tag=A_4;product=",
  "c1\tDeepSig\tsignal_peptide\t500\t530\t.\t+\t.\tID=A_4_sp;Parent=A_4",
  "c1\tBakta\tgap\t600\t699\t.\t+\t.\t.",
  // A gene line folded into its CDS (Bakta <= 1.4, --compliant).
  "c1\tPyrodigal\tgene\t700\t799\t.\t+\t.\tID=A_5_gene;locus_tag=A_5;gene=abc",
  "c1\tPyrodigal\tCDS\t700\t799\t.\t+\t0\tID=A_5;Parent=A_5_gene;product=hypothetical protein\r",
  "",
].join("\n");

Deno.test("readGff3() gives the eager path's features on lines the scanner reads and hands over", () => {
  const lazy = readGff3(TRICKY, { file: "x.gff3" }).features;
  const eager = eagerFeatures(TRICKY);
  assert.equal(lazy.length, 7);
  assert.deepEqual(lazy, eager);
  assert.equal(JSON.stringify(lazy), JSON.stringify(eager));
  assert.deepEqual(structuredClone(lazy), structuredClone(eager));
  const [first, handed, repeated, crispr, , gap, folded] = lazy;
  assert.equal(first.product, "a, b; c");
  assert.equal(first.gene, "x");
  assert.deepEqual(first.dbXrefs, [{ db: "GO", accession: "0001" }, {
    db: "EC",
    accession: "1.1.1.1",
  }]);
  assert.equal(handed.locusTag, "A_2");
  assert.equal(handed.product, "escaped tag");
  assert.deepEqual(repeated.dbXrefs.map((x) => x.db), ["SO", "COG"]);
  assert.equal(repeated.truncated, "?", "1.11: pseudo=True marks a truncated CDS");
  assert.equal(crispr.product, "CRISPR array");
  assert.equal(crispr.crisprParts?.length, 3);
  assert.equal(crispr.crisprParts?.[1].nt, "ACGT");
  assert.equal(gap.id, undefined);
  assert.equal(folded.locusTag, "A_5");
  assert.equal(folded.gene, "abc");
  assert.equal(folded.hypothetical, true);
  const record = folded.original.record as Gff3OriginalRecord;
  assert.equal(record.gene?.attributes.get("ID")?.[0], "A_5_gene");
  assert.equal(record.line, 16);
});

Deno.test("readGff3(): a feature's original record is built once, replaceable, and seen by JSON and structuredClone", () => {
  const [, , , , withChild] = readGff3(TRICKY, { file: "x.gff3" }).features;
  assert.deepEqual(Object.keys(withChild.original), ["format", "record"]);
  const record = withChild.original.record as Gff3OriginalRecord;
  assert.equal(withChild.original.record, record, "the same object on every read");
  assert.deepEqual(record.children?.map((child) => child.type), ["signal_peptide"]);
  assert.ok(record.attributes instanceof Map);
  assert.deepEqual(JSON.parse(JSON.stringify(withChild)).original.record.attributes, {
    ID: ["A_4"],
    locus_tag: ["A_4"],
    product: [""],
  });
  const cloned = structuredClone(withChild.original).record as Gff3OriginalRecord;
  assert.equal(cloned.children?.[0].line, 13);
  withChild.original.record = { replaced: true };
  assert.deepEqual(withChild.original.record, { replaced: true });
});

Deno.test("readGff3() still rejects a bad attribute the model does not read, at read time, naming the line", () => {
  const head = "##sequence-region c1 1 5000\n";
  const cds = "c1\tPyrodigal\tCDS\t10\t99\t.\t+\t0\t";
  assertParseError(
    () => readGff3(`${head}${cds}ID=A_1;Name=100%;locus_tag=A_1`, { file: "x.gff3" }),
    "InvalidAttribute",
    { line: 2, message: /broken % escape/ },
  );
  assertParseError(
    () => readGff3(`${head}${cds}ID=A_1;no pair here`, { file: "x.gff3" }),
    "InvalidAttribute",
    { line: 2, message: /no "="/ },
  );
  assertParseError(
    () => readGff3(`${head}${cds}ID=A_1;=x`, { file: "x.gff3" }),
    "InvalidAttribute",
    { line: 2, message: /no tag/ },
  );
  assertParseError(
    () => readGff3(`${head}${cds}ID=A_1;Dbxref=GO:1,:2`, { file: "x.gff3" }),
    "InvalidAttribute",
    { line: 2, message: /Dbxref is ":2"/ },
  );
});
