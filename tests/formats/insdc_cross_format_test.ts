/**
 * The same Bakta run read from GFF3, GenBank, EMBL and JSON: the readers must agree on every
 * feature, except where Bakta itself writes the formats differently. Those differences, found in
 * the samples and in Bakta's writers (bakta/io/gff.py, bakta/io/insdc.py), are asserted here:
 *
 * 1. oriV: the JSON says `oriV`; Bakta 1.10+ writes it to GFF3 with the SO type `oriC`, and to
 *    GenBank/EMBL as `rep_origin`, the key it also uses for oriC: both read as `oriC`.
 * 2. Truncated CDS (v1.11.4 MEGJMN_001, `truncated: "5-prime"` in JSON): GFF3 writes only
 *    `pseudo=True` (readGff3: `truncated: "?"`, not a pseudogene); GenBank/EMBL write `/pseudo`,
 *    the partial location `<1..894` and the note "(5' truncated)" (read: `"5-prime"`).
 * 3. Pseudogene that is also truncated (MEGJMN_024): JSON `pseudogene` + `truncated`; GFF3 writes
 *    only `pseudogene=unitary` (truncation lost); GenBank/EMBL `/pseudogene="unitary"` and `<18169`.
 * 4. Proteins: GenBank/EMBL carry `/translation` except for pseudogenes; GFF3 has none.
 * 5. The JSON's internal feature `id` of features with a locus tag is written nowhere else (GFF3's
 *    `ID` is the locus tag); ids of other features (ncRNA-region, oriV) are the GFF3 `ID`, and
 *    GenBank/EMBL have none.
 * 6. Strands: INSDC cannot write `?` or `.`; the INSDC readers give CRISPR arrays and origins `?`
 *    and gaps `.` when not complemented, which matches the JSON in every sample.
 * 7. Sequences: GenBank/EMBL `DEFINITION`/`DE` is not the JSON `description` (which holds Bakta's
 *    `[gcode=11] …` tags); type, name and completeness agree.
 */

import assert from "node:assert/strict";
import { readGff3 } from "../../src/formats/gff3/read_gff3.ts";
import { readGenbank } from "../../src/formats/genbank/read_genbank.ts";
import { readEmbl } from "../../src/formats/embl/read_embl.ts";
import { readBaktaJson } from "../../src/formats/bakta_json/read_bakta_json.ts";
import type { BaktaRun, Feature } from "../../src/formats/model.ts";
import { readSample, reportSamples } from "../_samples.ts";

const present = reportSamples("insdc_cross_format_test");

/** The fields every format must agree on (oriV folded into oriC, see 1.). */
function core(feature: Feature) {
  return {
    type: feature.type === "oriV" ? "oriC" : feature.type,
    sequenceId: feature.sequenceId,
    start: feature.start,
    stop: feature.stop,
    strand: feature.strand,
    edge: feature.edge,
    locusTag: feature.locusTag,
    gene: feature.gene,
    product: feature.product,
    hypothetical: feature.hypothetical,
    dbXrefs: feature.dbXrefs,
  };
}

function sorted(run: BaktaRun): Feature[] {
  return [...run.features].sort((a, b) =>
    a.sequenceId.localeCompare(b.sequenceId) || a.start - b.start || a.type.localeCompare(b.type)
  );
}

function read(prefix: string, formats: string[]): Record<string, BaktaRun> {
  const runs: Record<string, BaktaRun> = {};
  for (const format of formats) {
    const file = `${prefix}.${format}`;
    const bytes = readSample(file);
    runs[format] = format === "gff3"
      ? readGff3(bytes, { file })
      : format === "gbff"
      ? readGenbank(bytes, { file })
      : format === "embl"
      ? readEmbl(bytes, { file })
      : readBaktaJson(bytes, { file });
  }
  return runs;
}

