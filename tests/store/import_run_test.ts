import assert from "node:assert/strict";
import { ConstraintError } from "../../src/db/errors.ts";
import type { BaktaRun, Feature } from "../../src/formats/model.ts";
import { formatRunAsBaktaJson, formatRunAsGff3, makeRun } from "../../src/testing/factory/mod.ts";
import {
  exportRunFolder,
  genomeHistory,
  getResidues,
  getResultFile,
  ImportError,
  importRun,
  listAnnotations,
  listFeatures,
  listSequences,
  StoreCache,
} from "../../src/store/mod.ts";
import { sha256 } from "../_sha256.ts";
import { freshDatabase } from "../_fresh_database.ts";
import { loadOriginals } from "../../src/store/feature_originals.ts";
import { rowCounts } from "./_helpers.ts";
import { engineTest } from "../_engines.ts";

/** A deep copy of a run (so that tests can change it). */
function clone(run: BaktaRun): BaktaRun {
  return structuredClone(run);
}

engineTest(
  "importRun() stores genome, sequences, annotation, features and deduplicated xrefs",
  async () => {
    await using db = await freshDatabase();
    const run = makeRun({ seed: 1, sequences: 2, genomeSize: 40_000 });
    // A duplicated cross-reference must be stored once.
    const withXrefs = run.features.find((f) => f.dbXrefs.length > 1)!;
    withXrefs.dbXrefs.push({ ...withXrefs.dbXrefs[0] });
    const result = await importRun(db, run, { genome: "G1" });
    assert.equal(result.status, "imported");
    assert.equal(result.versionAction, "new-genome");
    assert.equal(result.sequenceVersion, 1);
    const counts = await rowCounts(db);
    assert.equal(counts.genomes, 1);
    assert.equal(counts.sequences, 2);
    assert.equal(counts.features, run.features.length);
    const distinctXrefs = run.features.reduce(
      (n, f) => n + new Set(f.dbXrefs.map((x) => `${x.db}:${x.accession}`)).size,
      0,
    );
    assert.equal(counts.xref_term_features, distinctXrefs);
    assert.equal(result.counts.xrefs, distinctXrefs);
    assert.equal(counts.features_fts, run.features.length, "the FTS index follows the features");

    const genome = await db.selectFrom("genomes").selectAll().executeTakeFirstOrThrow();
    assert.deepStrictEqual([genome.genus, genome.species, genome.strain], [
      "Testella",
      "fictiva",
      "S1",
    ]);
    const [annotation] = await listAnnotations(db, genome.id);
    assert.equal(annotation.baktaVersion, "1.10.4");
    assert.equal(annotation.dbVersion, "5.1");
    assert.equal(annotation.stats.size, run.stats!.size);
    assert.equal(annotation.stats.gc, run.stats!.gc);
    assert.deepStrictEqual(annotation.genome, run.genome);
  },
);

engineTest(
  "importRun() feature rows carry the model's fields and brute-force derived values",
  async () => {
    await using db = await freshDatabase();
    const run = makeRun({ seed: 2, sequences: 1, genomeSize: 30_000 });
    const { annotationId } = await importRun(db, run, { genome: "G" });
    const rows = await db.selectFrom("features").selectAll().where(
      "annotation_id",
      "=",
      annotationId,
    )
      .orderBy("id").execute();
    assert.equal(rows.length, run.features.length);
    const originals = await loadOriginals(db, annotationId);
    const gcOf = (nt: string) => {
      const acgt = nt.replace(/[^ACGT]/g, "");
      return acgt.length === 0 ? null : acgt.replace(/[AT]/g, "").length / acgt.length;
    };
    rows.forEach((row, i) => {
      const f = run.features[i];
      assert.equal(row.type, f.type);
      assert.equal(row.start, f.start);
      assert.equal(row.stop, f.stop);
      assert.equal(row.edge, f.edge ? 1 : 0);
      assert.equal(row.locus_tag, f.locusTag ?? null);
      assert.equal(row.product, f.product ?? null);
      assert.equal(row.hypothetical, f.hypothetical ? 1 : 0);
      assert.equal(row.pseudo, f.pseudo ? 1 : 0);
      assert.equal(row.aa_length, f.aa?.length ?? null);
      assert.equal(row.aa_hexdigest, f.aaHexdigest ?? null);
      const expectedGc = f.type === "gap" ? null : gcOf(f.nt!);
      if (expectedGc === null) assert.equal(row.nt_gc, null);
      else assert.ok(Math.abs(row.nt_gc! - expectedGc) < 1e-12, `${f.locusTag} gc`);
      assert.equal(row.original_json, "");
      assert.deepStrictEqual(originals.get(row.id), f.original);
    });
    // The origin-spanning CDS is stored with start > stop and edge = 1.
    const edge = rows.find((r) => r.edge === 1)!;
    assert.ok(edge.start > edge.stop);
  },
);

