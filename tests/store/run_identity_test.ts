import assert from "node:assert/strict";
import { sql } from "kysely";
import { ConstraintError } from "../../src/db/errors.ts";
import { readResultFolder } from "../../src/formats/result_folder.ts";
import {
  createJob,
  deleteAnnotation,
  deleteGenome,
  getResidues,
  importRun,
  listResultFiles,
  listSequences,
  loadRun,
} from "../../src/store/mod.ts";
import { makeRun } from "../../src/testing/factory/mod.ts";
import { runFingerprint } from "../../src/store/run_fingerprint.ts";
import { reportSamples, samplePath } from "../_samples.ts";
import { sha256 } from "../_sha256.ts";
import { freshDatabase } from "../_fresh_database.ts";
import { rowCounts } from "./_helpers.ts";

const present = reportSamples("tests/store/run_identity_test.ts");
const ASSEMBLY = "v1.11.4-assembly/assembly";
const FORMATS = ["json", "gff3", "gbff", "embl"] as const;

Deno.test({
  name: "importRun() lands the JSON, GFF3, GenBank and EMBL of one run as one annotation",
  ignore: !present,
  fn: async () => {
    await using db = await freshDatabase();
    const results = [];
    for (const ext of FORMATS) {
      results.push(await importRun(db, samplePath(`${ASSEMBLY}.${ext}`), { genome: "assembly" }));
    }
    assert.deepEqual(results.map((r) => r.status), [
      "imported",
      "skipped",
      "skipped",
      "skipped",
    ]);
    const [first] = results;
    for (const r of results) assert.equal(r.annotationId, first.annotationId);
    for (const r of results.slice(1)) {
      assert.match(r.reason!, /the same run was imported before as annotation \d+/);
      assert.equal(r.counts.files, 1, `${r.where} added its file`);
    }
    const counts = await rowCounts(db);
    assert.equal(counts.annotations, 1);
    assert.equal(counts.features, 95); // assembly.txt: 92 CDSs + 1 sORF + 1 oriV + 1 ncRNA region
    assert.equal(counts.features_fts, 95);
    const files = await listResultFiles(db, first.annotationId);
    assert.deepEqual(
      files.map((f) => f.fileName).sort(),
      FORMATS.map((e) => `assembly.${e}`).sort(),
    );
    for (const f of files) {
      assert.equal(
        f.checksum,
        await sha256(Deno.readFileSync(samplePath(`v1.11.4-assembly/${f.fileName}`))),
      );
    }
    // The same files again are known before parsing.
    const again = await importRun(db, samplePath(`${ASSEMBLY}.gbff`), { genome: "assembly" });
    assert.equal(again.status, "skipped");
    assert.equal(again.counts.files, 0);
  },
});

Deno.test({
  name: "runFingerprint() agrees across the four annotation formats of one run, and not with TSV",
  ignore: !present,
  fn: async () => {
    const prints = new Set<string>();
    for (const ext of FORMATS) {
      const run = await readResultFolder([samplePath(`${ASSEMBLY}.${ext}`)]);
      const checksums = await Promise.all(
        run.sequences.map((s) => sha256(new TextEncoder().encode(s.nt!.toUpperCase()))),
      );
      prints.add(runFingerprint(run, checksums));
    }
    assert.equal(prints.size, 1);
    const tsv = await readResultFolder([samplePath(`${ASSEMBLY}.tsv`)]);
    assert.ok(!prints.has(runFingerprint(tsv, tsv.sequences.map(() => null))));
  },
});

Deno.test({
  name: "a folder after a job and a job after a folder land on one annotation, the job linked",
  ignore: !present,
  fn: async () => {
    await using db = await freshDatabase();
    const job = await createJob(db, {
      jobId: "job-1",
      secret: "s",
      name: "assembly",
      config: {},
      apiUrl: "http://127.0.0.1:1",
    });
    const folder = samplePath("v1.11.4-assembly");
    const byJob = await importRun(db, [
      samplePath(`${ASSEMBLY}.json`),
      samplePath(`${ASSEMBLY}.gff3`),
    ], {
      genome: "assembly",
      source: "job",
      jobId: job.id,
    });
    const byFolder = await importRun(db, folder, { genome: "assembly" });
    assert.equal(byFolder.status, "skipped");
    assert.equal(byFolder.annotationId, byJob.annotationId);
    const names = (await listResultFiles(db, byJob.annotationId)).map((f) => f.fileName);
    assert.ok(names.includes("assembly.tsv") && names.includes("assembly.faa"), names.join());
    assert.equal((await rowCounts(db)).annotations, 1);

    const job2 = await createJob(db, {
      jobId: "job-2",
      secret: "s",
      name: "other",
      config: {},
      apiUrl: "http://127.0.0.1:1",
    });
    await importRun(db, samplePath("v1.8.1-origin-spanning"), { genome: "spanning" });
    const later = await importRun(db, samplePath("v1.8.1-origin-spanning"), {
      genome: "spanning",
      source: "job",
      jobId: job2.id,
    });
    const row = await db.selectFrom("annotations").select(["source", "job_id"])
      .where("id", "=", later.annotationId).executeTakeFirstOrThrow();
    assert.deepEqual(row, { source: "job", job_id: job2.id });
  },
});

