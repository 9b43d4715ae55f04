import assert from "node:assert/strict";
import { ConstraintError } from "../../src/db/errors.ts";
import { makeRun } from "../../src/testing/factory/mod.ts";
import {
  annotationFeatureStats,
  countFeaturesByType,
  createGenome,
  createJob,
  deleteAnnotation,
  deleteGenome,
  deleteJob,
  deleteJobConfig,
  findFeaturesByLocusTag,
  findGenomeByName,
  findJobByJobId,
  getFeatureOriginal,
  getFeatureXrefs,
  getJobConfig,
  importRun,
  listGenomeResultFiles,
  listGenomes,
  listJobConfigs,
  listJobEvents,
  listJobs,
  listSequenceVersions,
  renameGenome,
  resolveGenome,
  saveJobConfig,
  StoreCache,
  storeCacheFor,
  updateGenome,
  updateJobStatus,
} from "../../src/store/mod.ts";
import { bulkInsert, rowsPerStatement, statementSizes } from "../../src/store/_bulk_insert.ts";
import { freshDatabase } from "../_fresh_database.ts";
import { rowCounts } from "./_helpers.ts";
import { currentEngine, engineTest } from "../_engines.ts";

engineTest(
  "genomes: create, find, resolve, update, rename, list with counts, delete with everything",
  async () => {
    await using db = await freshDatabase();
    const a = await createGenome(db, { name: "A", genus: "Escherichia", species: "coli" });
    await assert.rejects(
      createGenome(db, { name: "A" }),
      (e) => e instanceof ConstraintError && e.constraint === "unique",
    );
    await assert.rejects(
      createGenome(db, { name: "" }),
      (e) => e instanceof ConstraintError && e.constraint === "check",
    );
    assert.equal((await findGenomeByName(db, "A"))?.id, a.id);
    assert.equal(await findGenomeByName(db, "Z"), undefined);
    assert.equal((await resolveGenome(db, String(a.id))).name, "A", "digits resolve as an id");
    await assert.rejects(resolveGenome(db, "Z"), {
      name: "NotFoundError",
      message: /No genome "Z"/,
    });
    assert.equal((await updateGenome(db, a.id, { notes: "n" })).notes, "n");

    const run = makeRun({ seed: 1, sequences: 2, featuresPerSequence: 10 });
    await importRun(db, run, { genome: "B" });
    const [ga, gb] = await listGenomes(db);
    assert.deepStrictEqual(
      [ga.name, ga.organism, ga.versions, ga.currentVersion, ga.annotations, ga.features],
      ["A", "Escherichia coli", 0, null, 0, 0],
    );
    assert.deepStrictEqual(
      [gb.name, gb.organism, gb.versions, gb.currentVersion, gb.annotations, gb.features],
      ["B", "Testella fictiva", 1, 1, 1, 20],
    );
    const renamed = await renameGenome(db, "B", "B2");
    assert.equal(renamed.name, "B2");
    const deleted = await deleteGenome(db, "B2");
    assert.deepStrictEqual(
      [deleted.annotations, deleted.features, deleted.sequences, deleted.files],
      [1, 20, 2, 0],
    );
    const counts = await rowCounts(db);
    assert.deepStrictEqual(
      [
        counts.genomes,
        counts.sequences,
        counts.annotations,
        counts.features,
        counts.xref_term_features,
      ],
      [1, 0, 0, 0, 0],
    );
    assert.equal(counts.features_fts, 0, "cascading deletes reach the FTS index");
  },
);

