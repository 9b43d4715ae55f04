/**
 * Shared helpers of the job-service tests: genomes written as files (factory runs or the real
 * samples), the truth their imports must match, a stand-in serving each genome's results, and a
 * scan of every text column of the database for leaked secrets.
 */

import assert from "node:assert/strict";
import { type Kysely, sql } from "kysely";
import type { Database } from "../../../src/db/schema.ts";
import { usesPostgres } from "../../../src/db/postgres/lock_for_writing.ts";
import { makeRun } from "../../../src/testing/factory/make_run.ts";
import { formatRunAsBaktaJson } from "../../../src/testing/factory/format_run_as_bakta_json.ts";
import { formatRunAsGff3 } from "../../../src/testing/factory/format_run_as_gff3.ts";
import type { BaktaRun } from "../../../src/formats/model.ts";
import { readBaktaSummary } from "../../../src/formats/summary_txt/read_bakta_summary.ts";
import {
  type BaktaStandIn,
  type BaktaStandInConfig,
  startBaktaStandIn,
} from "../../../src/testing/bakta_stand_in/mod.ts";
import { SAMPLES_DIR } from "../../_samples.ts";

/** A genome ready to submit: its FASTA and the Bakta outputs the stand-in answers with. */
export interface TestGenome {
  /** The genome's name (also the job name the stand-in maps results by). */
  genome: string;
  /** The FASTA file. */
  fasta: string;
  /** The folder of Bakta outputs served as its results. */
  results: string;
  /** The feature counts per type the import must give (independent truth). */
  expected: Record<string, number>;
}

/**
 * Counts a run's features per type (the factory's own record: independent of the store).
 *
 * @param run The run.
 * @returns Counts per type.
 */
export function countByType(run: BaktaRun): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const feature of run.features) counts[feature.type] = (counts[feature.type] ?? 0) + 1;
  return counts;
}

/**
 * Writes factory-made genomes: per genome a results folder (Bakta JSON, GFF3 and a `.txt`-less
 * set) and its FASTA. The runs differ, so their imports never share a fingerprint.
 *
 * @param dir The folder to write into.
 * @param count How many genomes.
 * @param seed The first seed.
 * @returns The genomes.
 */
export async function writeFactoryGenomes(
  dir: string,
  count = 3,
  seed = 11,
): Promise<TestGenome[]> {
  const genomes: TestGenome[] = [];
  for (let i = 0; i < count; i++) {
    const genome = `G${seed + i}`;
    const run = makeRun({ seed: seed + i, sequences: 2, featuresPerSequence: 6 + i });
    const results = `${dir}/${genome}`;
    await Deno.mkdir(results, { recursive: true });
    await Deno.writeTextFile(`${results}/${genome}.json`, formatRunAsBaktaJson(run));
    await Deno.writeTextFile(`${results}/${genome}.gff3`, formatRunAsGff3(run));
    const fasta = `${dir}/${genome}.fna`;
    await Deno.writeTextFile(
      fasta,
      run.sequences.map((s) => `>${s.id}\n${s.nt}\n`).join(""),
    );
    genomes.push({ genome, fasta, results, expected: countByType(run) });
  }
  return genomes;
}

const SUMMARY_TYPES: readonly [string, string][] = [
  ["trnas", "tRNA"],
  ["tmrnas", "tmRNA"],
  ["rrnas", "rRNA"],
  ["ncrnas", "ncRNA"],
  ["ncrnaRegions", "ncRNA-region"],
  ["crisprArrays", "crispr"],
  ["cdss", "cds"],
  ["sorfs", "sorf"],
  ["gaps", "gap"],
  ["oriCs", "oriC"],
  ["oriVs", "oriV"],
  ["oriTs", "oriT"],
];

/**
 * The feature counts per type Bakta's own `.txt` summary gives (types with 0 left out).
 *
 * @param path The `.txt` file.
 * @returns Counts per type.
 */
export async function countsFromSummary(path: string): Promise<Record<string, number>> {
  const summary = readBaktaSummary(await Deno.readFile(path));
  const counts: Record<string, number> = {};
  for (const [key, type] of SUMMARY_TYPES) {
    const value = (summary.counts as unknown as Record<string, number>)[key] ?? 0;
    if (value > 0) counts[type] = value;
  }
  return counts;
}

/**
 * The two small real runs with an input FASTA: the v1.11.4 assembly and the origin-spanning
 * plasmid, with their `.txt` counts as truth.
 *
 * @returns The genomes.
 */
