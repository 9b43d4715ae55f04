/**
 * A process keeps its store cache between imports; another process adds an assembly version to the
 * same genome meanwhile. The first process's next import must see that version (it reads the
 * genome's sequences in its write transaction): a new version 3 superseding version 2, not a second
 * "version 2".
 */

import assert from "node:assert/strict";
import { openDatabase } from "../../src/db/open_database.ts";
import { importRun } from "../../src/store/import_run.ts";
import { makeRun } from "../../src/testing/factory/make_run.ts";
import { formatRunAsGff3 } from "../../src/testing/factory/format_run_as_gff3.ts";
import { spawnCli } from "../_cli_process.ts";

Deno.test(
  "an assembly version added by another process is seen by a process that imported before",
  async () => {
    const dir = await Deno.makeTempDir({ prefix: "baktadb-versions-" });
    const path = `${dir}/db.sqlite`;
    const db = await openDatabase(path);
    try {
      const first = await importRun(db, makeRun({ seed: 41, sequences: 1 }), { genome: "G" });
      assert.equal(first.sequenceVersion, 1);

      const other = `${dir}/other.gff3`;
      await Deno.writeTextFile(other, formatRunAsGff3(makeRun({ seed: 42, sequences: 2 })));
      const out = await spawnCli(["--db", path, "import", "--genome", "G", other]).output;
      assert.equal(out.code, 0, out.stdout + out.stderr);

      const third = await importRun(db, makeRun({ seed: 43, sequences: 3 }), { genome: "G" });
      assert.equal(third.versionAction, "new-version");
      assert.equal(third.sequenceVersion, 3);
      const versions = await db.selectFrom("sequences").select(["version", "superseded_by"])
        .distinct().orderBy("version").execute();
      assert.deepEqual(versions, [
        { version: 1, superseded_by: 2 },
        { version: 2, superseded_by: 3 },
        { version: 3, superseded_by: null },
      ]);
    } finally {
      await db.destroy();
      await Deno.remove(dir, { recursive: true });
    }
  },
);