engineTest(
  "importRun() derives aa_length and nt_gc from coordinates and residues when the source has no nt/aa",
  async () => {
    await using db = await freshDatabase();
    const full = makeRun({ seed: 3, sequences: 1, genomeSize: 30_000 });
    const bare = clone(full);
    for (const f of bare.features) {
      delete f.nt;
      delete f.aa;
      delete f.aaHexdigest;
    }
    const a = await importRun(db, full, { genome: "full" });
    const b = await importRun(db, bare, { genome: "bare" });
    const get = (id: number) =>
      db.selectFrom("features").select([
        "locus_tag",
        "type",
        "pseudo",
        "aa_length",
        "nt_gc",
        "truncated",
      ])
        .where("annotation_id", "=", id).orderBy("id").execute();
    const [withAa, derived] = [await get(a.annotationId), await get(b.annotationId)];
    let compared = 0;
    derived.forEach((row, i) => {
      if (row.type === "cds" || row.type === "sorf") {
        if (row.pseudo === 0 && row.truncated === null) {
          assert.equal(row.aa_length, withAa[i].aa_length, `${row.locus_tag}`);
          compared++;
        } else {
          assert.equal(row.aa_length, null);
        }
      }
      if (withAa[i].nt_gc === null) assert.equal(row.nt_gc, null);
      else assert.ok(Math.abs(row.nt_gc! - withAa[i].nt_gc!) < 1e-12, `${row.locus_tag} gc`);
    });
    assert.ok(compared > 10);
  },
);

engineTest(
  "importRun() stores residues compressed and gives them back; checksum is SHA-256 of the residues",
  async () => {
    await using db = await freshDatabase();
    const run = makeRun({ seed: 4, sequences: 2, genomeSize: 20_000 });
    const result = await importRun(db, run, { genome: "G" });
    const sequences = await listSequences(db, result.genomeId);
    assert.deepStrictEqual(sequences.map((s) => s.seqId), run.sequences.map((s) => s.id));
    for (const [i, s] of sequences.entries()) {
      assert.equal(s.checksum, sha256(run.sequences[i].nt!));
      assert.equal(await getResidues(db, s.id), run.sequences[i].nt);
      assert.equal(s.topology, "circular");
      assert.equal(s.complete, true);
    }
    const encodings = await db.selectFrom("sequences").select([
      "residues_encoding",
      "residues",
      "length",
    ])
      .execute();
    for (const e of encodings) {
      assert.equal(e.residues_encoding, "gzip");
      assert.ok(e.residues!.length < e.length, "gzip is smaller than the residues");
    }
  },
);

engineTest(
  "importRun() is idempotent: the same run again is skipped and changes nothing",
  async () => {
    await using db = await freshDatabase();
    const run = makeRun({ seed: 5, sequences: 1, featuresPerSequence: 30 });
    const first = await importRun(db, run, { genome: "G" });
    const before = await rowCounts(db);
    const again = await importRun(db, clone(run), { genome: "G" });
    assert.equal(again.status, "skipped");
    assert.match(again.reason!, /imported before as annotation \d+ of "G"/);
    assert.equal(again.annotationId, first.annotationId);
    assert.deepStrictEqual(await rowCounts(db), before);
  },
);

