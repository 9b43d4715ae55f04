/**
 * Seeded fuzzing of the part-A readers with mutated and truncated real Bakta outputs: every call
 * must return a valid result or throw a ParseError, never another error type, and never hang.
 */

import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { readBaktaJson } from "../../src/formats/bakta_json/read_bakta_json.ts";
import { decodeInput } from "../../src/formats/decode_input.ts";
import { detectFormat } from "../../src/formats/detect_format.ts";
import { parseFasta } from "../../src/formats/fasta/parse_fasta.ts";
import { readFasta } from "../../src/formats/fasta/read_fasta.ts";
import { ParseError } from "../../src/formats/parse_error.ts";
import { countFeatures } from "../../src/formats/run_counts.ts";
import { readBaktaSummary } from "../../src/formats/summary_txt/read_bakta_summary.ts";
import { readBaktaTsv } from "../../src/formats/tsv/read_bakta_tsv.ts";
import { readHypotheticalsTsv } from "../../src/formats/tsv/read_hypotheticals_tsv.ts";
import { readInferenceTsv } from "../../src/formats/tsv/read_inference_tsv.ts";
import { createPrng } from "../../src/testing/bakta_stand_in/prng.ts";
import { readSample, reportSamples } from "../_samples.ts";
import { type Mutation, pick, swapTwoLines } from "./_fuzz.ts";

const INTERESTING = [
  "\t",
  "\n",
  "\r\n",
  '"',
  "{",
  "}",
  "[",
  "]",
  ",",
  ":",
  "0",
  "-1",
  "x",
  ">",
  "#",
  " ",
  "NaN",
  "Infinity",
  "\\",
  "(pseudo) ",
  "crispr-spacer",
  "\u00e9",
  "\u0000",
  "99999999999999999999",
];

const at = (text: string, random: () => number) => Math.floor(random() * (text.length + 1));

const MUTATIONS: [name: string, mutate: Mutation][] = [
  ["truncate", (t, r) => t.slice(0, at(t, r))],
  ["replace", (t, r) => {
    let out = t;
    const count = 1 + Math.floor(r() * 4);
    for (let i = 0; i < count; i++) {
      const p = at(out, r);
      out = out.slice(0, p) + pick(INTERESTING, r) + out.slice(p + 1);
    }
    return out;
  }],
  ["delete", (t, r) => {
    const p = at(t, r);
    return t.slice(0, p) + t.slice(p + 1 + Math.floor(r() * 200));
  }],
  ["duplicate", (t, r) => {
    const p = at(t, r);
    const q = Math.min(t.length, p + Math.floor(r() * 300));
    return t.slice(0, q) + t.slice(p, q) + t.slice(q);
  }],
  ["swap lines", swapTwoLines],
  ["drop a tab", (t, r) => {
    const p = t.indexOf("\t", at(t, r));
    return p === -1 ? t : t.slice(0, p) + t.slice(p + 1);
  }],
];

type Reader = (input: string | Uint8Array) => unknown;

/** Every reader and what a valid result of it looks like. */
const READERS: [name: string, read: Reader, valid: (result: unknown) => void][] = [
  ["readBaktaJson", (i) => readBaktaJson(i, { file: "fuzz.json" }), validRun],
  ["readBaktaTsv", (i) => readBaktaTsv(i, { file: "fuzz.tsv" }), validRun],
  ["readInferenceTsv", (i) => readInferenceTsv(i), (r) => assert.ok(Array.isArray(r))],
  ["readHypotheticalsTsv", (i) => readHypotheticalsTsv(i), (r) => assert.ok(Array.isArray(r))],
  ["readFasta", (i) => readFasta(i), validRun],
  ["parseFasta", (i) => parseFasta(decodeInput(i)), (r) => assert.ok(Array.isArray(r))],
  ["readBaktaSummary", (i) => readBaktaSummary(i), (r) => {
    const summary = r as ReturnType<typeof readBaktaSummary>;
    assert.ok(Number.isFinite(summary.counts.cdss) && Number.isFinite(summary.sequences.length));
  }],
  ["detectFormat", (i) => detectFormat(i), (r) => assert.equal(typeof r, "string")],
];

