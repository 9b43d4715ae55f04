import assert from "node:assert/strict";
import { associateFamilies } from "../../src/analysis/associate_families.ts";
import { fisherExact } from "../../src/analysis/fisher_exact.ts";
import { mantelHaenszel } from "../../src/analysis/mantel_haenszel.ts";
import { SeededRandom } from "../../src/testing/factory/mod.ts";
import { bruteForceFisher } from "./_fisher_brute_force.ts";

/** One family's test, straight from the dense matrix: no memo, no shared tables. */
function reference(columns: Uint8Array[], trait: number[], strata: number[], f: number) {
  const t = { a: 0, b: 0, c: 0, d: 0 };
  const byStratum = new Map<number, { a: number; b: number; c: number; d: number }>();
  columns.forEach((column, g) => {
    const cell = trait[g] ? (column[f] ? "a" : "b") : (column[f] ? "c" : "d");
    t[cell]++;
    if (!byStratum.has(strata[g])) byStratum.set(strata[g], { a: 0, b: 0, c: 0, d: 0 });
    byStratum.get(strata[g])![cell]++;
  });
  const cmh = mantelHaenszel([...byStratum].sort((x, y) => x[0] - y[0]).map(([, t]) => t));
  return { ...t, logP: fisherExact(t.a, t.b, t.c, t.d).logP, cmh };
}

Deno.test("associateFamilies() equals a family-by-family computation, order and ties included", () => {
  const random = new SeededRandom(21);
  for (let round = 0; round < 20; round++) {
    const genomes = 4 + Math.floor(random.next() * 20);
    const families = 1 + Math.floor(random.next() * 60);
    // Family names out of code-unit order, so that ties must be broken by name, not by index.
    const names = Array.from({ length: families }, (_, f) => `F${(f * 7919) % 1000}-${f}`);
    // Mostly singletons and near-core families: many families share a 2x2 table.
    const columns = Array.from({ length: genomes }, () => new Uint8Array(families));
    for (let f = 0; f < families; f++) {
      const rate = random.chance(0.5) ? 0 : random.next();
      const owner = Math.floor(random.next() * genomes);
      columns.forEach((column, g) => (column[f] = g === owner || random.chance(rate) ? 1 : 0));
    }
    const trait = Array.from(
      { length: genomes },
      (_, g) => (g === 0 || random.chance(0.4) ? 1 : 0),
    );
    trait[1] = 0;
    const strata = Array.from({ length: genomes }, () => Math.floor(random.next() * 3));
    const rows = associateFamilies({ families: names, columns, trait, strata });
    const expected = names.map((_, f) => ({ f, ...reference(columns, trait, strata, f) }))
      .filter((e) => e.a + e.c > 0 && e.b + e.d > 0)
      .sort((x, y) => x.logP - y.logP || (names[x.f] < names[y.f] ? -1 : 1));
    assert.deepEqual(rows.map((r) => r.family), expected.map((e) => names[e.f]), `round ${round}`);
    rows.forEach((row, i) => {
      const e = expected[i];
      assert.deepEqual(
        [row.pos_present, row.pos_absent, row.neg_present, row.neg_absent],
        [e.a, e.b, e.c, e.d],
      );
      const p = bruteForceFisher(e.a, e.b, e.c, e.d);
      assert.ok(Math.abs(row.p - p) <= 1e-12 * p, `${row.p} != ${p}`);
      assert.equal(row.cmh_p, e.cmh.p);
      assert.equal(row.cmh_odds_ratio, e.cmh.oddsRatio);
    });
  }
});

Deno.test("associateFamilies() gives each family its own stratified test past a numeric memo key (40 strata)", () => {
  // 80 genomes in 40 strata of two: the stratum tables have more than 2^53 combinations, so the
  // memo keys them by text; families that share all their stratum tables share one result.
  const random = new SeededRandom(5);
  const genomes = 80;
  const strata = Array.from({ length: genomes }, (_, g) => g >> 1);
  const trait = Array.from(
    { length: genomes },
    (_, g) => (g % 2 === 0 || random.chance(0.3) ? 1 : 0),
  );
  const families = 120;
  const names = Array.from({ length: families }, (_, f) => `F${String(f).padStart(3, "0")}`);
  const columns = Array.from({ length: genomes }, () => new Uint8Array(families));
  for (let f = 0; f < families; f++) {
    const rate = [0.02, 0.5, 0.97][f % 3];
    columns.forEach((column) => (column[f] = random.chance(rate) ? 1 : 0));
  }
  const rows = associateFamilies({ families: names, columns, trait, strata });
  assert.ok(rows.length > 60);
  for (const row of rows) {
    const e = reference(columns, trait, strata, names.indexOf(row.family));
    assert.equal(row.cmh_p, e.cmh.p, row.family);
    assert.equal(row.cmh_odds_ratio, e.cmh.oddsRatio, row.family);
  }
});
