/**
 * Fuzzing the GFF3, GenBank and EMBL readers with mutated and truncated real files (and the
 * fixtures, so that the test runs without the samples too): whatever the damage, the readers may
 * only succeed or throw a ParseError, never another error type, and never hang. Seeded, so that a
 * failure can be replayed.
 */

import assert from "node:assert/strict";
import { ParseError } from "../../src/formats/parse_error.ts";
import { readGff3 } from "../../src/formats/gff3/read_gff3.ts";
import { readGenbank } from "../../src/formats/genbank/read_genbank.ts";
import { readEmbl } from "../../src/formats/embl/read_embl.ts";
import type { BaktaRun } from "../../src/formats/model.ts";
import { decodeInput } from "../../src/formats/decode_input.ts";
import { createPrng } from "../../src/testing/bakta_stand_in/prng.ts";
import { readSample, reportSamples } from "../_samples.ts";
import { type Mutation, pick, swapTwoLines } from "./_fuzz.ts";

const present = reportSamples("fuzz_gff3_insdc_test");
const SEED = 0x5eed_b4c7;
const CASES_PER_INPUT = 60;

const NASTY = [
  "\t",
  "%",
  ";",
  "=",
  ",",
  '"',
  "(",
  ")",
  "<",
  ">",
  "\n",
  "/",
  ".",
  " ",
  "0",
  "9",
  "-",
  "^",
  ":",
  "x",
  "\r",
  "é",
  ">",
  "#",
  "/",
];

const MUTATIONS: [string, Mutation][] = [
  ["truncate", (text, random) => text.slice(0, Math.floor(random() * text.length))],
  ["replace a character", (text, random) => {
    const at = Math.floor(random() * text.length);
    return text.slice(0, at) + pick(NASTY, random) + text.slice(at + 1);
  }],
  ["insert characters", (text, random) => {
    const at = Math.floor(random() * text.length);
    const count = 1 + Math.floor(random() * 4);
    let inserted = "";
    for (let i = 0; i < count; i++) inserted += pick(NASTY, random);
    return text.slice(0, at) + inserted + text.slice(at);
  }],
  ["delete a line", (text, random) => {
    const lines = text.split("\n");
    lines.splice(Math.floor(random() * lines.length), 1);
    return lines.join("\n");
  }],
  ["duplicate a line", (text, random) => {
    const lines = text.split("\n");
    const at = Math.floor(random() * lines.length);
    lines.splice(at, 0, lines[at]);
    return lines.join("\n");
  }],
  ["swap two lines", swapTwoLines],
  ["change a number", (text, random) => {
    const numbers = [...text.matchAll(/\d+/g)];
    if (numbers.length === 0) return text;
    const match = pick(numbers, random);
    const replacement = pick(
      ["0", "-1", "999999999", String(Number(match[0]) + 1), "1e3", ""],
      random,
    );
    return text.slice(0, match.index) + replacement + text.slice(match.index! + match[0].length);
  }],
  ["truncate a line", (text, random) => {
    const lines = text.split("\n");
    const at = Math.floor(random() * lines.length);
    lines[at] = lines[at].slice(0, Math.floor(random() * lines[at].length));
    return lines.join("\n");
  }],
];

interface Input {
  name: string;
  text: string;
  read: (text: string) => BaktaRun;
}

function inputs(): Input[] {
  const fixture = (name: string) =>
    Deno.readTextFileSync(new URL(`../testdata/${name}`, import.meta.url));
  const list: Input[] = [
    { name: "bakta_mini.gff3", text: fixture("bakta_mini.gff3"), read: (t) => readGff3(t) },
    { name: "bakta_mini.gbff", text: fixture("bakta_mini.gbff"), read: (t) => readGenbank(t) },
    { name: "bakta_mini.embl", text: fixture("bakta_mini.embl"), read: (t) => readEmbl(t) },
  ];
  if (present) {
    const sample = (file: string) => decodeInput(readSample(file), file);
    const ci8050 = sample("v1.9.4-efaecalis-CI-8050/CI-8050.gff3");
    list.push(
      {
        name: "assembly.gff3",
        text: sample("v1.11.4-assembly/assembly.gff3"),
        read: (t) => readGff3(t),
      },
      {
        name: "assembly.gbff",
        text: sample("v1.11.4-assembly/assembly.gbff"),
        read: (t) => readGenbank(t),
      },
      {
        name: "assembly.embl",
        text: sample("v1.11.4-assembly/assembly.embl"),
        read: (t) => readEmbl(t),
      },
      {
        name: "TEST_6.gff3",
        text: sample("v1.8.1-origin-spanning/TEST_6.gff3"),
        read: (t) => readGff3(t),
      },
      {
        name: "TEST_6.gbff",
        text: sample("v1.8.1-origin-spanning/TEST_6.gbff"),
        read: (t) => readGenbank(t),
      },
      // The feature part of CI-8050 (with its CRISPR array), without the 2.7 MB ##FASTA section.
      {
        name: "CI-8050.gff3 (features)",
        text: ci8050.slice(0, ci8050.indexOf("##FASTA")),
        read: (t) => readGff3(t),
      },
    );
  }
  return list;
}

Deno.test("the GFF3, GenBank and EMBL readers throw only ParseError on damaged input", () => {
  const random = createPrng(SEED);
  let cases = 0;
  let parseErrors = 0;
  // The slowest case is printed for a person to look at; speed is not asserted (benches measure it).
  let slowest = { ms: 0, label: "" };
  const kinds = new Set<string>();
  for (const input of inputs()) {
    input.read(input.text); // the undamaged input reads
    for (let i = 0; i < CASES_PER_INPUT; i++) {
      const [mutationName, mutate] = pick(MUTATIONS, random);
      const damaged = mutate(input.text, random);
      const label = `${input.name}, case ${i} (${mutationName}, seed ${SEED})`;
      const started = performance.now();
      try {
        input.read(damaged);
      } catch (error) {
        if (!(error instanceof ParseError)) {
          assert.fail(
            `${label}: ${(error as Error)?.constructor?.name}: ${(error as Error)?.message}`,
          );
        }
        assert.ok(error.file !== undefined && error.message.startsWith("Cannot parse "), label);
        kinds.add(error.kind);
        parseErrors++;
      }
      const elapsed = performance.now() - started;
      if (elapsed > slowest.ms) slowest = { ms: elapsed, label };
      cases++;
    }
  }
  assert.ok(cases >= (present ? 500 : 180), `${cases} cases`);
  assert.ok(
    parseErrors > cases / 4,
    `only ${parseErrors} of ${cases} damaged inputs were rejected`,
  );
  console.log(
    `fuzz: ${cases} cases, ${parseErrors} ParseErrors of kinds ${[...kinds].sort().join(", ")}; ` +
      `slowest ${slowest.ms.toFixed(0)} ms (${slowest.label})`,
  );
});
