/**
 * `@gmod/gff` (the GMOD GFF3 parser) as an independent oracle for `parseGff3()`: on the same text
 * both must see the same feature lines (columns and decoded attributes), comments, directives and
 * `##FASTA` sequences. (`@gmod/gff` nests children under their parents and groups lines that share
 * an ID; both are flattened here. It reports phase as a string and a `.` strand as null.)
 */

import assert from "node:assert/strict";
import { parseStringSync } from "@gmod/gff";
import { parseGff3 } from "../../src/formats/gff3/parse_gff3.ts";
import type { Gff3Line } from "../../src/formats/gff3/gff3_line.ts";
import { decodeInput } from "../../src/formats/decode_input.ts";
import { readSample, reportSamples } from "../_samples.ts";

const MINI = Deno.readTextFileSync(new URL("../testdata/bakta_mini.gff3", import.meta.url));
const present = reportSamples("gff3_gmod_oracle_test");

interface FlatLine {
  seqid: string;
  source: string | null;
  type: string;
  start: number;
  end: number;
  score: number | null;
  strand: string | null;
  phase: string | null;
  attributes: Record<string, string[]>;
}

interface GmodLine {
  seq_id: string | null;
  source: string | null;
  type: string | null;
  start: number | null;
  end: number | null;
  score: number | null;
  strand: string | null;
  phase: string | null;
  attributes: Record<string, string[] | undefined> | null;
  child_features: GmodLine[][];
}

function flattenGmod(feature: GmodLine[], out: FlatLine[]): void {
  for (const line of feature) {
    const attributes: Record<string, string[]> = {};
    for (const [tag, values] of Object.entries(line.attributes ?? {})) {
      if (values !== undefined) attributes[tag] = values;
    }
    out.push({
      seqid: line.seq_id!,
      source: line.source,
      type: line.type!,
      start: line.start!,
      end: line.end!,
      score: line.score,
      strand: line.strand,
      phase: line.phase,
      attributes,
    });
    for (const child of line.child_features) flattenGmod(child, out);
  }
}

function ours(lines: Gff3Line[]): FlatLine[] {
  return lines.flatMap((line) =>
    line.kind !== "feature" ? [] : [{
      seqid: line.seqid,
      source: line.source ?? null,
      type: line.type,
      start: line.start,
      end: line.end,
      score: line.score ?? null,
      strand: line.strand === "." ? null : line.strand,
      phase: line.phase === undefined ? null : String(line.phase),
      attributes: Object.fromEntries(line.attributes),
    }]
  );
}

const key = (line: FlatLine) => JSON.stringify(line);

function compare(text: string, name: string): number {
  const gmod = parseStringSync(text, {
    parseSequences: true,
    parseComments: true,
    parseDirectives: true,
  }) as unknown[];
  const expected: FlatLine[] = [];
  const comments: string[] = [];
  const directives: string[] = [];
  const sequences: [string, string][] = [];
  for (const item of gmod) {
    if (Array.isArray(item)) flattenGmod(item as GmodLine[], expected);
    else if ("comment" in (item as object)) comments.push((item as { comment: string }).comment);
    else if ("directive" in (item as object)) {
      const { directive, value } = item as { directive: string; value?: string };
      directives.push(value === undefined ? directive : `${directive} ${value}`);
    } else {
      const { id, sequence } = item as { id: string; sequence: string };
      sequences.push([id, sequence]);
    }
  }
  const lines = parseGff3(text, { file: name });
  const actual = ours(lines);
  assert.equal(actual.length, expected.length, `${name}: feature lines`);
  assert.deepEqual(actual.map(key).sort(), expected.map(key).sort(), name);
  assert.deepEqual(
    lines.flatMap((line) => (line.kind === "comment" ? [line.text] : [])),
    comments,
    `${name}: comments`,
  );
  assert.deepEqual(
    lines.flatMap((line) =>
      line.kind === "directive" && line.name !== "FASTA" && line.name !== "#"
        ? [line.value === undefined ? line.name : `${line.name} ${line.value}`]
        : []
    ).sort(),
    directives.sort(),
    `${name}: directives`,
  );
  assert.deepEqual(
    lines.flatMap((line) => (line.kind === "sequence" ? [[line.id, line.sequence]] : [])),
    sequences,
    `${name}: sequences`,
  );
  return actual.length;
}

Deno.test("parseGff3() sees the same lines as @gmod/gff on the fixture", () => {
  assert.equal(compare(MINI, "bakta_mini.gff3"), 18);
});

Deno.test({
  name: "parseGff3() sees the same lines as @gmod/gff on real Bakta GFF3",
  ignore: !present,
  fn() {
    for (
      const file of [
        "v1.9.4-efaecalis-CI-8050/CI-8050.gff3",
        "v1.11.4-assembly/assembly.gff3",
        "v1.5.1-saureus-pair/C22.gff3.gz",
        "v1.9.2-spneumoniae-cohort/6952-4-17.gff3.gz",
      ]
    ) {
      assert.ok(compare(decodeInput(readSample(file), file), file) > 90, file);
    }
  },
});
