/**
 * Shared steps of the crash suites: run `baktadb` as a real process armed with a test-only pause
 * point (`BAKTADB_TEST_PAUSE_AT`, see `src/db/pause_point.ts`), wait until it reaches the stage,
 * SIGKILL it there; check a database with the independent `sqlite3` tool; record each case as a
 * cell of the reliability table.
 *
 * @module
 */

import assert from "node:assert/strict";
import { type CliOutput, spawnCli, until } from "../_cli_process.ts";
import { sqlite3 } from "../_sqlite3.ts";
import { recordCells } from "./_record.ts";
import { openDatabase } from "../../src/db/open_database.ts";
import { isPostgresUrl } from "../../src/db/postgres/postgres_url.ts";
import { listJobs } from "../../src/store/jobs_repository.ts";
import type { BaktaStandIn } from "../../src/testing/bakta_stand_in/mod.ts";
import {
  assertNoSecretsIn,
  assertNoSecretsInDatabase,
  secretsOf,
  storedCounts,
  type TestGenome,
} from "../client/job_service/_helpers.ts";

/**
 * Runs `baktadb …args` until it reaches `stage` (`stage` or `stage#N`) or `when` holds (e.g. a
 * stand-in saw a request), then kills it with SIGKILL. Fails when the process exits on its own
 * before it gets there.
 *
 * @param args The arguments of `baktadb`.
 * @param stage The pause point to stop at.
 * @param env More environment variables.
 * @param when Another moment to kill at, checked every 10 ms.
 * @returns The killed process's output.
 */
export async function killAt(
  args: readonly string[],
  stage: string,
  env: Record<string, string> = {},
  when: () => boolean = () => false,
): Promise<CliOutput> {
  const marker = await Deno.makeTempFile({ prefix: "baktadb-pause-" });
  await Deno.remove(marker);
  const cli = spawnCli(args, {
    ...env,
    BAKTADB_TEST_PAUSE_AT: stage,
    BAKTADB_TEST_PAUSE_MARKER: marker,
  });
  let exited: CliOutput | undefined;
  cli.output.then((o) => exited = o, () => {});
  try {
    await until(
      `baktadb ${args[0]} to reach ${stage}`,
      () => exited !== undefined || exists(marker) || when(),
    );
  } finally {
    if (exited === undefined) cli.child.kill("SIGKILL");
  }
  const output = await cli.output;
  await Deno.remove(marker).catch(() => {});
  assert.equal(
    output.signal,
    "SIGKILL",
    `baktadb ${args.join(" ")} exited (code ${output.code}) before ${stage}:\n` +
      output.stdout + output.stderr,
  );
  return output;
}

function exists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Asserts that `sqlite3` (not baktadb) finds the database file sound: `pragma integrity_check`
 * answers `ok` and `pragma foreign_key_check` finds nothing.
 *
 * @param path The database file.
 */
export async function assertIntegrity(path: string): Promise<void> {
  if (isPostgresUrl(path)) return; // the server keeps its own integrity; no file to check
  assert.deepEqual(await sqlite3(path, "pragma integrity_check"), ["ok"], `${path}: integrity`);
  assert.deepEqual(await sqlite3(path, "pragma foreign_key_check"), [], `${path}: foreign keys`);
}

/**
 * Runs one crash case and records it as a cell of the reliability table: survived when the body
 * passes; a failing body is recorded as not survived (and lost, since its assertions check that
 * nothing was lost or done twice), then rethrown.
 *
 * @param what The row of the table, e.g. "SIGKILL during `import` of a batch".
 * @param moment The moment of this case, for the note of a failure.
 * @param body The case.
 */
export async function crashCase(
  what: string,
  moment: string,
  body: () => Promise<void>,
): Promise<void> {
  try {
    await body();
  } catch (error) {
    await recordCells({
      area: "crash",
      what,
      cases: 1,
      survived: 0,
      lost: 1,
      note: `failed at ${moment}`,
    });
    throw error;
  }
  await recordCells({ area: "crash", what, cases: 1, survived: 1, lost: 0 });
}

/**
 * Runs `baktadb …args` to the end and asserts it succeeded.
 *
 * @param args The arguments of `baktadb`.
 * @param env More environment variables.
 * @returns Its output.
 */
export async function runOk(
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<CliOutput> {
  const output = await spawnCli(args, env).output;
  assert.equal(output.code, 0, `baktadb ${args.join(" ")}:\n${output.stdout}${output.stderr}`);
  return output;
}

/**
 * Asserts that every submitted genome ended imported exactly once: one job per genome, each
 * `IMPORTED` with the feature counts the factory made, each started exactly once at the stand-in
 * (which counts starts itself) and no other job started; and that no secret the stand-in handed
 * out is in any captured stream or any column but `jobs.secret`.
 *
 * @param path The database file.
 * @param genomes The submitted genomes.
 * @param standIn The stand-in that served them.
 * @param streams Every captured stdout/stderr, by name.
 */
export async function assertJobsDoneOnce(
  path: string,
  genomes: readonly TestGenome[],
  standIn: BaktaStandIn,
  streams: Record<string, string>,
): Promise<void> {
  const db = await openDatabase(path);
  try {
    const jobs = await listJobs(db);
    assert.equal(jobs.length, genomes.length, "one job per genome, nothing lost");
    const annotations = await db.selectFrom("annotations").select(["id", "job_id"]).execute();
    assert.equal(annotations.length, genomes.length, "each genome imported exactly once");
    for (const genome of genomes) {
      const job = jobs.find((j) => j.name === genome.genome)!;
      assert.equal(job.status, "IMPORTED");
      assert.deepEqual(await storedCounts(db, job.annotationId!), genome.expected);
      assert.equal(standIn.jobs.get(job.jobId)!.submissions, 1, "started exactly once");
    }
    const started = [...standIn.jobs.values()].filter((j) => j.submissions > 0);
    assert.equal(started.length, genomes.length, "no other job was ever started");
    const secrets = secretsOf(standIn);
    assertNoSecretsIn(streams, secrets);
    await assertNoSecretsInDatabase(db, secrets);
  } finally {
    await db.destroy();
  }
  await assertIntegrity(path);
}
