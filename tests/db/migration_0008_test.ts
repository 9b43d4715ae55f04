import assert from "node:assert/strict";
import { type Kysely, sql } from "kysely";
import { migrateTo, migrateToLatest, migrationStatus, xrefTermHash } from "../../src/db/mod.ts";
import { xrefMatch } from "../../src/query/features_by_xref.ts";
import { searchFeatures } from "../../src/query/search_features.ts";
import { importRuns } from "../../src/store/import_runs.ts";
import { engineTest } from "../_engines.ts";
import { reportSamples, samplePath } from "../_samples.ts";
import { writeRunAtV3 } from "./_schema_v3.ts";
import { createHash } from "node:crypto";
import { freshDatabase } from "../_fresh_database.ts";

const sha256Hex = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

const present = reportSamples("tests/db/migration_0008_test.ts");
const COHORT = "v1.9.2-spneumoniae-cohort";

/** The `--xref` look-ups compared before and after the migration (name, accession). */
const LOOKUPS: readonly [string, string][] = [
  ["COG", "K"],
  ["GO", "GO:0005524"],
  ["EC", "2.7.7.7"],
  ["UniRef90", "UniRef90_A0A0H2UNE1"],
  ["SO", "SO:0001217"],
  ["KEGG", "K02314"],
];

/** Searches compared before and after (the ranks too: FTS5's bm25 needs the column sizes). */
const SEARCHES: readonly [string, { prefix?: boolean }][] = [
  ["polymerase", {}],
  ["DNA polymerase", {}],
  ["beta-lactamase", {}],
  ["dnaA", {}],
  ["transpos", { prefix: true }],
  ["ribosomal protein", {}],
];

/** A database at schema 0007 holding a cohort genome and the v1.11.4 assembly. */
// deno-lint-ignore no-explicit-any
async function databaseAt0007(db: Kysely<any>): Promise<void> {
  await migrateTo(db, "0003_feature_family");
  await writeRunAtV3(db, [samplePath(`${COHORT}/6952-4-17.gff3.gz`)], "c1");
  await writeRunAtV3(db, [samplePath("v1.11.4-assembly/assembly.gff3")], "assembly");
  await migrateTo(db, "0007_reader_without_secrets");
}

/** Every answer the migration must keep: links as text, terms, look-ups, searches, files. */
// deno-lint-ignore no-explicit-any
async function answers(db: Kysely<any>): Promise<Record<string, unknown>> {
  const links = await sql<{ f: number; t: number; d: string; a: string }>`select x.feature_id as f,
    x.term_id as t, t.db as d, t.accession as a from feature_xrefs x
    join xref_terms t on t.id = x.term_id order by f, t`.execute(db);
  const terms = await sql<{ id: number; d: string; a: string }>`select id, db as d,
    accession as a from xref_terms order by id`.execute(db);
  const files = await sql<{ id: number; c: Uint8Array }>`select id, content as c
    from result_files order by id`.execute(db);
  const result: Record<string, unknown> = {
    links: links.rows.map((r) => `${r.f}\t${r.t}\t${r.d}\t${r.a}`),
    terms: terms.rows.map((r) => `${r.id}\t${r.d}\t${r.a}`),
    files: files.rows.map((r) => [r.id, sha256Hex(new Uint8Array(r.c))]),
  };
  // The look-ups by `xrefMatch`'s rules over the links (this baktadb's `featuresByXref` reads
  // schema 12's layout, which schemas 7 and 8 do not have).
  for (const [name, accession] of LOOKUPS) {
    const match = xrefMatch(name, accession);
    const hit = (d: string, a: string) =>
      d === match.db &&
      (match.cogCategory !== undefined
        ? !a.startsWith("COG") && a.includes(match.cogCategory)
        : match.accessions!.includes(a));
    const ids = new Set(links.rows.filter((r) => hit(r.d, r.a)).map((r) => Number(r.f)));
    result[`xref ${name}:${accession}`] = [...ids].sort((x, y) => x - y);
  }
  for (const [text, options] of SEARCHES) {
    const hits = await searchFeatures(db, text, options).execute();
    result[`search ${text}`] = hits.map((h) => [h.id, h.rank]);
  }
  return result;
}

