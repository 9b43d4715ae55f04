/**
 * Imports from several OS processes at once (`baktadb import` run with `Deno.Command`) into one
 * PostgreSQL database: four processes with the same file, then eight processes with one genome each. The
 * stored counts must be exact: every genome once, every feature of the files (read here with
 * `readGff3`) once, the repeated file imported once and reported as known by the others.
 */

import assert from "node:assert/strict";
import { openDatabase } from "../../src/db/open_database.ts";
import { gunzipInput } from "../../src/formats/decode_input.ts";
import { readGff3 } from "../../src/formats/gff3/read_gff3.ts";
import { engineTest, testDatabaseUrl } from "../_engines.ts";
import { reportSamples, samplePath } from "../_samples.ts";
import { rowCounts } from "./_helpers.ts";

const REPO = decodeURIComponent(new URL("../../", import.meta.url).pathname);
const COHORT = "v1.9.2-spneumoniae-cohort";
const present = reportSamples("store/postgres_concurrent_import");

function cohortFiles(): string[] {
  return [...Deno.readDirSync(samplePath(COHORT))]
    .filter((entry) => entry.name.endsWith(".gff3.gz"))
    .map((entry) => samplePath(`${COHORT}/${entry.name}`)).sort();
}

/** Runs `baktadb --db DB import FILE` in its own process. */
async function importInProcess(db: string, file: string) {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "src/cli/main.ts", "--db", db, "import", file],
    cwd: REPO,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { code, stdout: text(stdout), stderr: text(stderr) };
}

engineTest(
  "imports of the same file from 4 processes, then from 8 processes, leave exact counts",
  async () => {
    const dir = await Deno.makeTempDir();
    try {
      const location = await testDatabaseUrl(dir);
      await (await openDatabase(location)).destroy(); // migrated once, before the race
      const files = cohortFiles();
      assert.equal(files.length, 8);
      const features = files.reduce(
        (sum, file) => sum + readGff3(gunzipInput(Deno.readFileSync(file), file)).features.length,
        0,
      );

      // The same file from four processes at once: one imports it, three find it imported.
      const same = await Promise.all(
        Array.from({ length: 4 }, () => importInProcess(location, files[0])),
      );
      for (const result of same) assert.equal(result.code, 0, result.stderr);
      const status = (r: { stdout: string }) => r.stdout.trimStart().split(/\s/, 1)[0];
      assert.deepEqual(same.map(status).sort(), ["imported", "skipped", "skipped", "skipped"]);
      // Eight processes, one file each (the first one known by now).
      const eight = await Promise.all(files.map((file) => importInProcess(location, file)));
      for (const [i, result] of eight.entries()) {
        assert.equal(result.code, 0, `${files[i]}: ${result.stderr}`);
      }
      assert.deepEqual(eight.map(status), ["skipped", ...Array(7).fill("imported")]);

      const db = await openDatabase(location);
      try {
        const counts = await rowCounts(db);
        assert.equal(counts.genomes, 8);
        assert.equal(counts.annotations, 8);
        assert.equal(counts.result_files, 8);
        assert.equal(counts.features, features);
        assert.equal(counts.features_fts, features);
      } finally {
        await db.destroy();
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
  { ignore: !present, engines: ["postgres"] },
);
