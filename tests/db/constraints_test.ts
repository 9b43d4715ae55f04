import assert from "node:assert/strict";
import {
  ConstraintError,
  insertFeatureXrefs,
  xrefTermHash,
  xrefTermIds,
  xrefTermKey,
} from "../../src/db/mod.ts";
import type { Kysely } from "kysely";
import type { Database } from "../../src/db/mod.ts";
import { freshDatabase } from "../_fresh_database.ts";
import { engineTest } from "../_engines.ts";

async function seed(db: Kysely<Database>) {
  const genome = await db.insertInto("genomes").values({ name: "g1" }).returning("id")
    .executeTakeFirstOrThrow();
  const sequence = await db.insertInto("sequences")
    .values({ genome_id: genome.id, version: 1, seq_id: "c1", length: 1000, topology: "circular" })
    .returning("id").executeTakeFirstOrThrow();
  const annotation = await db.insertInto("annotations")
    .values({ genome_id: genome.id, sequence_version: 1, source: "files", fingerprint: "f1" })
    .returning("id").executeTakeFirstOrThrow();
  return { genomeId: genome.id, sequenceId: sequence.id, annotationId: annotation.id };
}

function feature(
  ids: { sequenceId: number; annotationId: number },
  extra: Record<string, unknown> = {},
) {
  return {
    annotation_id: ids.annotationId,
    sequence_id: ids.sequenceId,
    type: "cds",
    start: 10,
    stop: 90,
    strand: "+",
    original_json: "{}",
    ...extra,
  };
}

async function rejectsWith(promise: Promise<unknown>, constraint: string, text: string) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof ConstraintError, `expected ConstraintError, got ${error}`);
    assert.equal(error.constraint, constraint);
    assert.match(error.message, new RegExp(text));
    return true;
  });
}

engineTest(
  "openDatabase() raises ConstraintError for a duplicate genome name",
  async () => {
    await using db = await freshDatabase();
    await db.insertInto("genomes").values({ name: "CI-8050" }).execute();
    await rejectsWith(
      db.insertInto("genomes").values({ name: "CI-8050" }).execute(),
      "unique",
      "genomes.name",
    );
  },
);

engineTest(
  "openDatabase() raises ConstraintError for a dangling foreign key",
  async () => {
    await using db = await freshDatabase();
    await rejectsWith(
      db.insertInto("sequences").values({ genome_id: 42, version: 1, seq_id: "c", length: 5 })
        .execute(),
      "foreign-key",
      "FOREIGN KEY|foreign key",
    );
  },
);

engineTest(
  "features reject a bad strand, reversed coordinates without edge and a zero start",
  async () => {
    await using db = await freshDatabase();
    const ids = await seed(db);
    await rejectsWith(
      db.insertInto("features").values(feature(ids, { strand: "x" })).execute(),
      "check",
      "features_strand_known",
    );
    await rejectsWith(
      db.insertInto("features").values(feature(ids, { start: 90, stop: 10 })).execute(),
      "check",
      "features_start_before_stop",
    );
    await rejectsWith(
      db.insertInto("features").values(feature(ids, { start: 0 })).execute(),
      "check",
      "features_coordinates_positive",
    );
    await rejectsWith(
      db.insertInto("features").values(feature(ids, { edge: 1 })).execute(),
      "check",
      "features_edge_crosses",
    );
    await db.insertInto("features").values(feature(ids, { start: 950, stop: 20, edge: 1 }))
      .execute();
  },
);

engineTest(
  "xref_term_features reject the same (term, feature) twice, and terms are found again, not added twice",
  async () => {
    await using db = await freshDatabase();
    const ids = await seed(db);
    const { id } = await db.insertInto("features").values(feature(ids)).returning("id")
      .executeTakeFirstOrThrow();
    const term = await db.insertInto("xref_terms")
      .values({ db: "COG", accession: "COG0001", key: xrefTermHash("COG", "COG0001") })
      .returning("id").executeTakeFirstOrThrow();
    await db.insertInto("xref_term_features").values({ feature_id: id, term_id: term.id })
      .execute();
    await rejectsWith(
      db.insertInto("xref_term_features").values({ feature_id: id, term_id: term.id }).execute(),
      "primary-key",
      "xref_term_features",
    );
    // Schema v8 keeps no unique index on the terms' text: writers add a pair only when its key
    // look-up finds none, inside their write transaction.
    const again = await xrefTermIds(db, [{ db: "COG", accession: "COG0001" }]);
    assert.equal(again.get(xrefTermKey("COG", "COG0001")), term.id);
    const all = await db.selectFrom("xref_terms").select("id").execute();
    assert.equal(all.length, 1);
  },
);

Deno.test(
  "deleting a genome cascades to every dependent row and both SQLite indexes",
  async () => {
    await using db = await freshDatabase();
    const ids = await seed(db);
    const { id } = await db.insertInto("features")
      .values(feature(ids, { locus_tag: "ABC_00005", product: "DNA gyrase" })).returning("id")
      .executeTakeFirstOrThrow();
    await insertFeatureXrefs(db, [[id, "EC", "5.6.2.2"]]);
    await db.deleteFrom("genomes").where("id", "=", ids.genomeId).execute();
    for (const table of ["sequences", "annotations", "features", "xref_term_features"] as const) {
      const { n } = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      assert.equal(n, 0, table);
    }
    const { sql } = await import("kysely");
    const fts = await sql<
      { n: number }
    >`select count(*) as n from features_fts where features_fts match 'gyrase'`
      .execute(db);
    assert.equal(fts.rows[0].n, 0);
  },
);

Deno.test(
  "features_long_idx holds the origin-spanning and long features, not the short ones",
  async () => {
    await using db = await freshDatabase();
    const ids = await seed(db);
    const spans = [[950, 20, 1], [10, 5009, 0], [10, 5010, 0], [100, 900, 0]] as const;
    const inserted = await db.insertInto("features")
      .values(spans.map(([start, stop, edge]) => feature(ids, { start, stop, edge })))
      .returning("id").execute();
    const { sql } = await import("kysely");
    // The index's own entries, read as a covering scan: only the edge and the 5,000-base feature.
    const { rows } = await sql<{ id: number }>`select id from features
      indexed by features_long_idx where (edge = 1 or stop - start >= 5000) order by id`
      .execute(db);
    assert.deepEqual(rows.map((r) => r.id), [inserted[0].id, inserted[2].id]);
  },
);