engineTest(
  "a newer annotation of the same sequences adds an annotation on the same version",
  async () => {
    await using db = await freshDatabase();
    const run = makeRun({ seed: 6, sequences: 2, featuresPerSequence: 20 });
    const first = await importRun(db, run, { genome: "G" });
    const newer = clone(run);
    newer.software.bakta = "1.11.4";
    newer.software.db = "6.0";
    newer.features = newer.features.slice(0, 30);
    // A re-annotation may rename contigs: matching is by residue checksums.
    newer.sequences.reverse();
    const second = await importRun(db, newer, { genome: "G" });
    assert.equal(second.status, "imported");
    assert.equal(second.versionAction, "same-version");
    assert.equal(second.sequenceVersion, 1);
    assert.equal(second.counts.sequences, 0);
    assert.equal((await rowCounts(db)).sequences, 2);
    const annotations = await listAnnotations(db, first.genomeId);
    assert.deepStrictEqual(annotations.map((a) => [a.sequenceVersion, a.baktaVersion]), [
      [1, "1.10.4"],
      [1, "1.11.4"],
    ]);
    // Features of both annotations point at the same sequence rows.
    const seqIds = await db.selectFrom("features").select("sequence_id").distinct().execute();
    assert.equal(seqIds.length, 2);
  },
);

engineTest(
  "a corrected assembly creates version 2, supersedes version 1 and keeps it with its annotation",
  async () => {
    await using db = await freshDatabase();
    const run = makeRun({ seed: 7, sequences: 2, featuresPerSequence: 15 });
    const v1 = await importRun(db, run, { genome: "G" });
    const corrected = clone(run);
    const nt = corrected.sequences[1].nt!;
    corrected.sequences[1].nt = (nt[0] === "A" ? "C" : "A") + nt.slice(1); // one base fixed
    corrected.software.bakta = "1.11.4";
    const v2 = await importRun(db, corrected, { genome: "G" });
    assert.equal(v2.versionAction, "new-version");
    assert.equal(v2.sequenceVersion, 2);
    const rows = await db.selectFrom("sequences").select(["version", "superseded_by"]).orderBy(
      "id",
    )
      .execute();
    assert.deepStrictEqual(rows, [
      { version: 1, superseded_by: 2 },
      { version: 1, superseded_by: 2 },
      { version: 2, superseded_by: null },
      { version: 2, superseded_by: null },
    ]);
    const current = await listSequences(db, v1.genomeId);
    assert.deepEqual(current.map((s) => s.version), [2, 2]);
    const history = await genomeHistory(db, "G");
    assert.deepStrictEqual(
      history.versions.map((v) => [v.version, v.supersededBy, v.annotations.map((a) => a.id)]),
      [[1, 2, [v1.annotationId]], [2, null, [v2.annotationId]]],
    );
    assert.deepStrictEqual(history.events.map((e) => e.kind), [
      "version",
      "annotation",
      "version",
      "annotation",
    ]);
    // The old annotation's features still point at version 1's rows.
    const oldFeatureSeqs = await db.selectFrom("features as f").innerJoin(
      "sequences as s",
      "s.id",
      "f.sequence_id",
    )
      .select("s.version").distinct().where("f.annotation_id", "=", v1.annotationId).execute();
    assert.deepStrictEqual(oldFeatureSeqs, [{ version: 1 }]);
    // Importing another annotation of the old assembly attaches it to version 1.
    const oldAgain = clone(run);
    oldAgain.software.bakta = "1.9.4";
    const back = await importRun(db, oldAgain, { genome: "G" });
    assert.equal(back.versionAction, "same-version");
    assert.equal(back.sequenceVersion, 1);
  },
);