Deno.test({
  name: "residues kept in a stored GFF3 read back equal, and survive deleting the annotation",
  ignore: !present,
  fn: async () => {
    await using db = await freshDatabase();
    const path = samplePath("v1.9.2-spneumoniae-cohort/6952-4-17.gff3.gz");
    const parsed = await readResultFolder([path]);
    const first = await importRun(db, path);
    const [sequence] = await listSequences(db, first.genomeId);
    const stored = await db.selectFrom("sequences").select(["residues", "residues_file_id"])
      .where("id", "=", sequence.id).executeTakeFirstOrThrow();
    assert.equal(stored.residues, null);
    assert.notEqual(stored.residues_file_id, null);
    const byId = new Map(parsed.sequences.map((s) => [s.id, s.nt!.toUpperCase()]));
    assert.equal(await getResidues(db, sequence.id), byId.get(sequence.seqId));
    const loaded = await loadRun(db, first.annotationId);
    assert.deepEqual(
      loaded.sequences.map((s) => s.nt),
      parsed.sequences.map((s) => s.nt!.toUpperCase()),
    );

    // A second annotation on the same version (a factory re-annotation is not at hand: reuse the
    // same sequences under another Bakta version), then the first is deleted.
    const rerun = { ...parsed, software: { ...parsed.software, bakta: "9.9.9" } };
    const second = await importRun(db, rerun, { genome: first.genome });
    assert.equal(second.sequenceVersion, first.sequenceVersion);
    await deleteAnnotation(db, first.annotationId);
    assert.equal(await getResidues(db, sequence.id), byId.get(sequence.seqId));
    const after = await db.selectFrom("sequences").select("residues_file_id")
      .where("id", "=", sequence.id).executeTakeFirstOrThrow();
    assert.equal(after.residues_file_id, null);

    // A file that holds residues cannot be deleted around the store; a genome goes whole.
    const third = await importRun(db, path, { genome: "again" });
    // The annotation's files go with it (cascade) while `sequences.residues_file_id` still names
    // one: refused by that foreign key. This test runs on SQLite only (four imports of a real
    // GFF3); PostgreSQL says `violates foreign key constraint "sequences_residues_file_id_fkey"`.
    await assert.rejects(
      db.deleteFrom("annotations").where("id", "=", third.annotationId).execute(),
      (error: unknown) =>
        error instanceof ConstraintError && error.constraint === "foreign-key" &&
        /^FOREIGN KEY constraint failed$/.test(error.message),
    );
    await deleteGenome(db, "again");
    assert.equal((await listSequences(db, third.genomeId)).length, 0);
  },
});

Deno.test("the FTS5 index stays in step with features after import, re-import and delete", async () => {
  await using db = await freshDatabase();
  const run = makeRun({ seed: 7, sequences: 2, featuresPerSequence: 30 });
  const a = await importRun(db, run, { genome: "g" });
  await importRun(db, run, { genome: "g" });
  const other = makeRun({ seed: 8, sequences: 1, featuresPerSequence: 12 });
  const b = await importRun(db, other, { genome: "h" });
  const inStep = async () => {
    const { rows } = await sql<{ f: number; fts: number; state: number }>`select
        (select count(*) from features) as f, (select count(*) from features_fts) as fts,
        (select deferred from features_index_state) as state`.execute(db);
    const r = rows[0];
    assert.equal(Number(r.fts), Number(r.f));
    assert.equal(Number(r.state), 0);
    // Every feature is found by its own locus tag.
    const { rows: missing } = await sql<{ n: number }>`select count(*) as n from features f
        where f.locus_tag is not null and f.id not in (select rowid from features_fts
          where features_fts match '"' || f.locus_tag || '"')`.execute(db);
    assert.equal(Number(missing[0].n), 0);
    return Number(r.f);
  };
  assert.equal(await inStep(), 72);
  await deleteAnnotation(db, a.annotationId);
  assert.equal(await inStep(), 12);
  await deleteAnnotation(db, b.annotationId);
  assert.equal(await inStep(), 0);
});
