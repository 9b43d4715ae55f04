/**
 * Several `baktadb import` processes (as a Snakemake or Nextflow pipeline starts them, one per
 * sample) writing one fresh database at the same time: every process must succeed, and the
 * database must hold exactly what the sources say, once.
 */

import assert from "node:assert/strict";
import type { Kysely } from "kysely";
import type { Database } from "../../src/db/schema.ts";
import { openDatabase } from "../../src/db/open_database.ts";
import { makeRun } from "../../src/testing/factory/make_run.ts";
import { formatRunAsGff3 } from "../../src/testing/factory/format_run_as_gff3.ts";
import { countByType, storedCounts } from "../client/job_service/_helpers.ts";
import { type CliOutput, runCliAtOnce } from "../_cli_process.ts";
import { reportSamples, SAMPLES_DIR } from "../_samples.ts";
import { sqlite3 } from "../_sqlite3.ts";

/** A GFF3 file on disk and the feature counts per type it holds (the factory's own record). */
interface Source {
  genome: string;
  path: string;
  expected: Record<string, number>;
}

async function writeSources(dir: string, count: number): Promise<Source[]> {
  const sources: Source[] = [];
  for (let i = 0; i < count; i++) {
    const genome = `S${i + 1}`;
    const run = makeRun({ seed: 500 + i, sequences: 2, featuresPerSequence: 12 + i });
    const path = `${dir}/${genome}.gff3`;
    await Deno.writeTextFile(path, formatRunAsGff3(run));
    sources.push({ genome, path, expected: countByType(run) });
  }
  return sources;
}

function assertAllSucceeded(outputs: readonly CliOutput[]): void {
  outputs.forEach((output, i) =>
    assert.equal(
      output.code,
      0,
      `process ${i} exited ${output.code}:\n${output.stdout}${output.stderr}`,
    )
  );
}

/** Every stored genome's annotations with their feature counts per type, by genome name. */
async function storedByGenome(
  db: Kysely<Database>,
): Promise<Map<string, Record<string, number>[]>> {
  const annotations = await db.selectFrom("annotations as a")
    .innerJoin("genomes as g", "g.id", "a.genome_id")
    .select(["g.name", "a.id"]).orderBy("a.id").execute();
  const byGenome = new Map<string, Record<string, number>[]>();
  for (const { name, id } of annotations) {
    byGenome.set(name, [...(byGenome.get(name) ?? []), await storedCounts(db, id)]);
  }
  return byGenome;
}

async function withTempDir(work: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "baktadb-concurrent-" });
  try {
    await work(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** Imports `sources` with `processes` processes at once, each taking every `processes`-th file. */
async function importAtOnce(
  dbPath: string,
  sources: readonly Source[],
  processes: number,
): Promise<CliOutput[]> {
  const shares = Array.from(
    { length: processes },
    (_, p) => sources.filter((_, i) => i % processes === p).map((source) => source.path),
  );
  return await runCliAtOnce(shares.map((paths) => ["import", ...paths, "--db", dbPath]));
}

async function assertHoldsExactly(dbPath: string, sources: readonly Source[]): Promise<void> {
  const total = sources.reduce(
    (sum, s) => sum + Object.values(s.expected).reduce((a, b) => a + b, 0),
    0,
  );
  // sqlite3's own reading of the file, then ours
  assert.deepEqual(await sqlite3(dbPath, "pragma integrity_check"), ["ok"]);
  assert.deepEqual(
    await sqlite3(
      dbPath,
      "select (select count(*) from genomes), (select count(*) from annotations), " +
        "(select count(*) from features)",
    ),
    [`${sources.length}|${sources.length}|${total}`],
    "genomes, annotations and features",
  );
  const db = await openDatabase(dbPath);
  try {
    const stored = await storedByGenome(db);
    assert.equal(stored.size, sources.length, "one genome per source");
    for (const source of sources) {
      assert.deepEqual(stored.get(source.genome), [source.expected], `${source.genome}`);
    }
  } finally {
    await db.destroy();
  }
}

for (const [processes, perProcess] of [[4, 3], [8, 1]] as const) {
  Deno.test(`baktadb import: ${processes} processes, ${perProcess} different GFF3(s) each, into one fresh database all succeed`, async () => {
    await withTempDir(async (dir) => {
      const sources = await writeSources(dir, processes * perProcess);
      const dbPath = `${dir}/shared.sqlite`;
      const outputs = await importAtOnce(dbPath, sources, processes);
      assertAllSucceeded(outputs);
      for (const output of outputs) {
        assert.match(output.stdout, new RegExp(`Imported ${perProcess}, skipped 0, failed 0`));
      }
      await assertHoldsExactly(dbPath, sources);
    });
  });
}

Deno.test("baktadb import: 4 processes importing the same GFF3 at once store it exactly once", async () => {
  await withTempDir(async (dir) => {
    const [source] = await writeSources(dir, 1);
    const dbPath = `${dir}/shared.sqlite`;
    const outputs = await runCliAtOnce(
      Array.from({ length: 4 }, () => ["import", source.path, "--db", dbPath]),
    );
    assertAllSucceeded(outputs);
    const imported = outputs.filter((o) => /Imported 1, skipped 0, failed 0/.test(o.stdout));
    const skipped = outputs.filter((o) => /Imported 0, skipped 1, failed 0/.test(o.stdout));
    assert.equal(imported.length, 1, "exactly one process imported it");
    assert.equal(skipped.length, 3, "the others found it imported");
    await assertHoldsExactly(dbPath, [source]);
  });
});

Deno.test({
  name:
    "baktadb import: 3 processes importing real S. pneumoniae GFF3s at once match a serial import",
  ignore: !reportSamples("concurrent_import_test.ts"),
}, async () => {
  const cohort = `${SAMPLES_DIR}v1.9.2-spneumoniae-cohort`;
  await withTempDir(async (dir) => {
    const files = [...Deno.readDirSync(cohort)].map((e) => e.name)
      .filter((name) => name.endsWith(".gff3.gz")).sort().map((name) => `${cohort}/${name}`);
    assert.equal(files.length, 8);
    files.splice(3); // three genomes keep the test short
    const serialPath = `${dir}/serial.sqlite`;
    assertAllSucceeded(await runCliAtOnce([["import", ...files, "--db", serialPath]]));
    const sharedPath = `${dir}/shared.sqlite`;
    assertAllSucceeded(
      await runCliAtOnce(files.map((path) => ["import", path, "--db", sharedPath])),
    );
    const serial = await openDatabase(serialPath);
    const shared = await openDatabase(sharedPath);
    try {
      assert.deepEqual(await sqlite3(sharedPath, "pragma integrity_check"), ["ok"]);
      const truth = await storedByGenome(serial);
      assert.equal(truth.size, 3);
      assert.deepEqual(await storedByGenome(shared), truth);
    } finally {
      await serial.destroy();
      await shared.destroy();
    }
  });
});
