import assert from "node:assert/strict";
import { compareAnnotations } from "../../src/analysis/annotation_diff.ts";
import type { BaktaRun, Feature } from "../../src/formats/model.ts";
import { importRun } from "../../src/store/import_run.ts";
import { makeRun } from "../../src/testing/factory/mod.ts";
import { insertAnnotation } from "../query/_fixture.ts";
import { engineTest } from "../_engines.ts";
import { freshDatabase } from "../_fresh_database.ts";

/** A "newer Bakta" run of the same sequences: some features dropped, added, renamed, retyped. */
function newerRun(run: BaktaRun): BaktaRun {
  const features: Feature[] = [];
  run.features.forEach((feature, i) => {
    if (i % 9 === 4) return; // removed
    const copy: Feature = { ...feature, dbXrefs: [...feature.dbXrefs] };
    if (i % 7 === 2) copy.product = `${feature.product ?? "unnamed"} (renamed)`;
    if (i % 11 === 3) copy.gene = feature.gene === undefined ? "newG" : undefined;
    if (i === 5 && feature.type === "cds") copy.type = "sorf";
    features.push(copy);
  });
  const chromosome = run.sequences[0];
  for (let k = 0; k < 3; k++) {
    const start = 10 + k * 7;
    features.push({
      type: "ncRNA-region",
      sequenceId: chromosome.id,
      start,
      stop: start + 40,
      strand: "-",
      edge: false,
      hypothetical: false,
      pseudo: false,
      product: `new region ${k}`,
      dbXrefs: [],
      original: { format: "json", record: {} },
    });
  }
  return { ...run, software: { ...run.software, bakta: "9.9.9" }, features };
}

type DiffRow = Record<string, unknown>;

function bruteDiff(before: BaktaRun, after: BaktaRun): string[] {
  const key = (f: Feature) => `${f.sequenceId}|${f.start}|${f.stop}|${f.strand}`;
  const index = (run: BaktaRun) => {
    const map = new Map<string, Feature>();
    for (const f of run.features) {
      assert.ok(!map.has(key(f)), `duplicate coordinates ${key(f)}`);
      map.set(key(f), f);
    }
    return map;
  };
  const b = index(before);
  const a = index(after);
  const rows: string[] = [];
  for (const [k, f] of b) {
    const g = a.get(k);
    if (g === undefined) rows.push(`removed|${k}|${f.product ?? null}|null`);
    else {
      const changed = [
        (f.product ?? null) !== (g.product ?? null),
        (f.gene ?? null) !== (g.gene ?? null),
        f.type !== g.type,
      ];
      if (changed.some(Boolean)) {
        rows.push(
          `changed|${k}|${f.product ?? null}|${g.product ?? null}|${changed.map(Number).join("")}`,
        );
      }
    }
  }
  for (const [k, g] of a) if (!b.has(k)) rows.push(`added|${k}|null|${g.product ?? null}`);
  return rows.sort();
}

function diffKeys(rows: DiffRow[]): string[] {
  return rows.map((r) => {
    const k = `${r.sequence}|${r.start}|${r.stop}|${r.strand}`;
    return r.status === "changed"
      ? `changed|${k}|${r.product_before}|${r.product_after}|${r.product_changed}${r.gene_changed}${r.type_changed}`
      : `${r.status}|${k}|${r.product_before}|${r.product_after}`;
  }).sort();
}

engineTest(
  "compareAnnotations() finds what a newer run added, removed and changed, as a brute force does",
  async () => {
    await using db = await freshDatabase();
    const before = makeRun({ seed: 21, sequences: 2, featuresPerSequence: 60 });
    const after = newerRun(before);
    const first = await importRun(db, before, { genome: "g" });
    const second = await importRun(db, after, { genome: "g" });
    assert.equal(second.status, "imported");
    assert.equal(second.sequenceVersion, first.sequenceVersion, "the same sequences");
    const rows = (await compareAnnotations(db, {
      before: first.annotationId,
      after: second.annotationId,
    })).objects() as DiffRow[];
    const expected = bruteDiff(before, after);
    assert.ok(
      ["added", "removed", "changed"].every((s) => expected.some((k) => k.startsWith(s))),
    );
    assert.deepEqual(diffKeys(rows), expected);
    // Ordered by position.
    const order = rows.map((r) => [r.sequence, r.start] as [string, number]);
    assert.deepEqual(
      order,
      [...order].sort((x, y) => x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] - y[1]),
    );
    // With the unchanged ones, every feature of both sides is accounted for.
    const all = (await compareAnnotations(db, {
      before: first.annotationId,
      after: second.annotationId,
      includeUnchanged: true,
    })).objects() as DiffRow[];
    const beforeSide = all.filter((r) => r.before_id !== null).length;
    const afterSide = all.filter((r) => r.after_id !== null).length;
    assert.deepEqual([beforeSide, afterSide], [before.features.length, after.features.length]);
  },
);

engineTest("compareAnnotations() pairs features with the same coordinates by type", async () => {
  await using db = await freshDatabase();
  const seq = [{ seqId: "c", length: 1000, topology: "circular" as const }];
  const a = await insertAnnotation(db, "g", seq, [
    { seqId: "c", start: 10, stop: 90, type: "ncRNA", product: "RNA x" },
    { seqId: "c", start: 10, stop: 90, type: "ncRNA-region", product: "region x" },
    { seqId: "c", start: 950, stop: 20, edge: true, product: "edge protein" },
  ]);
  const b = await insertAnnotation(db, "g", seq, [
    { seqId: "c", start: 10, stop: 90, type: "ncRNA-region", product: "region x" },
    { seqId: "c", start: 10, stop: 90, type: "ncRNA", product: "RNA y" },
    { seqId: "c", start: 950, stop: 20, edge: true, product: "edge protein", gene: "edgA" },
  ]);
  const rows = (await compareAnnotations(db, { before: a.annotationId, after: b.annotationId }))
    .objects() as DiffRow[];
  assert.deepEqual(
    rows.map((
      r,
    ) => [r.status, r.start, r.type_before, r.product_before, r.product_after, r.gene_after]),
    [
      ["changed", 10, "ncRNA", "RNA x", "RNA y", null],
      ["changed", 950, "cds", "edge protein", "edge protein", "edgA"],
    ],
  );
  await assert.rejects(
    compareAnnotations(db, { before: a.annotationId, after: 999 }),
    (e: unknown) => e instanceof RangeError && /annotation 999/.test(e.message),
  );
  await assert.rejects(compareAnnotations(db, { before: 0, after: 1 }), {
    name: "RangeError",
    message: /"before"/,
  });
});