engineTest(
  "the cache is invalidated by deleteGenome() and renameGenome(), and imports stay correct",
  async () => {
    await using db = await freshDatabase();
    const cache = storeCacheFor(db);
    const run = makeRun({ seed: 2, sequences: 1, featuresPerSequence: 5 });
    const first = await importRun(db, run, { genome: "G" });
    assert.equal(cache.getGenomeId("G"), first.genomeId);

    await renameGenome(db, "G", "H");
    assert.equal(cache.getGenomeId("G"), undefined, "rename forgets the old name");
    // A new run named G makes a new genome, not one attached to the renamed H.
    const other = makeRun({ seed: 3, sequences: 1, featuresPerSequence: 5 });
    const second = await importRun(db, other, { genome: "G" });
    assert.notEqual(second.genomeId, first.genomeId);
    assert.equal(second.versionAction, "new-genome");

    await deleteGenome(db, "G");
    assert.equal(cache.getGenomeId("G"), undefined, "delete forgets the genome");
    // SQLite reuses the freed id: a stale entry would attach the next run of "G" to "X".
    const x = await createGenome(db, { name: "X" });
    if (currentEngine() === "sqlite") assert.equal(x.id, second.genomeId);
    const third = await importRun(db, other, { genome: "G" });
    assert.equal(third.status, "imported");
    assert.equal(third.versionAction, "new-genome");
    assert.notEqual(third.genomeId, x.id);
    assert.equal((await findGenomeByName(db, "G"))?.id, third.genomeId);
    assert.equal(cache.getGenomeId("G"), third.genomeId);
    assert.ok(cache.stats.hits > 0 && cache.stats.misses > 0);
  },
);

Deno.test(
  "a stale cache entry (a delete made around the store, its id reused) is detected",
  async () => {
    await using db = await freshDatabase();
    const cache = new StoreCache();
    const run = makeRun({ seed: 4, sequences: 1, featuresPerSequence: 5 });
    const first = await importRun(db, run, { genome: "G", cache });
    await db.deleteFrom("genomes").execute(); // behind the store's back
    const x = await createGenome(db, { name: "X" });
    assert.equal(x.id, first.genomeId, "SQLite reused the id");
    assert.equal(cache.getGenomeId("G"), first.genomeId, "the cache does not know");
    const other = makeRun({ seed: 5, sequences: 1, featuresPerSequence: 5 });
    const second = await importRun(db, other, { genome: "G", cache });
    assert.equal(second.versionAction, "new-genome");
    assert.notEqual(second.genomeId, x.id, "not attached to X");
    assert.equal(cache.getGenomeId("G"), second.genomeId);
    cache.clear();
    assert.equal(cache.size, 0);
  },
);

engineTest("features: by locus tag, xrefs, original record, counts and statistics", async () => {
  await using db = await freshDatabase();
  const run = makeRun({ seed: 6, sequences: 1, genomeSize: 40_000 });
  const { annotationId, genomeId } = await importRun(db, run, { genome: "G" });
  const cds = run.features.find((f) =>
    f.type === "cds" && !f.hypothetical && f.dbXrefs.length > 3
  )!;
  const [found] = await findFeaturesByLocusTag(db, cds.locusTag!);
  assert.equal(found.genome, "G");
  assert.equal(found.seqId, cds.sequenceId);
  assert.deepStrictEqual([found.start, found.stop, found.strand], [
    cds.start,
    cds.stop,
    cds.strand,
  ]);
  const sortKey = (x: { db: string; accession: string }) => `${x.db}:${x.accession}`;
  assert.deepStrictEqual(
    (await getFeatureXrefs(db, found.id)).map(sortKey),
    cds.dbXrefs.map(sortKey).sort(),
  );
  assert.deepStrictEqual(await getFeatureOriginal(db, found.id), cds.original);
  assert.deepStrictEqual(
    await findFeaturesByLocusTag(db, cds.locusTag!, { genomeId: genomeId + 1 }),
    [],
  );
  const byType = await countFeaturesByType(db, annotationId);
  const expected: Record<string, number> = {};
  for (const f of run.features) expected[f.type] = (expected[f.type] ?? 0) + 1;
  assert.deepStrictEqual(byType, expected);
  const stats = await annotationFeatureStats(db, annotationId);
  assert.equal(stats.total, run.features.length);
  assert.equal(
    stats.hypotheticals,
    run.features.filter((f) => f.type === "cds" && f.hypothetical).length,
  );
  assert.equal(
    stats.pseudogenes,
    run.features.filter((f) => f.type === "cds" && f.pseudo).length,
  );
  assert.equal((await listSequenceVersions(db, genomeId))[0].totalLength, run.stats!.size);
  assert.deepStrictEqual(await listGenomeResultFiles(db, "G"), []);
  await deleteAnnotation(db, annotationId);
  const counts = await rowCounts(db);
  assert.deepStrictEqual([counts.annotations, counts.features, counts.sequences], [0, 0, 1]);
});

