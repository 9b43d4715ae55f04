import assert from "node:assert/strict";
import {
  classifyPrevalence,
  pangenomeClasses,
  pangenomeSummary,
} from "../../src/analysis/pangenome_classes.ts";
import type { Kysely } from "kysely";
import type { Database } from "../../src/db/schema.ts";
import { familyKey, presenceAbsence } from "../../src/analysis/gene_families.ts";
import { cohortFixture, familyCopies } from "./_cohort.ts";
import { type FeatureSpec, insertAnnotation } from "../query/_fixture.ts";
import { engineTest } from "../_engines.ts";
import { freshDatabase } from "../_fresh_database.ts";

/** Roary's rule written out with fractions (AssemblyStatistics.pm, _build_gene_category_count). */
function roaryClass(present: number, total: number): string {
  const share = present / total;
  if (share < 0.15) return "cloud";
  if (share < 0.95) return "shell";
  if (share < 0.99) return "soft-core";
  return "core";
}

engineTest(
  "pangenomeClasses() equals a brute-force classification of the factory's families",
  async () => {
    const { db, runs } = await cohortFixture({
      seed: 6,
      genomes: 12,
      familiesPool: 60,
      coreFamilies: 20,
      accessoryRate: 0.5,
    });
    try {
      const copies = familyCopies(runs);
      const table = await pangenomeClasses(db);
      const rows = table.objects() as {
        family: string;
        genomes: number;
        fraction: number;
        class: string;
        copies: number;
      }[];
      assert.equal(rows.length, copies.size);
      const seen = new Set<string>();
      for (const row of rows) {
        const perGenome = copies.get(row.family)!;
        assert.ok(perGenome !== undefined, row.family);
        assert.equal(row.genomes, perGenome.size);
        assert.equal(row.copies, [...perGenome.values()].reduce((a, b) => a + b, 0));
        assert.equal(row.fraction, perGenome.size / runs.size);
        assert.equal(row.class, roaryClass(perGenome.size, runs.size), row.family);
        seen.add(row.class);
      }
      assert.ok(seen.has("core") && seen.has("shell") && seen.has("cloud"), [...seen].join());
      // The summary counts the classes.
      const summary = Object.fromEntries(
        ((await pangenomeSummary(db)).objects() as Record<string, unknown>[]).map((r) => [
          r.class as string,
          r.families as number,
        ]),
      );
      for (const name of ["core", "soft-core", "shell", "cloud"]) {
        assert.equal(summary[name], rows.filter((r) => r.class === name).length, name);
      }
      assert.equal(summary.total, rows.length);
    } finally {
      await db.destroy();
    }
  },
);

/** `total` genomes `g00`, …; family `UniRef90_Pn` is in the first n of them (n in `prevalence`). */
async function insertPrevalenceCohort(
  db: Kysely<Database>,
  total: number,
  prevalence: readonly number[],
): Promise<void> {
  for (let g = 0; g < total; g++) {
    const features: FeatureSpec[] = [];
    prevalence.forEach((n, i) => {
      if (g < n) {
        features.push({
          seqId: "c",
          start: 1 + i * 100,
          stop: 90 + i * 100,
          product: `family P${n}`,
          xrefs: [{ db: "UniRef", accession: `UniRef90_P${String(n).padStart(2, "0")}` }],
        });
      }
    });
    await insertAnnotation(
      db,
      `g${String(g).padStart(2, "0")}`,
      [{ seqId: "c", length: 10_000 }],
      features,
    );
  }
}

engineTest("pangenomeClasses() classifies at exactly 99, 95 and 15 of 100 genomes", async (t) => {
  const db = await freshDatabase();
  try {
    await insertPrevalenceCohort(db, 100, [100, 99, 98, 95, 94, 15, 14, 1]);
    const expected = [
      ["UniRef90_P100", 100, "core"],
      ["UniRef90_P99", 99, "core"],
      ["UniRef90_P98", 98, "soft-core"],
      ["UniRef90_P95", 95, "soft-core"],
      ["UniRef90_P94", 94, "shell"],
      ["UniRef90_P15", 15, "shell"],
      ["UniRef90_P14", 14, "cloud"],
      ["UniRef90_P01", 1, "cloud"],
    ];
    // The fixture stores no family (computed from the cross-references at query time); then the
    // same families stored, as the store writes them (read from the family index).
    for (const stored of [false, true]) {
      await t.step(stored ? "stored families" : "computed families", async () => {
        if (stored) await db.updateTable("features").set({ family: familyKey(db) }).execute();
        const rows = (await pangenomeClasses(db)).objects() as Record<string, unknown>[];
        assert.deepEqual(rows.map((r) => [r.family, r.genomes, r.class]), expected);
        const summary = (await pangenomeSummary(db)).objects() as Record<string, unknown>[];
        assert.deepEqual(summary, [
          { class: "core", families: 2 },
          { class: "soft-core", families: 2 },
          { class: "shell", families: 2 },
          { class: "cloud", families: 2 },
          { class: "total", families: 8 },
        ]);
      });
    }
  } finally {
    await db.destroy();
  }
});

