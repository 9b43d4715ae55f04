/**
 * Property tests of the GenBank/EMBL tokenising (the feature table scanned by index, the ORIGIN
 * and SQ letters copied into one buffer): generated records are written here by a small writer
 * of this test's own, with line breaks at random places (text values wrap at a space, which the
 * reader turns back into one; `/translation` and locations wrap anywhere and are joined without
 * one), quotes doubled, continuation lines that start with "/" inside a quoted value, flags,
 * unquoted values, CRLF line ends and blank lines, and must read back as the generated values.
 * The whole-text front-end (`parseGenbank`, `parseEmbl`: index ranges) and the streaming one
 * (`…ParseStream`: one string per line) must agree.
 */

import assert from "node:assert/strict";
import fc from "fast-check";
import { parseGenbank } from "../../src/formats/genbank/parse_genbank.ts";
import { GenbankParseStream } from "../../src/formats/genbank/genbank_parse_stream.ts";
import { parseEmbl } from "../../src/formats/embl/parse_embl.ts";
import { EmblParseStream } from "../../src/formats/embl/embl_parse_stream.ts";
import type { InsdcFeature, InsdcQualifier, InsdcRecord } from "../../src/formats/insdc/mod.ts";

/** A qualifier as generated, with where its lines break. */
interface GeneratedQualifier extends InsdcQualifier {
  /** Fractions in (0, 1) of the value's length where the writer breaks the line. */
  breaks: readonly number[];
}

interface GeneratedFeature {
  key: string;
  location: string;
  locationBreaks: readonly number[];
  qualifiers: GeneratedQualifier[];
}

interface GeneratedRecord {
  features: GeneratedFeature[];
  sequence: string;
  lineWidth: number;
  crlf: boolean;
  blankLines: boolean;
}