/** The names of the tables and indexes on SQLite (nothing on PostgreSQL). */
// deno-lint-ignore no-explicit-any
async function sqliteObjects(db: Kysely<any>): Promise<string[]> {
  if (db.getExecutor().adapter.constructor.name !== "SqliteAdapter") return [];
  const rows = await sql<{ name: string }>`select name from sqlite_schema order by name`
    .execute(db);
  return rows.rows.map((r) => r.name);
}

engineTest(
  "migration 0008 keeps every link, term, look-up, search and file, goes down, and imports after",
  async () => {
    await using db = await freshDatabase({ migrate: false });
    await databaseAt0007(db);
    const before = await answers(db);
    assert.ok((before.links as string[]).length > 10_000);
    assert.ok(SEARCHES.every(([text]) => (before[`search ${text}`] as unknown[]).length > 0));
    const objectsBefore = await sqliteObjects(db);

    const steps = await migrateTo(db, "0008_xref_term_key");
    assert.deepEqual(steps.map((s) => [s.name, s.status]), [["0008_xref_term_key", "Success"]]);
    assert.deepEqual(await answers(db), before);
    const keys = await db.selectFrom("xref_terms").select(["db", "accession", "key"]).execute();
    assert.ok(keys.every((t) => t.key === xrefTermHash(t.db, t.accession)), "every key");
    const generation = await db.selectFrom("xref_terms_generation").selectAll().execute();
    assert.deepEqual(generation, [{ generation: 0 }]);
    const objects = await sqliteObjects(db);
    if (objects.length > 0) {
      assert.ok(objects.includes("xref_terms_key_idx"));
      assert.ok(!objects.includes("sqlite_autoindex_xref_terms_1"), "the text index is gone");
      assert.ok(objects.includes("features_fts_docsize"), "FTS5 keeps its size table (bm25 speed)");
      const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
      assert.deepEqual(check.rows, [{ integrity_check: "ok" }]);
      const fk = await sql`pragma foreign_key_check`.execute(db);
      assert.deepEqual(fk.rows, []);
    }

    await migrateTo(db, "0007_reader_without_secrets");
    assert.equal((await migrationStatus(db)).current, "0007_reader_without_secrets");
    assert.deepEqual(await answers(db), before);
    assert.deepEqual(await sqliteObjects(db), objectsBefore);

    // Up again (to the latest schema: the store writes the tables of later migrations too), and
    // an import finds the stored terms by key and adds only the new ones.
    await migrateTo(db, "0008_xref_term_key");
    await migrateToLatest(db);
    const count = async () =>
      Number(
        (await db.selectFrom("xref_terms").select(sql<number>`count(*)`.as("n"))
          .executeTakeFirstOrThrow()).n,
      );
    const termsBefore = await count();
    const result = await importRuns(db, [samplePath(`${COHORT}/6999-5-12.gff3.gz`)]);
    assert.equal(result.failed, 0);
    const distinct = await sql<{ n: number }>`select count(*) as n from
        (select distinct db, accession from xref_terms) d`.execute(db);
    assert.equal(Number(distinct.rows[0].n), await count(), "each pair once");
    assert.ok(await count() > termsBefore, "the new genome brought new terms");
    const shared = await sql<{ n: number }>`select count(distinct x.term_id) as n
        from xref_term_features x join features f on f.id = x.feature_id
        join annotations a on a.id = f.annotation_id join genomes g on g.id = a.genome_id
        where g.name = '6999-5-12' and x.term_id <= ${termsBefore}`.execute(db);
    assert.ok(Number(shared.rows[0].n) > 1000, "the new genome links to stored terms");
  },
  { ignore: !present },
);
