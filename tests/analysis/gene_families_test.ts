import assert from "node:assert/strict";
import {
  familyMembersQuery,
  geneFamilyCountsQuery,
  presenceAbsence,
} from "../../src/analysis/gene_families.ts";
import { SparseColumn } from "../../src/analysis/sparse_column.ts";
import { cohortFixture, familyCopies } from "./_cohort.ts";
import { insertAnnotation } from "../query/_fixture.ts";
import { engineTest } from "../_engines.ts";
import { freshDatabase } from "../_fresh_database.ts";

engineTest("presenceAbsence() equals a brute-force matrix over the factory's runs", async () => {
  const { db, runs } = await cohortFixture({
    seed: 4,
    genomes: 6,
    familiesPool: 80,
    coreFamilies: 30,
    accessoryRate: 0.4,
  });
  try {
    const expected = familyCopies(runs);
    const genomes = [...runs.keys()];
    for (const value of ["presence", "copies"] as const) {
      const matrix = await presenceAbsence(db, { value });
      assert.deepEqual(matrix.columnNames(), ["family", "genomes", ...genomes]);
      assert.equal(matrix.numRows(), expected.size);
      const rows = matrix.objects() as Record<string, string | number>[];
      for (const row of rows) {
        const copies = expected.get(row.family as string);
        assert.ok(copies !== undefined, `unexpected family ${row.family}`);
        assert.equal(row.genomes, copies.size);
        for (const genome of genomes) {
          const n: number = copies.get(genome) ?? 0;
          assert.equal(
            row[genome],
            value === "presence" ? (n > 0 ? 1 : 0) : n,
            `${row.family} ${genome}`,
          );
        }
      }
      // Most shared first, then by family.
      for (let i = 1; i < rows.length; i++) {
        const [a, b] = [rows[i - 1], rows[i]];
        assert.ok(
          (a.genomes as number) > (b.genomes as number) ||
            (a.genomes === b.genomes && (a.family as string) < (b.family as string)),
        );
      }
    }
    // Hypothetical proteins have no UniRef cluster: they are keyed by their MD5.
    const md5 = [...expected.keys()].filter((f) => f.startsWith("MD5:"));
    assert.ok(md5.length > 0, "the fixture has proteins without a cluster");
    // The genome columns hold only the cells present (one per family the genome carries); dense,
    // they are bytes for presence, 32-bit integers for copies.
    const matrix = await presenceAbsence(db, { value: "copies" });
    const column = matrix.column(genomes[0]) as SparseColumn;
    assert.ok(column instanceof SparseColumn);
    assert.equal(column.nonzero, [...expected.values()].filter((c) => c.has(genomes[0])).length);
    assert.ok(column.toArray() instanceof Int32Array);
    const presence = (await presenceAbsence(db)).column(genomes[0]) as SparseColumn;
    assert.ok(presence.toArray() instanceof Uint8Array);
    // minGenomes drops the rarer families.
    const shared = await presenceAbsence(db, { minGenomes: 2 });
    assert.deepEqual(
      (shared.array("family") as string[]).slice().sort(),
      [...expected].filter(([, copies]) => copies.size >= 2).map(([family]) => family).sort(),
    );
    await assert.rejects(presenceAbsence(db, { minGenomes: 0 }), {
      name: "RangeError",
      message: /"minGenomes"/,
    });
  } finally {
    await db.destroy();
  }
});

engineTest("geneFamilyCountsQuery() and a chosen cohort", async () => {
  const { db, runs } = await cohortFixture({
    seed: 5,
    genomes: 4,
    familiesPool: 40,
    coreFamilies: 10,
  });
  try {
    const chosen = [...runs.keys()].slice(1, 3);
    const rows = await geneFamilyCountsQuery(db, { genomes: chosen }).execute();
    const expected = familyCopies(new Map(chosen.map((g) => [g, runs.get(g)!])));
    const flat = [...expected].flatMap(([family, copies]) =>
      [...copies].map(([genome, n]) => `${genome}|${family}|${n}`)
    ).sort();
    assert.deepEqual(rows.map((r) => `${r.genome}|${r.family}|${r.copies}`).sort(), flat);
    // sORFs can be included.
    const withSorfs = await familyMembersQuery(db, { types: ["cds", "sorf"] }).execute();
    const sorfs = [...runs.values()].flatMap((r) => r.features).filter((f) => f.type === "sorf");
    const cdss = [...runs.values()].flatMap((r) => r.features).filter((f) => f.type === "cds");
    assert.equal(withSorfs.length, sorfs.length + cdss.length);
    assert.throws(
      // deno-lint-ignore no-explicit-any
      () => familyMembersQuery(db, { types: ["tRNA" as any] }),
      (e: unknown) => e instanceof RangeError && /"tRNA"/.test(e.message),
    );
  } finally {
    await db.destroy();
  }
});

engineTest(
  "presenceAbsence() keys families by UniRef90, then UniRef50, then the protein's MD5",
  async () => {
    await using db = await freshDatabase();
    const seq = [{ seqId: "c", length: 10_000 }];
    await insertAnnotation(db, "g1", seq, [
      {
        seqId: "c",
        start: 1,
        stop: 90,
        xrefs: [{ db: "UniRef", accession: "UniRef90_A" }, {
          db: "UniRef",
          accession: "UniRef50_X",
        }],
      },
      {
        seqId: "c",
        start: 100,
        stop: 190,
        xrefs: [{ db: "UniRef", accession: "UniRef50_Y" }],
        aaHexdigest: "aa",
      },
      { seqId: "c", start: 200, stop: 290, aaHexdigest: "bb" },
      { seqId: "c", start: 300, stop: 390 }, // no family: left out
      { seqId: "c", start: 400, stop: 490, type: "tRNA", aaHexdigest: "cc" }, // not a protein
    ]);
    await insertAnnotation(db, "g2", seq, [
      { seqId: "c", start: 1, stop: 90, xrefs: [{ db: "UniRef", accession: "UniRef90_A" }] },
      { seqId: "c", start: 100, stop: 190, xrefs: [{ db: "UniRef", accession: "UniRef90_A" }] },
      { seqId: "c", start: 200, stop: 290, aaHexdigest: "bb" },
    ]);
    const matrix = await presenceAbsence(db, { value: "copies" });
    assert.deepEqual(matrix.objects(), [
      { family: "MD5:bb", genomes: 2, g1: 1, g2: 1 },
      { family: "UniRef90_A", genomes: 2, g1: 1, g2: 2 },
      { family: "UniRef50_Y", genomes: 1, g1: 1, g2: 0 },
    ]);
  },
);