engineTest(
  "without residues, versions are matched by sequence ids and lengths; residues are filled in later",
  async () => {
    await using db = await freshDatabase();
    const run = makeRun({ seed: 8, sequences: 2, featuresPerSequence: 10 });
    const bare = clone(run);
    for (const s of bare.sequences) delete s.nt;
    const a = await importRun(db, bare, { genome: "G" });
    assert.equal(a.versionAction, "new-genome");
    assert.deepStrictEqual((await listSequences(db, a.genomeId)).map((s) => s.checksum), [
      null,
      null,
    ]);
    const renamed = clone(bare);
    renamed.software.bakta = "1.11.0";
    const b = await importRun(db, renamed, { genome: "G" });
    assert.equal(b.versionAction, "same-version");
    // The run with residues matches too (ids and lengths), and fills them in.
    const c = await importRun(db, run, { genome: "G" });
    assert.equal(c.versionAction, "same-version");
    const sequences = await listSequences(db, a.genomeId);
    assert.deepStrictEqual(
      sequences.map((s) => s.checksum),
      run.sequences.map((s) => sha256(s.nt!)),
    );
    // A different length is a different assembly.
    const longer = clone(bare);
    longer.sequences[0].length += 1;
    longer.software.bakta = "1.12.0";
    assert.equal((await importRun(db, longer, { genome: "G" })).versionAction, "new-version");
  },
);

engineTest(
  "an import that fails half-way leaves no trace; the cache forgets the genome",
  async () => {
    await using db = await freshDatabase();
    await importRun(db, makeRun({ seed: 9, featuresPerSequence: 10 }), { genome: "kept" });
    const before = await rowCounts(db);
    const cache = new StoreCache();
    let called = 0;
    await assert.rejects(
      importRun(db, makeRun({ seed: 10, featuresPerSequence: 40 }), {
        genome: "broken",
        cache,
        hooks: {
          afterFeatures: async (trx, info) => {
            called++;
            // The features are in, inside the transaction…
            const n = await trx.selectFrom("features").select((eb) =>
              eb.fn.countAll<number>().as("n")
            )
              .where("annotation_id", "=", info.annotationId).executeTakeFirstOrThrow();
            assert.equal(Number(n.n), 80);
            throw new Error("injected failure");
          },
        },
      }),
      /injected failure/,
    );
    assert.equal(called, 1);
    assert.deepStrictEqual(await rowCounts(db), before, "…and gone after the rollback");
    assert.equal(cache.getGenomeId("broken"), undefined);
    // The same run imports cleanly afterwards.
    const ok = await importRun(db, makeRun({ seed: 10, featuresPerSequence: 40 }), {
      genome: "broken",
      cache,
    });
    assert.equal(ok.status, "imported");
    assert.equal(cache.getGenomeId("broken"), ok.genomeId);
  },
);

engineTest(
  "a feature that violates a check constraint fails the import with a ConstraintError and no trace",
  async () => {
    await using db = await freshDatabase();
    const before = await rowCounts(db);
    const run = makeRun({ seed: 11, featuresPerSequence: 600, sequences: 1 });
    const bad = run.features[550] as Feature;
    [bad.start, bad.stop] = [bad.stop, bad.start]; // start > stop without edge
    bad.edge = false;
    await assert.rejects(importRun(db, run, { genome: "bad" }), (error) => {
      assert.ok(error instanceof ConstraintError);
      assert.equal(error.constraint, "check");
      return true;
    });
    assert.deepStrictEqual(await rowCounts(db), before);
  },
);

engineTest("importRun() rejects a feature on a sequence the run does not list", async () => {
  await using db = await freshDatabase();
  const run = makeRun({ seed: 12, featuresPerSequence: 5, sequences: 1 });
  run.features[2].sequenceId = "nowhere";
  await assert.rejects(importRun(db, run, { genome: "x" }), (error) => {
    assert.ok(error instanceof ImportError);
    assert.equal(error.kind, "UnknownSequence");
    assert.match(error.message, /lies on sequence "nowhere"/);
    return true;
  });
  assert.equal((await rowCounts(db)).genomes, 0);
});

