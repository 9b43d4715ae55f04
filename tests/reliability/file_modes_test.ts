/**
 * The database file holds job secrets (issue #17 item 5): created by a real `baktadb` process under
 * umask 000 and 022, the file and its `-wal`/`-shm` (kept by killing the process inside an import,
 * while they exist) have mode 0600; a file that holds secrets and is group- or world-readable
 * gets a warning naming it on every command, a private one or one without secrets does not.
 */

import assert from "node:assert/strict";
import { standInFor, writeFactoryGenomes } from "../client/job_service/_helpers.ts";
import { killAt, runOk } from "./_crash.ts";
import { recordCells } from "./_record.ts";

function modeOf(path: string): string {
  return (Deno.statSync(path).mode! & 0o777).toString(8);
}

for (const umask of [0o000, 0o022]) {
  Deno.test(`a database created under umask ${umask.toString(8).padStart(3, "0")} is 0600 with its -wal and -shm`, async () => {
    const dir = await Deno.makeTempDir({ prefix: "baktadb-modes-" });
    const previous = Deno.umask(umask); // inherited by the baktadb processes
    try {
      const genomes = await writeFactoryGenomes(dir, 2, 951);
      const db = `${dir}/modes.sqlite`;
      const args = ["import", ...genomes.map((g) => g.results), "--db", db];
      await killAt(args, "import:features#2");
      const modes = [db, `${db}-wal`, `${db}-shm`].map(modeOf);
      assert.deepEqual(modes, ["600", "600", "600"]);
      await runOk(args);
      assert.equal(modeOf(db), "600");
      await recordCells({
        area: "secrets",
        what: "Database file, -wal and -shm created 0600 (umask 000 and 022)",
        cases: 3,
        survived: 3,
        lost: 0,
      });
    } finally {
      Deno.umask(previous);
      await Deno.remove(dir, { recursive: true });
    }
  });
}

Deno.test("a command (the preAction hook of all) warns when a database holding job secrets is group- or world-readable", async () => {
  const dir = await Deno.makeTempDir({ prefix: "baktadb-modes-" });
  try {
    const genomes = await writeFactoryGenomes(dir, 1, 961);
    await using standIn = await standInFor(genomes, { runningMs: 50 });
    const withJobs = `${dir}/jobs.sqlite`;
    const withoutJobs = `${dir}/plain.sqlite`;
    await runOk(["submit", genomes[0].fasta, "--api", standIn.baseUrl, "--db", withJobs]);
    await runOk(["import", genomes[0].results, "--db", withoutJobs]);
    const warning = /Warning: database ".*jobs\.sqlite" holds Bakta job secrets and is readable/;
    for (
      const [path, mode, warned] of [
        [withJobs, 0o644, true],
        [withJobs, 0o640, true],
        [withJobs, 0o600, false],
        [withoutJobs, 0o644, false],
      ] as const
    ) {
      Deno.chmodSync(path, mode);
      const { stderr } = await runOk(["genomes", "--db", path]);
      assert.equal(warning.test(stderr), warned, `${path} ${mode.toString(8)}: ${stderr}`);
      if (warned) assert.match(stderr, new RegExp(`chmod 600 ${path}`));
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
