/**
 * The portable paths (taken when the dialect is not SQLite), exercised on SQLite through a Kysely
 * whose adapter is not a `SqliteAdapter`: the region query on the b-tree and search with `like`.
 */

import { registerFeatureTermIds } from "../../src/db/feature_term_ids.ts";
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import fc from "fast-check";
import {
  type DatabaseIntrospector,
  type DialectAdapter,
  type Driver,
  Kysely,
  type QueryCompiler,
  SqliteAdapter,
  SqliteDialect,
} from "kysely";
import { adaptSqlite } from "../../src/db/sqlite_adapter.ts";
import { longFeatureWhere } from "../../src/db/region_bound.ts";
import { migrateToLatest } from "../../src/db/migrator.ts";
import type { Database } from "../../src/db/schema.ts";
import { featuresInRegion } from "../../src/query/features_in_region.ts";
import { searchFeatures } from "../../src/query/search_features.ts";
import { isSqlite } from "../../src/query/_sqlite_indexes.ts";
import * as analysis from "../../src/analysis/mod.ts";
import { importRun } from "../../src/store/import_run.ts";
import { makeCohort } from "../../src/testing/factory/mod.ts";
import { insertAnnotation, overlapsByPositions } from "./_fixture.ts";

/** An adapter that behaves as SQLite's but is not one, so the helpers take their portable path. */
class PortableAdapter implements DialectAdapter {
  readonly #inner = new SqliteAdapter();
  get supportsCreateIfNotExists() {
    return this.#inner.supportsCreateIfNotExists;
  }
  get supportsTransactionalDdl() {
    return this.#inner.supportsTransactionalDdl;
  }
  get supportsReturning() {
    return this.#inner.supportsReturning;
  }
  get supportsOutput() {
    return this.#inner.supportsOutput;
  }
  acquireMigrationLock(...args: Parameters<SqliteAdapter["acquireMigrationLock"]>) {
    return this.#inner.acquireMigrationLock(...args);
  }
  releaseMigrationLock(...args: Parameters<SqliteAdapter["releaseMigrationLock"]>) {
    return this.#inner.releaseMigrationLock(...args);
  }
}

/** A migrated in-memory database, and a second view of it that is "not SQLite". */
async function twoViews(): Promise<{ db: Kysely<Database>; portable: Kysely<Database> }> {
  const native = new DatabaseSync(":memory:", { enableForeignKeyConstraints: true });
  registerFeatureTermIds(native); // as openDatabase does: schema 12 reads packed term ids with it
  const sqlite = new SqliteDialect({ database: adaptSqlite(native) });
  const db = new Kysely<Database>({ dialect: sqlite });
  await migrateToLatest(db);
  const other = new SqliteDialect({ database: adaptSqlite(native) });
  const portable = new Kysely<Database>({
    dialect: {
      createAdapter: (): DialectAdapter => new PortableAdapter(),
      createDriver: (): Driver => other.createDriver(),
      createQueryCompiler: (): QueryCompiler => other.createQueryCompiler(),
      // deno-lint-ignore no-explicit-any
      createIntrospector: (k: Kysely<any>): DatabaseIntrospector => other.createIntrospector(k),
    },
  });
  return { db, portable };
}

Deno.test("featuresInRegion() on a non-SQLite dialect uses the b-tree and equals brute force", async () => {
  const { db, portable } = await twoViews();
  try {
    assert.equal(isSqlite(portable), false);
    const length = 300;
    const features = Array.from({ length: 60 }, (_, i) => {
      const start = 1 + ((i * 53) % length);
      const span = 1 + ((i * 31) % 90);
      const end = start + span - 1;
      return end <= length
        ? { seqId: "c", start, stop: end }
        : { seqId: "c", start, stop: end - length, edge: true };
    });
    const { featureIds } = await insertAnnotation(
      db,
      "g",
      [{ seqId: "c", length, topology: "circular" }],
      features,
    );
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: length }),
        fc.integer({ min: 1, max: length }),
        async (from, to) => {
          const query = await featuresInRegion(portable, { genome: "g", sequence: "c", from, to });
          assert.ok(!query.compile().sql.includes(longFeatureWhere('"features".')));
          const got = (await query.execute()).map((r) => r.id).sort((a, b) => a - b);
          const expected = features.map((f, i) => ({ f, id: featureIds[i] }))
            .filter(({ f }) =>
              overlapsByPositions({ ...f, edge: f.edge === true }, { from, to }, length)
            )
            .map(({ id }) => id).sort((a, b) => a - b);
          assert.deepEqual(got, expected, `${from}..${to}`);
        },
      ),
      { seed: 3, numRuns: 100 },
    );
  } finally {
    await db.destroy();
  }
});

Deno.test("searchFeatures() on a non-SQLite dialect matches case-insensitive substrings, escaped", async () => {
  const { db, portable } = await twoViews();
  try {
    const products = [
      "DNA polymerase III",
      "100% identical_to x",
      "back\\slash protein",
      "beta-lactamase",
      "under_score",
    ];
    await insertAnnotation(
      db,
      "g",
      [{ seqId: "c", length: 5000 }],
      products.map((product, i) => ({
        seqId: "c",
        start: 1 + 100 * i,
        stop: 50 + 100 * i,
        product,
        locusTag: `L_${i}`,
      })),
    );
    const rows = await db.selectFrom("features").select(["id", "locus_tag", "gene", "product"])
      .execute();
    const text = fc.array(
      fc.constantFrom("%", "_", "\\", "dna", "POL", "100", "-", "'", '"', "lact", "x", "l_"),
      { minLength: 1, maxLength: 3 },
    );
    await fc.assert(
      fc.asyncProperty(text, async (words) => {
        const hits = await searchFeatures(portable, words.join(" ")).execute();
        const expected = rows.filter((r) =>
          words.every((w) =>
            [r.locus_tag, r.gene, r.product].some((v) =>
              v !== null && v.toLowerCase().includes(w.toLowerCase())
            )
          )
        ).map((r) => r.id).sort((a, b) => a - b);
        assert.deepEqual(hits.map((h) => h.id).sort((a, b) => a - b), expected, words.join(" "));
        assert.ok(hits.every((h) => h.rank === null), "stored order: not scored");
        const ranked = await searchFeatures(portable, words.join(" "), { order: "rank" }).execute();
        assert.deepEqual(ranked.map((h) => h.id).sort((a, b) => a - b), expected);
        assert.ok(ranked.every((h) => h.rank === 0));
      }),
      { seed: 4, numRuns: 150 },
    );
    assert.deepEqual(await searchFeatures(portable, "   ").execute(), []);
  } finally {
    await db.destroy();
  }
});

Deno.test("the cohort tables give the same results on the portable path", async () => {
  const { db, portable } = await twoViews();
  try {
    for (
      const member of makeCohort({ seed: 2, genomes: 3, familiesPool: 40, coreFamilies: 10 })
        .members
    ) {
      await importRun(db, member.run, { genome: member.name });
    }
    const tables = [
      analysis.genomeSummary,
      analysis.featureTypeCounts,
      analysis.cogCategoryCounts,
      analysis.presenceAbsence,
      analysis.pangenomeClasses,
    ];
    for (const make of tables) {
      const [a, b] = [await make(db), await make(portable)];
      assert.ok(a.numRows() > 0, make.name);
      assert.deepEqual(b.objects(), a.objects(), make.name);
    }
  } finally {
    await db.destroy();
  }
});