engineTest(
  "a proteins-mode run stores the annotation and files, no features, and says so",
  async () => {
    await using db = await freshDatabase();
    const run: BaktaRun = {
      mode: "proteins",
      genome: {},
      software: { bakta: "1.12.0", db: "6.0" },
      sequences: [],
      features: [],
      sources: [],
      proteins: [{ id: "p1", length: 10, product: "x" }],
    };
    const json = new TextEncoder().encode(formatRunAsBaktaJson(run));
    const result = await importRun(db, run, {
      genome: "P",
      files: [{ name: "p.json", bytes: json }],
    });
    assert.equal(result.mode, "proteins");
    assert.equal(result.sequenceVersion, 0);
    assert.equal(result.versionAction, "none");
    assert.match(result.warnings.join(), /proteins-mode run .* no features/);
    const counts = await rowCounts(db);
    assert.deepStrictEqual([
      counts.annotations,
      counts.features,
      counts.sequences,
      counts.result_files,
    ], [1, 0, 0, 1]);
  },
);

engineTest(
  "importRun() reads a folder, stores every file byte for byte, and exportRunFolder() gives them back",
  async () => {
    const dir = await Deno.makeTempDir();
    try {
      const run = makeRun({ seed: 13, sequences: 2, genomeSize: 30_000 });
      await Deno.mkdir(`${dir}/in`);
      await Deno.writeTextFile(`${dir}/in/sample.json`, formatRunAsBaktaJson(run));
      await Deno.writeTextFile(`${dir}/in/sample.gff3`, formatRunAsGff3(run));
      await Deno.writeFile(
        `${dir}/in/sample.png`,
        new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]),
      );
      await Deno.writeTextFile(`${dir}/in/README.md`, "not part of the run");
      await using db = await freshDatabase();
      const result = await importRun(db, `${dir}/in`);
      assert.equal(result.status, "imported");
      assert.equal(result.genome, "sample", "named after the prefix");
      assert.equal(result.counts.files, 3);
      assert.equal(result.counts.features, run.features.length);
      for (const name of ["sample.json", "sample.gff3", "sample.png"]) {
        const original = await Deno.readFile(`${dir}/in/${name}`);
        const { bytes, file } = await getResultFile(db, { genome: "sample", fileName: name });
        assert.deepStrictEqual(bytes, original);
        assert.equal(file.checksum, sha256(original));
        assert.equal(file.size, original.length);
      }
      const files = await exportRunFolder(db, result.annotationId, `${dir}/out`);
      assert.equal(files.length, 3);
      for (const f of files) {
        assert.equal(
          sha256(await Deno.readFile(f.path)),
          sha256(await Deno.readFile(`${dir}/in/${f.fileName}`)),
        );
      }
      await assert.rejects(
        exportRunFolder(db, result.annotationId, `${dir}/out`),
        Deno.errors.AlreadyExists,
      );
      // The same folder again: skipped before parsing.
      const again = await importRun(db, `${dir}/in`);
      assert.equal(again.status, "skipped");
      // The features of the JSON are there.
      assert.equal((await listFeatures(db, result.annotationId, { type: "crispr" })).length, 1);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
);

engineTest("importRun() refuses a folder with several runs and names them", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const json = formatRunAsBaktaJson(makeRun({ seed: 14, featuresPerSequence: 3 }));
    await Deno.writeTextFile(`${dir}/a.json`, json);
    await Deno.writeTextFile(`${dir}/b.json`, json);
    await using db = await freshDatabase();
    await assert.rejects(importRun(db, dir), (error) => {
      assert.ok(error instanceof ImportError);
      assert.equal(error.kind, "SeveralRuns");
      assert.match(error.message, /"a", "b"/);
      return true;
    });
    const one = await importRun(db, dir, { prefix: "b" });
    assert.equal(one.genome, "b");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