/** Words of a text value: letters, digits, punctuation, quotes, slashes, `=`, non-ASCII. */
const word = fc.stringMatching(/^[A-Za-z0-9"\/=().,:;'é\-+*%#&<>]{1,12}$/);
const textValue = fc.array(word, { minLength: 1, maxLength: 8 }).map((words) => words.join(" "));
const breaks = fc.array(fc.double({ min: 0.01, max: 0.99, noNaN: true }), { maxLength: 3 });

const qualifier: fc.Arbitrary<GeneratedQualifier> = fc.oneof(
  fc.record({
    name: fc.constantFrom("product", "note", "inference", "gene", "db_xref", "locus_tag"),
    value: textValue,
    quoted: fc.constant(true),
    breaks,
  }),
  fc.record({
    name: fc.constant("translation"),
    value: fc.stringMatching(/^[A-Z*]{1,200}$/),
    quoted: fc.constant(true),
    breaks,
  }),
  fc.record({
    name: fc.constantFrom("codon_start", "transl_table"),
    value: fc.integer({ min: 1, max: 25 }).map(String),
    quoted: fc.constant(false),
    breaks: fc.constant([]),
  }),
  fc.record({
    name: fc.constantFrom("pseudo", "ribosomal_slippage"),
    breaks: fc.constant([]),
  }),
);

const location = fc.array(
  fc.tuple(fc.integer({ min: 1, max: 9000 }), fc.integer({ min: 0, max: 900 })),
  { minLength: 1, maxLength: 4 },
).map((parts) => {
  const ranges = parts.map(([start, extra]) => `${start}..${start + extra}`);
  return ranges.length === 1 ? ranges[0] : `join(${ranges.join(",")})`;
});

const feature: fc.Arbitrary<GeneratedFeature> = fc.record({
  key: fc.constantFrom("CDS", "gene", "tRNA", "misc_feature", "repeat_region", "rep_origin"),
  location,
  locationBreaks: breaks,
  qualifiers: fc.array(qualifier, { maxLength: 6 }),
});

const record: fc.Arbitrary<GeneratedRecord> = fc.record({
  features: fc.array(feature, { maxLength: 5 }),
  sequence: fc.stringMatching(/^[acgtnACGTN]{1,400}$/),
  lineWidth: fc.constantFrom(10, 60, 61, 70),
  crlf: fc.boolean(),
  blankLines: fc.boolean(),
});

/** Cuts `text` at the given fractions of its length (only at spaces when `atSpaces`). */
function cut(text: string, fractions: readonly number[], atSpaces: boolean): string[] {
  const points = new Set<number>();
  for (const fraction of fractions) {
    let at = Math.round(fraction * text.length);
    if (atSpaces) {
      const space = text.indexOf(" ", at);
      if (space < 0) continue;
      at = space;
    }
    if (at > 0 && at < text.length) points.add(at);
  }
  const pieces: string[] = [];
  let from = 0;
  for (const at of [...points].sort((a, b) => a - b)) {
    pieces.push(text.slice(from, at));
    from = atSpaces ? at + 1 : at;
  }
  pieces.push(text.slice(from));
  return pieces.filter((piece) => piece !== "");
}

/** The feature-table lines (from column 6 on, without the prefix) of one feature. */
function featureLines(generated: GeneratedFeature): string[] {
  const indent = " ".repeat(16);
  const [first, ...rest] = cut(generated.location, generated.locationBreaks, false);
  const lines = [`${generated.key.padEnd(16)}${first}`, ...rest.map((part) => indent + part)];
  for (const q of generated.qualifiers) {
    if (q.value === undefined) {
      lines.push(`${indent}/${q.name}`);
      continue;
    }
    const written = q.quoted ? `"${q.value.replaceAll('"', '""')}"` : q.value;
    const [head, ...tail] = cut(written, q.breaks, q.name !== "translation");
    lines.push(`${indent}/${q.name}=${head}`, ...tail.map((piece) => indent + piece));
  }
  return lines;
}

function genbankText(generated: GeneratedRecord): string {
  const { sequence, lineWidth } = generated;
  const lines = [
    `LOCUS       c1 ${String(sequence.length).padStart(20)} bp    DNA     linear   BCT 01-JAN-2025`,
    "FEATURES             Location/Qualifiers",
  ];
  for (const f of generated.features) {
    for (const line of featureLines(f)) lines.push(`     ${line}`);
    if (generated.blankLines) lines.push("");
  }
  lines.push("ORIGIN");
  for (let at = 0; at < sequence.length; at += lineWidth) {
    const blocks = sequence.slice(at, at + lineWidth).match(/.{1,10}/g)!;
    lines.push(`${String(at + 1).padStart(9)} ${blocks.join(" ")}`);
  }
  lines.push("//");
  return lines.join(generated.crlf ? "\r\n" : "\n");
}

function emblText(generated: GeneratedRecord): string {
  const { sequence, lineWidth } = generated;
  const lines = [`ID   c1; ; linear; DNA; ; PRO; ${sequence.length} BP.`, "XX"];
  for (const f of generated.features) {
    for (const line of featureLines(f)) lines.push(`FT   ${line}`);
    if (generated.blankLines) lines.push("FT");
  }
  lines.push(`SQ   Sequence ${sequence.length} BP;`);
  for (let at = 0; at < sequence.length; at += lineWidth) {
    const blocks = sequence.slice(at, at + lineWidth).match(/.{1,10}/g)!;
    const count = Math.min(at + lineWidth, sequence.length);
    lines.push(`     ${blocks.join(" ").padEnd(66)} ${String(count).padStart(9)}`);
  }
  lines.push("//");
  return lines.join(generated.crlf ? "\r\n" : "\n");
}

/** What the reader must give back: the generated features without the line breaks. */
function expectedFeatures(generated: GeneratedRecord): Omit<InsdcFeature, "line">[] {
  return generated.features.map((f) => ({
    key: f.key,
    location: f.location,
    qualifiers: f.qualifiers.map(({ breaks: _, ...q }) => q),
  }));
}

function withoutLines(parsed: InsdcRecord): Omit<InsdcFeature, "line">[] {
  return parsed.features.map(({ line: _, ...f }) => f);
}

async function streamed(
  text: string,
  stream: TransformStream<string, InsdcRecord>,
): Promise<InsdcRecord[]> {
  return await Array.fromAsync(ReadableStream.from(text.split("\n")).pipeThrough(stream));
}

Deno.test("parseGenbank() reads generated feature tables and sequences back as written", async () => {
  await fc.assert(
    fc.asyncProperty(record, async (generated) => {
      const text = genbankText(generated);
      const [parsed] = parseGenbank(text, { file: "generated.gbff" });
      assert.deepEqual(withoutLines(parsed), expectedFeatures(generated));
      assert.equal(parsed.sequence, generated.sequence);
      assert.deepEqual(await streamed(text, new GenbankParseStream()), [parsed]);
    }),
    { numRuns: 300 },
  );
});

Deno.test("parseEmbl() reads generated feature tables and sequences back as written", async () => {
  await fc.assert(
    fc.asyncProperty(record, async (generated) => {
      const text = emblText(generated);
      const [parsed] = parseEmbl(text, { file: "generated.embl" });
      assert.deepEqual(withoutLines(parsed), expectedFeatures(generated));
      assert.equal(parsed.sequence, generated.sequence);
      assert.deepEqual(await streamed(text, new EmblParseStream()), [parsed]);
    }),
    { numRuns: 300 },
  );
});

Deno.test("parseGenbank() and parseEmbl() agree on every generated record", () => {
  fc.assert(
    fc.property(record, (generated) => {
      const [genbank] = parseGenbank(genbankText(generated));
      const [embl] = parseEmbl(emblText(generated));
      assert.deepEqual(withoutLines(embl), withoutLines(genbank));
      assert.equal(embl.sequence, genbank.sequence);
    }),
    { numRuns: 200 },
  );
});
