/**
 * A database file for the tests of `features`, `summary` and `export`: one factory genome (a
 * circular chromosome and a plasmid, with a CDS across the origin), and the database's own view
 * of the features.
 *
 * @module
 */

import { openDatabase } from "../../src/db/open_database.ts";
import { importRun } from "../../src/store/import_run.ts";
import { makeRun } from "../../src/testing/factory/make_run.ts";
import type { BaktaRun } from "../../src/formats/model.ts";
import { type DbFeature, dbFeatures } from "../export/_helpers.ts";
import { testDatabaseUrl } from "../_engines.ts";

/**
 * A database with the factory genome `factory` imported: a file in a temporary folder, or a
 * PostgreSQL database when the running test is the PostgreSQL variant of an `engineTest`.
 */
export async function exportFixture(): Promise<{
  dir: string;
  db: string;
  run: BaktaRun;
  annotationId: number;
  features: DbFeature[];
  cleanup: () => Promise<void>;
}> {
  const dir = await Deno.makeTempDir();
  const path = await testDatabaseUrl(dir);
  const db = await openDatabase(path);
  const run = makeRun({ seed: 71, sequences: 2, genomeSize: 30_000 });
  try {
    const result = await importRun(db, run, { genome: "factory" });
    const features = await dbFeatures(db, result.annotationId!);
    return {
      dir,
      db: path,
      run,
      annotationId: result.annotationId!,
      features,
      cleanup: () => Deno.remove(dir, { recursive: true }),
    };
  } finally {
    await db.destroy();
  }
}