for (
  const [prefix, formats] of [
    ["v1.11.4-assembly/assembly", ["json", "gff3", "gbff", "embl"]],
    ["v1.8.1-origin-spanning/TEST_6", ["json", "gff3", "gbff"]],
  ] as const
) {
  Deno.test({
    name: `readGff3(), readGenbank(), readEmbl() and readBaktaJson() agree on ${prefix}`,
    ignore: !present,
    fn() {
      const runs = read(prefix, [...formats]);
      const json = sorted(runs.json);
      for (const format of formats) {
        const features = sorted(runs[format]);
        assert.equal(features.length, json.length, format);
        assert.deepEqual(features.map(core), json.map(core), format);
        assert.deepEqual(
          runs[format].sequences.map((s) => [s.id, s.length, s.topology, s.nt]),
          runs.json.sequences.map((s) => [s.id, s.length, s.topology, s.nt]),
          format,
        );
        assert.deepEqual(runs[format].software, runs.json.software, format);
      }
      for (const format of formats.filter((f) => f === "gbff" || f === "embl")) {
        // 7.
        assert.deepEqual(
          runs[format].sequences.map((s) => [s.type, s.name, s.complete]),
          runs.json.sequences.map((s) => [s.type, s.name, s.complete]),
          format,
        );
        // 2., 3. and 4.: GenBank/EMBL say as much as the JSON about truncation, pseudogenes and
        // proteins (but for a pseudogene's protein).
        const features = sorted(runs[format]);
        assert.deepEqual(
          features.map((f) => [f.truncated, f.pseudo, f.aa]),
          json.map((f) => [f.truncated, f.pseudo, f.pseudo ? undefined : f.aa]),
          format,
        );
      }
      // 2. and 3. for GFF3: a truncated CDS is `truncated: "?"`; a pseudogene loses its truncation.
      const gff3 = sorted(runs.gff3);
      assert.deepEqual(
        gff3.map((f) => [f.pseudo, f.truncated]),
        json.map((
          f,
        ) => [f.pseudo, f.pseudo ? undefined : f.truncated === undefined ? undefined : "?"]),
      );
      // 5.
      assert.deepEqual(
        gff3.map((f) => f.id),
        json.map((f) => (f.locusTag === undefined ? f.id : undefined)),
      );
    },
  });
}

Deno.test({
  name: "the differences Bakta writes between formats are the documented ones (v1.11.4-assembly)",
  ignore: !present,
  fn() {
    const runs = read("v1.11.4-assembly/assembly", ["json", "gff3", "gbff"]);
    const find = (run: BaktaRun, where: (f: Feature) => boolean) => run.features.find(where)!;
    // 1.
    assert.equal(find(runs.json, (f) => f.start === 895).type, "oriV");
    assert.equal(find(runs.gff3, (f) => f.start === 895).type, "oriC");
    assert.equal(find(runs.gbff, (f) => f.start === 895).type, "oriC");
    // 2.
    const truncated = (run: BaktaRun) => find(run, (f) => f.locusTag === "MEGJMN_001");
    assert.deepEqual([truncated(runs.json).pseudo, truncated(runs.json).truncated], [
      false,
      "5-prime",
    ]);
    assert.deepEqual([truncated(runs.gff3).pseudo, truncated(runs.gff3).truncated], [false, "?"]);
    assert.deepEqual([truncated(runs.gbff).pseudo, truncated(runs.gbff).truncated], [
      false,
      "5-prime",
    ]);
    // 3.
    const pseudogene = (run: BaktaRun) => find(run, (f) => f.locusTag === "MEGJMN_024");
    assert.deepEqual([pseudogene(runs.json).pseudo, pseudogene(runs.json).truncated], [
      true,
      "5-prime",
    ]);
    assert.deepEqual([pseudogene(runs.gff3).pseudo, pseudogene(runs.gff3).truncated], [
      true,
      undefined,
    ]);
    assert.deepEqual([pseudogene(runs.gbff).pseudo, pseudogene(runs.gbff).truncated], [
      true,
      "5-prime",
    ]);
    // 4.
    assert.ok(pseudogene(runs.json).aa !== undefined && pseudogene(runs.gbff).aa === undefined);
    assert.ok(runs.gff3.features.every((f) => f.aa === undefined));
  },
});
