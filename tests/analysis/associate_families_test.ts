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
