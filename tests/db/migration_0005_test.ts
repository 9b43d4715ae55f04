import assert from "node:assert/strict";
import { type Kysely, sql } from "kysely";
import { migrateTo, MigrationError, migrationStatus } from "../../src/db/mod.ts";
import { xrefMatch } from "../../src/query/features_by_xref.ts";
import { engineTest } from "../_engines.ts";
import { reportSamples, samplePath } from "../_samples.ts";
import { writeRunAtV3 } from "./_schema_v3.ts";
import { freshDatabase } from "../_fresh_database.ts";

const present = reportSamples("tests/db/migration_0005_test.ts");
const COHORT = "v1.9.2-spneumoniae-cohort";

/** The `--xref` look-ups compared before and after the migration (name, accession). */
const LOOKUPS: readonly [string, string][] = [
  ["COG", "K"],
  ["COG", "J"],
  ["cog", "COG0745"],
  ["GO", "GO:0005524"],
  ["GO", "0005737"],
  ["EC", "2.7.7.7"],
  ["UniRef90", "UniRef90_A0A0H2UNE1"],
  ["SO", "SO:0001217"],
  ["KEGG", "K02314"],
  ["RefSeq", "WP_000000000.1"],
];

/** A database at schema 0004 holding two cohort genomes and the v1.11.4 assembly. */
// deno-lint-ignore no-explicit-any
async function databaseAt0004(db: Kysely<any>): Promise<void> {
  await migrateTo(db, "0003_feature_family");
  await writeRunAtV3(db, [samplePath(`${COHORT}/6952-4-17.gff3.gz`)], "c1");
  await writeRunAtV3(db, [samplePath(`${COHORT}/6999-1-11.gff3.gz`)], "c2");
  await writeRunAtV3(db, [samplePath("v1.11.4-assembly/assembly.gff3")], "assembly");
  await migrateTo(db, "0004_run_identity");
}

/** Every cross-reference as `feature id, db, accession` text, in one order (either schema). */
// deno-lint-ignore no-explicit-any
async function triples(db: Kysely<any>): Promise<string[]> {
  const coded = (await db.introspection.getTables()).some((t) => t.name === "xref_terms");
  const rows = coded
    ? await sql<{ f: number; d: string; a: string }>`select x.feature_id as f, t.db as d,
        t.accession as a from feature_xrefs x join xref_terms t on t.id = x.term_id`.execute(db)
    : await sql<{ f: number; d: string; a: string }>`select feature_id as f, db as d,
        accession as a from feature_xrefs`.execute(db);
  return rows.rows.map((r) => `${r.f}\t${r.d}\t${r.a}`).sort();
}

/**
 * The features a look-up finds at schema 0004, by brute force over the text rows (the rules of
 * `xrefMatch`: the accessions given, or a COG category letter inside a category accession).
 */
// deno-lint-ignore no-explicit-any
async function v4Answer(db: Kysely<any>, name: string, accession: string): Promise<number[]> {
  const match = xrefMatch(name, accession);
  const rows = await sql<{ f: number; d: string; a: string }>`select feature_id as f, db as d,
    accession as a from feature_xrefs`.execute(db);
  const ids = new Set<number>();
  for (const r of rows.rows) {
    if (r.d !== match.db) continue;
    const hit = match.cogCategory !== undefined
      ? !r.a.startsWith("COG") && r.a.includes(match.cogCategory)
      : match.accessions!.includes(r.a);
    if (hit) ids.add(Number(r.f));
  }
  return [...ids].sort((a, b) => a - b);
}

/** The same look-up at schema 0005, over the links joined to their terms. */
// deno-lint-ignore no-explicit-any
async function v5Answer(db: Kysely<any>, name: string, accession: string): Promise<number[]> {
  const match = xrefMatch(name, accession);
  const rows = await sql<{ f: number; a: string }>`select x.feature_id as f, t.accession as a
    from feature_xrefs x join xref_terms t on t.id = x.term_id where t.db = ${match.db}`
    .execute(db);
  const ids = new Set<number>();
  for (const r of rows.rows) {
    const hit = match.cogCategory !== undefined
      ? !r.a.startsWith("COG") && r.a.includes(match.cogCategory)
      : match.accessions!.includes(r.a);
    if (hit) ids.add(Number(r.f));
  }
  return [...ids].sort((a, b) => a - b);
}

engineTest(
  "migration 0005 keeps every cross-reference and every --xref answer, and goes down again",
  async () => {
    await using db = await freshDatabase({ migrate: false });
    await databaseAt0004(db);
    const before = await triples(db);
    const distinct = new Set(before.map((t) => t.slice(t.indexOf("\t") + 1))).size;
    const answersBefore: Record<string, number[]> = {};
    for (const [name, accession] of LOOKUPS) {
      answersBefore[`${name}:${accession}`] = await v4Answer(db, name, accession);
    }
    assert.ok(Object.values(answersBefore).filter((a) => a.length > 0).length >= 6);

    const steps = await migrateTo(db, "0005_xref_terms");
    assert.deepEqual(steps.map((s) => [s.name, s.status]), [["0005_xref_terms", "Success"]]);
    assert.deepEqual(await triples(db), before);
    const terms = await db.selectFrom("xref_terms").select(sql<number>`count(*)`.as("n"))
      .executeTakeFirstOrThrow();
    assert.equal(Number(terms.n), distinct, "one term per distinct (db, accession)");
    // The look-ups by `xrefMatch`'s rules over the coded links (this baktadb's `featuresByXref`
    // reads schema 12's layout; tests/db/migration_0012_test.ts asks it).
    for (const [name, accession] of LOOKUPS) {
      const found = await v5Answer(db, name, accession);
      assert.deepEqual(
        found,
        answersBefore[`${name}:${accession}`],
        `--xref ${name}:${accession}`,
      );
    }

    await migrateTo(db, "0004_run_identity");
    assert.equal((await migrationStatus(db)).current, "0004_run_identity");
    assert.deepEqual(await triples(db), before);
  },
  { ignore: !present },
);

Deno.test({
  name: "migration 0005 that fails half-way leaves schema 0004 as it was, and runs again",
  ignore: !present,
  fn: async () => {
    await using db = await freshDatabase({ migrate: false });
    await databaseAt0004(db);
    const before = await triples(db);
    const tables = async () => (await db.introspection.getTables()).map((t) => t.name).sort();
    // A view on the old table: the rename after its drop fails, with the terms and the links
    // already written and the old table gone.
    await sql`create view old_xrefs as select db from feature_xrefs`.execute(db);
    const tablesBefore = await tables();
    await assert.rejects(
      migrateTo(db, "0005_xref_terms"),
      (error: unknown) =>
        error instanceof MigrationError && error.migration === "0005_xref_terms" &&
        /^Migration 0005_xref_terms failed: .*old_xrefs/.test(error.message),
    );
    assert.equal((await migrationStatus(db)).current, "0004_run_identity");
    assert.deepEqual(await tables(), tablesBefore);
    assert.deepEqual(await triples(db), before);
    await sql`drop view old_xrefs`.execute(db);
    const steps = await migrateTo(db, "0005_xref_terms");
    assert.deepEqual(steps.map((s) => s.status), ["Success"]);
    assert.deepEqual(await triples(db), before);
  },
});