engineTest("pangenomeClasses() puts the boundaries where Roary documents them", async () => {
  // 20 genomes; family Pn is present in n of them: 20 → core, 19 (95 %) → soft-core,
  // 18 → shell, 3 (15 %) → shell, 2 → cloud, 1 → cloud.
  await using db = await freshDatabase();
  await insertPrevalenceCohort(db, 20, [20, 19, 18, 3, 2, 1]);
  const rows = (await pangenomeClasses(db)).objects() as Record<string, unknown>[];
  assert.deepEqual(
    rows.map((r) => [r.family, r.genomes, r.class, r.product]),
    [
      ["UniRef90_P20", 20, "core", "family P20"],
      ["UniRef90_P19", 19, "soft-core", "family P19"],
      ["UniRef90_P18", 18, "shell", "family P18"],
      ["UniRef90_P03", 3, "shell", "family P3"],
      ["UniRef90_P02", 2, "cloud", "family P2"],
      ["UniRef90_P01", 1, "cloud", "family P1"],
    ],
  );
  for (const row of rows) {
    assert.equal(row.class, roaryClass(row.genomes as number, 20));
  }
  const bare = (await pangenomeClasses(db, { describe: false })).objects() as Record<
    string,
    unknown
  >[];
  assert.deepEqual(bare.map((r) => [r.family, r.class]), rows.map((r) => [r.family, r.class]));
  assert.ok(bare.every((r) => r.gene === null && r.product === null));
  const subset = (await pangenomeClasses(db, { genomes: ["g00", "g19"] })).objects() as Record<
    string,
    unknown
  >[];
  assert.deepEqual(
    subset.map((r) => [r.family, r.genomes, r.class]),
    [
      ["UniRef90_P20", 2, "core"],
      ["UniRef90_P01", 1, "shell"],
      ["UniRef90_P02", 1, "shell"],
      [
        "UniRef90_P03",
        1,
        "shell",
      ],
      ["UniRef90_P18", 1, "shell"],
      ["UniRef90_P19", 1, "shell"],
    ],
  );
});

Deno.test("classifyPrevalence() agrees with Roary's rule for every count up to 200 genomes", () => {
  for (let total = 1; total <= 200; total++) {
    for (let present = 0; present <= total; present++) {
      assert.equal(
        classifyPrevalence(present, total),
        roaryClass(present, total),
        `${present}/${total}`,
      );
    }
  }
  assert.throws(() => classifyPrevalence(3, 2), {
    name: "RangeError",
    message: /present in 3 of 2 genomes/,
  });
  assert.throws(() => classifyPrevalence(1, 0), {
    name: "RangeError",
    message: /present in 1 of 0 genomes/,
  });
  assert.throws(() => classifyPrevalence(0.5, 2), {
    name: "RangeError",
    message: /present in 0\.5 of 2 genomes/,
  });
});

engineTest("pangenomeClasses() counts genomes with a family, not its copies", async () => {
  // g00 carries family A three times and B once; g01 carries B once; g02 and g03 carry neither.
  await using db = await freshDatabase();
  const family = (accession: string, at: number): FeatureSpec => ({
    seqId: "c",
    start: at,
    stop: at + 89,
    xrefs: [{ db: "UniRef", accession }],
  });
  const genomes: [string, FeatureSpec[]][] = [
    ["g00", [family("UniRef90_A", 1), family("UniRef90_A", 201), family("UniRef90_A", 401)]],
    ["g01", [family("UniRef90_B", 1)]],
    ["g02", []],
    ["g03", []],
  ];
  genomes[0][1].push(family("UniRef90_B", 601));
  for (const [name, features] of genomes) {
    await insertAnnotation(db, name, [{ seqId: "c", length: 10_000 }], features);
  }
  const rows = (await pangenomeClasses(db)).objects() as Record<string, unknown>[];
  assert.deepEqual(rows.map((r) => [r.family, r.genomes, r.fraction, r.copies, r.class]), [
    ["UniRef90_B", 2, 0.5, 2, "shell"],
    ["UniRef90_A", 1, 0.25, 3, "shell"],
  ]);
  const summary = (await pangenomeSummary(db)).objects();
  assert.deepEqual(summary.map((r) => (r as { families: number }).families), [0, 0, 2, 0, 2]);
});

engineTest("the pangenome tables count genomes that carry a family, not its copies", async () => {
  const db = await freshDatabase();
  try {
    // UniRef90_A: two copies in g1, one in g2; UniRef90_B: one copy in g3. Counting copies would
    // put A in 3 of 3 genomes (core) instead of 2 of 3 (shell).
    const layout: [string, string[]][] = [
      ["g1", ["UniRef90_A", "UniRef90_A"]],
      ["g2", ["UniRef90_A"]],
      ["g3", ["UniRef90_B"]],
    ];
    for (const [genome, clusters] of layout) {
      await insertAnnotation(
        db,
        genome,
        [{ seqId: "c", length: 10_000 }],
        clusters.map((accession, i) => ({
          seqId: "c",
          start: 1 + i * 100,
          stop: 90 + i * 100,
          xrefs: [{ db: "UniRef", accession }],
        })),
      );
    }
    const classes = (await pangenomeClasses(db, { describe: false })).objects() as Record<
      string,
      unknown
    >[];
    assert.deepEqual(
      classes.map((r) => [r.family, r.genomes, r.copies, r.class]),
      [["UniRef90_A", 2, 3, "shell"], ["UniRef90_B", 1, 1, "shell"]],
    );
    const summary = (await pangenomeSummary(db)).objects() as Record<string, unknown>[];
    assert.deepEqual(summary.map((r) => r.families), [0, 0, 2, 0, 2]);
    const matrix = await presenceAbsence(db);
    assert.deepEqual(Array.from(matrix.array("genomes") as ArrayLike<number>), [2, 1]);
    assert.deepEqual(matrix.objects()[0], {
      family: "UniRef90_A",
      genomes: 2,
      g1: 1,
      g2: 1,
      g3: 0,
    });
  } finally {
    await db.destroy();
  }
});
