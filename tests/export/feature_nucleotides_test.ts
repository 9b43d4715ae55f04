import assert from "node:assert/strict";
import { cutSpan, featureNucleotides } from "../../src/export/feature_nucleotides.ts";
import { makeRun } from "../../src/testing/factory/make_run.ts";
import { FEATURE_BASE, windowResidues } from "./_helpers.ts";

Deno.test("cutSpan() equals walking the bases one by one, across the origin too", () => {
  const residues = "ACGTTGCAAGCTTAGC";
  const n = residues.length;
  for (let start = 1; start <= n; start++) {
    for (let stop = 1; stop <= n; stop++) {
      assert.equal(cutSpan(residues, start, stop), windowResidues(residues, start, stop));
    }
  }
  assert.throws(() => cutSpan(residues, 0, 3), {
    name: "RangeError",
    message: /start 0 is not within/,
  });
  assert.throws(() => cutSpan(residues, 3, n + 1), /not within 1\.\.16/);
});

Deno.test("featureNucleotides() cut from the residues equals the factory's nt of every feature", () => {
  for (const circular of [true, false]) {
    const run = makeRun({ seed: 13, sequences: 3, genomeSize: 30_000, circular });
    const sequences = new Map(run.sequences.map((s) => [s.id, s]));
    let edges = 0;
    let minus = 0;
    for (const feature of run.features) {
      if (feature.type === "gap" || feature.nt === undefined) continue;
      const cut = featureNucleotides(
        { ...feature, nt: undefined },
        sequences.get(feature.sequenceId),
      );
      assert.equal(
        cut,
        feature.nt.toUpperCase(),
        `${feature.type} ${feature.start}..${feature.stop}`,
      );
      if (feature.edge) edges++;
      if (feature.strand === "-") minus++;
    }
    assert.equal(edges > 0, circular);
    assert.ok(minus > 0);
  }
});

Deno.test("featureNucleotides() prefers the stored nt and needs residues otherwise", () => {
  const feature = { ...FEATURE_BASE, type: "cds" as const, start: 1, stop: 3 };
  assert.equal(
    featureNucleotides({ ...feature, nt: "TTT" }, { id: "c1", length: 3, nt: "AAA" }),
    "TTT",
  );
  assert.equal(featureNucleotides(feature, { id: "c1", length: 3 }), undefined);
  assert.equal(featureNucleotides(feature, undefined), undefined);
  assert.equal(
    featureNucleotides({ ...feature, strand: "-" }, { id: "c1", length: 3, nt: "aac" }),
    "GTT",
  );
});
