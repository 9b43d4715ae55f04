import assert from "node:assert/strict";
import { type Kysely, sql } from "kysely";
import { migrateTo, migrateToLatest } from "../../src/db/mod.ts";
import type { Database } from "../../src/db/schema.ts";
import { findFeatures } from "../../src/query/find_features.ts";
import { importRuns } from "../../src/store/import_runs.ts";
import { engineTest } from "../_engines.ts";
import { reportSamples, samplePath } from "../_samples.ts";
import { freshDatabase } from "../_fresh_database.ts";

const present = reportSamples("tests/db/migration_0011_test.ts");
const GENOME = "6952-4-17";

/** The genes asked for: every 20th symbol in name order, and one no feature has. */
async function askedGenes(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom("features").select("gene").distinct()
    .where("gene", "is not", null).orderBy("gene").execute();
  return [...rows.filter((_, i) => i % 20 === 0).map((r) => r.gene!), "noSuchGene"];
}

/** `findFeatures({ gene })` of each asked gene, with and without the genome. */
async function answers(db: Kysely<Database>, genes: readonly string[]) {
  const result: Record<string, number[]> = {};
  for (const gene of genes) {
    result[gene] = (await findFeatures(db, { genome: GENOME, gene }).execute()).map((f) => f.id);
    const anywhere = (await findFeatures(db, { gene }).execute()).map((f) => f.id);
    assert.deepEqual(anywhere, result[gene], gene);
  }
  return result;
}

/** The same, by brute force over every feature row (no index involved). */
async function bruteForce(db: Kysely<Database>, genes: readonly string[]) {
  const rows = await db.selectFrom("features").select(["id", "gene"]).execute();
  const idsOf = (gene: string) =>
    rows.filter((r) => r.gene === gene).map((r) => r.id).sort((a, b) => a - b);
  return Object.fromEntries(genes.map((gene) => [gene, idsOf(gene)]));
}

/** The index's definition: SQLite's `create index` text, PostgreSQL's `indexdef`. */
async function geneIndex(db: Kysely<Database>, engine: string): Promise<string> {
  const { rows } = engine === "sqlite"
    ? await sql<{ d: string }>`select sql as d from sqlite_schema
        where name = 'features_gene_idx'`.execute(db)
    : await sql<{ d: string }>`select indexdef as d from pg_indexes
        where indexname = 'features_gene_idx'`.execute(db);
  return rows.map((r) => r.d).join();
}

/** SQLite's plan of `findFeatures({ gene })` (PostgreSQL plans by table statistics). */
async function sqlitePlan(db: Kysely<Database>): Promise<string> {
  const compiled = findFeatures(db, { gene: "dnaA" }).compile();
  const { rows } = await sql<{ detail: string }>`explain query plan ${sql.raw(compiled.sql)}`
    .execute(db);
  return rows.map((r) => r.detail).join("; ");
}

engineTest(
  "migration 0011 makes features_gene_idx partial and keeps every findFeatures({ gene }) answer",
  async (_t, engine) => {
    // Imported at the latest schema (this baktadb writes its layout) and taken down to 0010.
    await using db = await freshDatabase();
    const imported = await importRuns(db, [
      samplePath(`v1.9.2-spneumoniae-cohort/${GENOME}.gff3.gz`),
    ]);
    assert.equal(imported.failed, 0);
    await migrateTo(db, "0010_annotation_summaries");
    const genes = await askedGenes(db);
    assert.ok(genes.length > 30);
    const truth = await bruteForce(db, genes);
    assert.deepEqual(await answers(db, genes), truth);
    assert.doesNotMatch(await geneIndex(db, engine), /is not null/i);

    const steps = await migrateToLatest(db);
    assert.deepEqual(steps.map((s) => [s.name, s.status]), [
      ["0011_partial_gene_index", "Success"],
      ["0012_packed_xrefs", "Success"],
      ["0013_fewer_feature_indexes", "Success"],
    ]);
    assert.match(await geneIndex(db, engine), /where.*gene.* is not null/i);
    assert.deepEqual(await answers(db, genes), truth);
    if (engine === "sqlite") assert.match(await sqlitePlan(db), /features_gene_idx/);

    await migrateTo(db, "0010_annotation_summaries");
    assert.doesNotMatch(await geneIndex(db, engine), /is not null/i);
    assert.deepEqual(await answers(db, genes), truth);
  },
  { ignore: !present },
);
