/**
 * `readGff3()` checks and joins a declared sequence's `##FASTA` letters when its `nt` is first
 * read. These tests hold `nt` to a brute-force reading of the same text (the lines after the
 * `>` header split and joined), and a bad letter or length to the error, file and line the eager
 * reader gave, raised from the read of `nt` instead.
 */

import assert from "node:assert/strict";
import { readGff3 } from "../../src/formats/gff3/read_gff3.ts";
import { parseGff3 } from "../../src/formats/gff3/parse_gff3.ts";
import type { Gff3SequenceRecord } from "../../src/formats/gff3/gff3_line.ts";
import { readSample, reportSamples } from "../_samples.ts";
import { assertParseError } from "./_helpers.ts";

const MINI = Deno.readTextFileSync(new URL("../testdata/bakta_mini.gff3", import.meta.url));
const present = reportSamples("gff3_lazy_sequence_nt_test");

/** Each FASTA record's letters, by brute force: the lines after `##FASTA`, split and joined. */
function bruteForce(text: string): Map<string, string> {
  const lines = text.split("\n").map((line) => line.endsWith("\r") ? line.slice(0, -1) : line);
  const parts = new Map<string, string[]>();
  let current: string[] = [];
  for (const line of lines.slice(lines.indexOf("##FASTA") + 1)) {
    if (line.startsWith(">")) parts.set(line.slice(1).split(/\s/)[0], current = []);
    else current.push(line);
  }
  return new Map([...parts].map(([id, body]) => [id, body.join("")]));
}

Deno.test("readGff3() gives each sequence's nt as the FASTA lines joined, on first read", () => {
  for (const text of [MINI, MINI.replaceAll("\n", "\r\n")]) {
    const run = readGff3(text);
    const expected = bruteForce(text);
    assert.deepEqual(run.sequences.map((s) => [s.id, s.nt]), [...expected]);
    const [first] = run.sequences;
    assert.equal(first.nt, first.nt, "the same string on each read");
    // JSON, structuredClone and spread see nt as a data property, in its place among the keys.
    const json = JSON.parse(JSON.stringify(first));
    assert.equal(json.nt, expected.get(first.id));
    assert.deepEqual(Object.keys(json), Object.keys(first));
    assert.deepEqual(structuredClone(first), json);
    assert.deepEqual({ ...first }, json);
    // The eager reader of typed lines agrees.
    const records = parseGff3(text).filter((l): l is Gff3SequenceRecord => l.kind === "sequence");
    assert.deepEqual(records.map((r) => r.sequence), [...expected.values()]);
  }
});

Deno.test("readGff3(): a sequence's nt can be replaced, and then is not checked", () => {
  const run = readGff3(MINI.replace(/^(>mini_2\n)C/m, "$1!"));
  run.sequences[1].nt = "ACGT";
  assert.equal(run.sequences[1].nt, "ACGT");
  assert.equal(JSON.parse(JSON.stringify(run.sequences[1])).nt, "ACGT");
});

Deno.test("readGff3() throws for a bad letter when the nt is read, naming the file and line", () => {
  const lines = MINI.split("\n");
  const header = lines.indexOf(">mini_2") + 1;
  // The third line of mini_2's letters gets a digit.
  lines[header + 2] = lines[header + 2].slice(0, 10) + "7" + lines[header + 2].slice(11);
  const run = readGff3(lines.join("\n"), { file: "bad.gff3" });
  assert.equal(run.sequences[0].nt, bruteForce(MINI).get("mini_1"), "the good sequence reads");
  for (const read of [() => run.sequences[1].nt, () => JSON.stringify(run)]) {
    const error = assertParseError(read, "InvalidSequence", {
      line: header + 3,
      message: /sequence "mini_2" has a character that is not a letter/,
    });
    assert.equal(error.file, "bad.gff3");
  }
});

Deno.test("readGff3() still throws at read time in a sequence of unknown length", () => {
  // No ##sequence-region nor region line: the length is the letters', so they are read now.
  const undeclared = "##gff-version 3\n##FASTA\n>c1 plasmid\nACGT\nAC!T\n";
  assertParseError(() => readGff3(undeclared), "InvalidSequence", { line: 5 });
  const run = readGff3(undeclared.replace("!", "G"));
  assert.deepEqual(run.sequences, [{
    id: "c1",
    length: 8,
    nt: "ACGTACGT",
    description: "plasmid",
  }]);
});

Deno.test({
  name: "readGff3() reads nt of the real v1.11.4 assembly.gff3 as its lines joined",
  ignore: !present,
  fn() {
    const text = new TextDecoder().decode(readSample("v1.11.4-assembly/assembly.gff3"));
    const run = readGff3(text);
    const expected = bruteForce(text);
    assert.ok(expected.size > 1);
    assert.deepEqual(run.sequences.map((s) => [s.id, s.nt]), [...expected]);
    assert.ok(run.sequences.every((s) => s.length === s.nt?.length));
  },
});