function validRun(result: unknown) {
  const run = result as ReturnType<typeof readBaktaJson>;
  assert.ok(Array.isArray(run.features) && Array.isArray(run.sequences));
  for (const feature of run.features) {
    assert.ok(Number.isInteger(feature.start) && feature.start >= 1);
    assert.ok(Number.isInteger(feature.stop) && feature.stop >= 1);
    assert.equal(typeof feature.sequenceId, "string");
  }
  countFeatures(run); // must not throw on anything a reader returned
}

/** Samples to mutate, and the reader meant for each. */
const TARGETS: [file: string, reader: string][] = [
  ["v1.8.1-origin-spanning/TEST_6.json", "readBaktaJson"],
  ["json-schema-versions/bakta-result-1_10-without-orig-description.json", "readBaktaJson"],
  ["v1.11.4-assembly/proteins-mode/assembly.json", "readBaktaJson"],
  ["v1.11.4-assembly/assembly.tsv", "readBaktaTsv"],
  ["v1.9.4-efaecalis-CI-8050/CI-8050.tsv", "readBaktaTsv"],
  ["v1.11.4-assembly/assembly.inference.tsv", "readInferenceTsv"],
  ["v1.11.4-assembly/assembly.hypotheticals.tsv", "readHypotheticalsTsv"],
  ["v1.11.4-assembly/proteins-mode/assembly.hypotheticals.tsv", "readHypotheticalsTsv"],
  ["v1.8.1-origin-spanning/TEST_6.fna", "readFasta"],
  ["v1.11.4-assembly/assembly.hypotheticals.faa", "parseFasta"],
  ["v1.11.4-assembly/assembly.txt", "readBaktaSummary"],
  ["txt-summaries/multiqc-sample_1.txt", "readBaktaSummary"],
];

const CASES_PER_TARGET = 30;

const present = reportSamples("fuzz_json_tsv_test");

Deno.test({
  name: "readers return a valid result or throw ParseError on mutated real samples",
  ignore: !present,
  fn: () => {
    // A seeded generator, so that every run tries the same cases.
    const random = createPrng(0xba47a);
    const failures: string[] = [];
    const outcomes = { ok: 0, parseError: 0 };
    let cases = 0;
    const started = performance.now();
    // Printed for a person to look at; speed is not asserted in tests (benches measure it).
    let slowest = { ms: 0, label: "" };

    const attempt = (
      label: string,
      reader: (typeof READERS)[number],
      input: string | Uint8Array,
    ) => {
      const [name, read, valid] = reader;
      const t0 = performance.now();
      try {
        valid(read(input));
        outcomes.ok++;
      } catch (error) {
        if (error instanceof ParseError) {
          outcomes.parseError++;
          assert.ok(error.message.startsWith("Cannot parse "), error.message);
        } else {
          failures.push(`${label} ${name}: ${(error as Error)?.stack ?? error}`);
        }
      }
      const elapsed = performance.now() - t0;
      if (elapsed > slowest.ms) slowest = { ms: elapsed, label: `${label} ${name}` };
      cases++;
    };

    for (const [file, readerName] of TARGETS) {
      const text = decodeInput(readSample(file));
      const own = READERS.find(([name]) => name === readerName)!;
      for (let i = 0; i < CASES_PER_TARGET; i++) {
        const [mutationName, mutate] = pick(MUTATIONS, random);
        const mutant = mutate(text, random);
        const label = `${file} #${i} ${mutationName}`;
        attempt(label, own, mutant);
        // Every fifth case: the bytes, gzipped and sometimes cut, and a reader of another format.
        if (i % 5 === 0) {
          let bytes: Uint8Array = gzipSync(new TextEncoder().encode(mutant));
          if (random() < 0.5) bytes = bytes.subarray(0, Math.floor(random() * bytes.length));
          attempt(`${label} gzipped`, own, bytes);
          attempt(`${label} cross`, pick(READERS, random), mutant);
        }
      }
    }

    const seconds = (performance.now() - started) / 1000;
    console.log(
      `fuzz: ${cases} cases in ${seconds.toFixed(1)} s: ${outcomes.ok} valid results, ` +
        `${outcomes.parseError} ParseErrors, ${failures.length} failures; ` +
        `slowest ${slowest.ms.toFixed(0)} ms (${slowest.label})`,
    );
    assert.deepEqual(failures, []);
    assert.ok(cases >= 300, `only ${cases} cases`);
    assert.ok(outcomes.ok > 0 && outcomes.parseError > 0, "both outcomes should occur");
  },
});