engineTest("jobs and job configurations: create, status events, look-ups, delete", async () => {
  await using db = await freshDatabase();
  const config = await saveJobConfig(db, "default", { complete: false });
  await saveJobConfig(db, "default", { complete: true });
  assert.deepStrictEqual((await getJobConfig(db, "default")).options, { complete: true });
  assert.equal((await listJobConfigs(db)).length, 1);
  const job = await createJob(db, {
    jobId: "j1",
    secret: "s3cr3t",
    name: "demo",
    config: { complete: true },
    apiUrl: "http://127.0.0.1:9",
    configId: config.id,
  });
  assert.equal(job.status, "CREATED");
  await updateJobStatus(db, job.id, { status: "RUNNING", startedAt: "2025-01-01T00:00:00Z" });
  await updateJobStatus(db, job.id, { status: "RUNNING" }); // no change: no event
  const done = await updateJobStatus(db, job.id, { status: "ERROR", error: "boom", detail: "x" });
  assert.equal(done.error, "boom");
  assert.deepStrictEqual((await listJobEvents(db, job.id)).map((e) => e.status), [
    "CREATED",
    "RUNNING",
    "ERROR",
  ]);
  assert.equal((await findJobByJobId(db, "j1"))?.id, job.id);
  assert.deepStrictEqual((await listJobs(db, { status: ["ERROR"] })).map((j) => j.jobId), ["j1"]);
  assert.deepStrictEqual(await listJobs(db, { status: ["RUNNING"] }), []);
  await assert.rejects(updateJobStatus(db, 999, { status: "RUNNING" }), {
    name: "NotFoundError",
    message: /No job "999"/,
  });
  assert.equal(await deleteJob(db, job.id), true);
  assert.equal(await deleteJobConfig(db, "default"), true);
  await assert.rejects(getJobConfig(db, "default"), {
    name: "NotFoundError",
    message: /No job configuration "default"/,
  });
});

Deno.test("statementSizes() covers every row in a few shapes within the chunk", () => {
  for (const chunk of [500, 327]) {
    const shapes = new Set<number>();
    for (let total = 0; total <= 1100; total++) {
      const sizes = statementSizes(total, chunk);
      assert.equal(sizes.reduce((sum, n) => sum + n, 0), total, `${total} rows`);
      for (const n of sizes) {
        assert.ok(Number.isInteger(n) && n >= 1 && n <= chunk, `${n} of ${total} rows`);
        shapes.add(n);
      }
    }
    assert.ok(shapes.size <= 1 + Math.log2(chunk) + 1, `${shapes.size} shapes of ${chunk}`);
  }
});

engineTest("bulkInsert() splits rows into statements within SQLite's variable limit", async () => {
  assert.equal(rowsPerStatement(3), 500);
  assert.equal(rowsPerStatement(100), 327);
  await using db = await freshDatabase();
  const genome = await createGenome(db, { name: "G" });
  const annotation = await db.insertInto("annotations").values({
    genome_id: genome.id,
    sequence_version: 1,
    source: "files",
    fingerprint: "f",
  }).returning("id").executeTakeFirstOrThrow();
  const rows = Array.from(
    { length: 1234 },
    (_, i) => [annotation.id, "txt", `f${i}.txt`, 1, "c", new Uint8Array([i % 256]), "plain"],
  );
  await bulkInsert(db, "result_files", [
    "annotation_id",
    "kind",
    "file_name",
    "size",
    "checksum",
    "content",
    "encoding",
  ], rows);
  const stored = await db.selectFrom("result_files").select(["file_name", "content"]).orderBy(
    "id",
  ).execute();
  assert.equal(stored.length, 1234);
  assert.equal(stored[1233].file_name, "f1233.txt");
  assert.deepStrictEqual([...stored[300].content], [300 % 256]);
});
