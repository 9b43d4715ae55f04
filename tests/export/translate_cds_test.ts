import assert from "node:assert/strict";
import { translateCds } from "../../src/export/translate_cds.ts";
import { parseFasta } from "../../src/formats/fasta/parse_fasta.ts";
import { readBaktaJson } from "../../src/formats/bakta_json/read_bakta_json.ts";
import { makeRun } from "../../src/testing/factory/make_run.ts";
import { readSample, reportSamples, SAMPLES_PRESENT } from "../_samples.ts";

reportSamples("tests/export/translate_cds_test.ts");

Deno.test("translateCds() reads every codon of the standard code, tables 11 and 4", () => {
  // The 64 codons in TCAG order and their amino acids (NCBI table 1 = 11 for the codons).
  const bases = "TCAG";
  const expected = "FFLLSSSSYY**CC*WLLLLPPPPHHQQRRRRIIIMTTTTNNKKSSRRVVVVAAAADDEEGGGG";
  let i = 0;
  for (const a of bases) {
    for (const b of bases) {
      for (const c of bases) {
        // Put the codon second (the first codon is a start) and end with a sense codon.
        const codon = a + b + c;
        assert.equal(translateCds(`AAA${codon}AAA`)[1], expected[i], codon);
        const table4 = codon === "TGA" ? "W" : expected[i];
        assert.equal(translateCds(`AAA${codon}AAA`, { table: 4 })[1], table4, codon);
        i++;
      }
    }
  }
});

Deno.test("translateCds() starts, stops, ambiguity and partial codons", () => {
  for (const start of ["ATG", "GTG", "TTG", "CTG", "ATT", "ATC", "ATA"]) {
    assert.equal(translateCds(`${start}AAATAA`), "MK", start);
  }
  assert.equal(translateCds("TTAAAATAA"), "LK", "TTA is not a start of table 11");
  assert.equal(translateCds("TTAAAATAA", { table: 4 }), "MK", "TTA is a start of table 4");
  assert.equal(translateCds("GTGAAATAA", { start: false }), "VK", "no real start: GTG is V");
  assert.equal(translateCds("atgaaataa"), "MK", "lower case");
  assert.equal(translateCds("ATGNNNRAATAA"), "MXX", "ambiguous bases give X");
  assert.equal(translateCds("ATGTAAAAATAA"), "M*K", "an internal stop stays");
  assert.equal(translateCds("ATGAAAGC"), "MK", "an incomplete last codon is ignored");
  assert.equal(translateCds(""), "");
  assert.throws(() => translateCds("ATG", { table: 1 as 11 }), {
    name: "RangeError",
    message: /"table"/,
  });
});

Deno.test("translateCds() agrees with the factory's proteins", () => {
  const run = makeRun({ seed: 9, sequences: 2, genomeSize: 40_000 });
  let checked = 0;
  for (const f of run.features) {
    if ((f.type !== "cds" && f.type !== "sorf") || f.pseudo || !f.nt || !f.aa) continue;
    const start = f.truncated !== "5-prime" && f.truncated !== "both";
    assert.equal(translateCds(f.nt, { start }), f.aa.replace(/\*$/, ""), f.locusTag);
    checked++;
  }
  assert.ok(checked > 20);
});

Deno.test({
  name: "translateCds() of Bakta's .ffn nucleotides gives Bakta's .faa proteins (v1.11.4)",
  ignore: !SAMPLES_PRESENT,
  fn() {
    const faa = new Map(
      parseFasta(new TextDecoder().decode(readSample("v1.11.4-assembly/assembly.faa")))
        .map((r) => [r.id, r.sequence]),
    );
    const ffn = new Map(
      parseFasta(new TextDecoder().decode(readSample("v1.11.4-assembly/assembly.ffn")))
        .map((r) => [r.id, r.sequence]),
    );
    const run = readBaktaJson(readSample("v1.11.4-assembly/assembly.json"));
    let checked = 0;
    for (const f of run.features) {
      if (f.type !== "cds" && f.type !== "sorf") continue;
      const start = f.truncated !== "5-prime" && f.truncated !== "both";
      assert.equal(
        translateCds(ffn.get(f.locusTag!)!, { start }),
        faa.get(f.locusTag!),
        f.locusTag,
      );
      checked++;
    }
    assert.equal(checked, 93, "92 CDSs (a pseudogene among them) and a sORF");
  },
});