export async function sampleGenomes(): Promise<TestGenome[]> {
  return [
    {
      genome: "assembly",
      fasta: `${SAMPLES_DIR}v1.11.4-assembly/assembly.input.fasta`,
      results: `${SAMPLES_DIR}v1.11.4-assembly`,
      expected: await countsFromSummary(`${SAMPLES_DIR}v1.11.4-assembly/assembly.txt`),
    },
    {
      genome: "TEST_6",
      fasta: `${SAMPLES_DIR}v1.8.1-origin-spanning/TEST_6.fna`,
      results: `${SAMPLES_DIR}v1.8.1-origin-spanning`,
      expected: await countsFromSummary(`${SAMPLES_DIR}v1.8.1-origin-spanning/TEST_6.txt`),
    },
  ];
}

/**
 * Starts a stand-in that answers each genome's job with that genome's results folder.
 *
 * @param genomes The genomes.
 * @param config More stand-in configuration.
 * @returns The stand-in.
 */
export async function standInFor(
  genomes: readonly TestGenome[],
  config: BaktaStandInConfig = {},
): Promise<BaktaStandIn> {
  const byName = new Map(genomes.map((g) => [g.genome, g.results]));
  return await startBaktaStandIn({
    runningMs: 30,
    resultsFor: (job) => byName.get(job.requestedName),
    ...config,
  });
}

/**
 * Feature counts per type of one annotation, from the database.
 *
 * @param db The database.
 * @param annotationId The annotation.
 * @returns Counts per type.
 */
export async function storedCounts(
  db: Kysely<Database>,
  annotationId: number,
): Promise<Record<string, number>> {
  const rows = await db.selectFrom("features")
    .select(["type", db.fn.countAll<number>().as("n")])
    .where("annotation_id", "=", annotationId).groupBy("type").execute();
  return Object.fromEntries(rows.map((row) => [row.type, Number(row.n)]));
}

/**
 * Every secret the stand-in handed out.
 *
 * @param standIn The stand-in.
 * @returns The secrets.
 */
export function secretsOf(standIn: BaktaStandIn): string[] {
  return [...standIn.jobs.values()].map((job) => job.secret);
}

/**
 * Asserts that no text holds any of the secrets.
 *
 * @param texts Named texts (captured streams, messages, JSON).
 * @param secrets The secrets.
 */
export function assertNoSecretsIn(texts: Record<string, string>, secrets: readonly string[]) {
  assert.ok(secrets.length > 0, "no secrets to look for");
  for (const [name, text] of Object.entries(texts)) {
    for (const secret of secrets) {
      assert.ok(!text.includes(secret), `a secret leaked into ${name}`);
    }
  }
}

/**
 * Asserts that no column of any table (except `jobs.secret`) holds any of the secrets.
 *
 * @param db The database.
 * @param secrets The secrets.
 * @returns How many columns were scanned.
 */
export async function assertNoSecretsInDatabase(
  db: Kysely<Database>,
  secrets: readonly string[],
): Promise<number> {
  assert.ok(secrets.length > 0, "no secrets to look for");
  const postgres = usesPostgres(db);
  const { rows: columns } = postgres
    ? await sql<{ table: string; column: string; type: string }>`
      select table_name as "table", column_name as "column", data_type as "type"
      from information_schema.columns where table_schema = current_schema()`.execute(db)
    : await sql<{ table: string; column: string; type: string }>`
      select m.name as "table", c.name as "column", c.type as "type" from sqlite_schema as m,
        pragma_table_info(m.name) as c
      where m.type = 'table' and m.name not like 'sqlite_%'`.execute(db);
  let scanned = 0;
  for (const { table, column, type } of columns) {
    if (table === "jobs" && column === "secret") continue;
    scanned++;
    const ref = sql.ref(column);
    for (const secret of secrets) {
      // PostgreSQL: bytes searched as bytes (a bytea's text is hex), anything else as text.
      const found = !postgres
        ? sql`instr(cast(${ref} as text), ${secret}) > 0`
        : type === "bytea"
        ? sql`position(convert_to(${secret}, 'UTF8') in ${ref}) > 0`
        : sql`strpos(${ref}::text, ${secret}) > 0`;
      const { rows } = await sql<{ n: number }>`
        select count(*) as n from ${sql.table(table)} where ${found}`.execute(db);
      assert.equal(Number(rows[0].n), 0, `a secret leaked into ${table}.${column}`);
    }
  }
  return scanned;
}
