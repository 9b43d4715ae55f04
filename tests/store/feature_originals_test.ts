import assert from "node:assert/strict";
import { sql } from "kysely";
import { readResultFolder } from "../../src/formats/result_folder.ts";
import { formatGff3 } from "../../src/formats/gff3/format_gff3.ts";
import { readGff3 } from "../../src/formats/gff3/read_gff3.ts";
import { decodeInput } from "../../src/formats/decode_input.ts";
import { exportAnnotation } from "../../src/export/export_annotation.ts";
import { importRun, loadRun } from "../../src/store/mod.ts";
import { getFeatureOriginal } from "../../src/store/features_repository.ts";
import { engineTest } from "../_engines.ts";
import { readSample, reportSamples, samplePath } from "../_samples.ts";
import { freshDatabase } from "../_fresh_database.ts";

const present = reportSamples("tests/store/feature_originals_test.ts");

/** GFF3s read alone: gzipped with `##FASTA`, plain with `##FASTA`. */
const FILES = [
  "v1.9.2-spneumoniae-cohort/6952-4-17.gff3.gz",
  "v1.11.4-assembly/assembly.gff3",
];

engineTest(
  "loadOriginals() rebuilds the records of a GFF3 read alone from the stored file, as packed ones",
  async () => {
    await using rebuilt = await freshDatabase();
    await using packed = await freshDatabase();
    for (const file of FILES) {
      const path = samplePath(file);
      const a = await importRun(rebuilt, path, { genome: file });
      // An explicit reader makes the store pack the records, as for any other source.
      const b = await importRun(packed, path, {
        genome: file,
        readRun: (paths) => readResultFolder(paths),
      });
      const packs = async (db: typeof rebuilt, id: number) =>
        Number(
          (await sql<{ n: number }>`select count(*) as n from feature_originals
              where annotation_id = ${id}`.execute(db)).rows[0].n,
        );
      assert.equal(await packs(rebuilt, a.annotationId), 0, `${file}: no packed records`);
      assert.equal(await packs(packed, b.annotationId), 1);
      const marked = await rebuilt.selectFrom("result_files").select("file_name")
        .where("annotation_id", "=", a.annotationId).where("rebuilds_records", "=", 1)
        .execute();
      assert.deepEqual(marked.map((m) => m.file_name), [file.split("/")[1]]);
      const fromFile = await loadRun(rebuilt, a.annotationId);
      const fromPack = await loadRun(packed, b.annotationId);
      assert.deepEqual(fromFile, fromPack, `${file}: loadRun`);
      // Bakta's own GFF3 comes back as the reader sees it, and one record alone too.
      const text = decodeInput(readSample(file), file);
      assert.equal(
        await exportAnnotation(rebuilt, a.annotationId, "gff3"),
        formatGff3(readGff3(text)),
      );
      const [first] = await rebuilt.selectFrom("features").select("id")
        .where("annotation_id", "=", a.annotationId).orderBy("id").limit(1).execute();
      assert.deepEqual(
        await getFeatureOriginal(rebuilt, first.id),
        fromPack.features[0].original,
      );
    }
  },
  { ignore: !present },
);
