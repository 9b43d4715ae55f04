/**
 * Crash safety of the job commands: `baktadb submit … --wait` runs as a subprocess against a
 * stand-in in this test process and is killed with SIGKILL at several points (after init, after
 * upload, after a start whose answer was lost, while waiting, during a download), and so is a
 * `baktadb sync --wait` during a download; then `baktadb sync --wait` (once, or twice at the same
 * time) must finish every job: each imported exactly once, each started exactly once, nothing
 * lost, no secret in any output or column. The claim a killed process held on a job it was
 * downloading runs out after `CLAIM_LEASE_MS`. On both engines (`engineTest`).
 */

import assert from "node:assert/strict";
import { openDatabase } from "../../src/db/open_database.ts";
import { listJobs } from "../../src/store/jobs_repository.ts";
import type { BaktaStandIn } from "../../src/testing/bakta_stand_in/mod.ts";
import { spawnCli, until } from "../_cli_process.ts";
import { engineTest, testDatabaseUrl } from "../_engines.ts";
import {
  standInFor,
  type TestGenome,
  writeFactoryGenomes,
} from "../client/job_service/_helpers.ts";
import { assertJobsDoneOnce, crashCase } from "../reliability/_crash.ts";

const WHAT =
  "SIGKILL during `submit --wait` (init, upload, start, polling, download, import) and `sync --wait`";

/**
 * The claim a killed `submit` leaves on a job it was importing runs out after this long: short,
 * so the `sync` after the kill does not sit out a lease (no other process runs while the victim
 * holds it, so a lease running out early changes nothing).
 */
const CLAIM_LEASE_MS = 500;

interface Scenario {
  name: string;
  /** Arms faults before the submit starts. */
  arm?: (standIn: BaktaStandIn) => void;
  /** Waits for the moment to kill (may arm more faults). */
  killWhen: (standIn: BaktaStandIn) => Promise<void>;
  /** Checks the state the kill left (statuses and service jobs). */
  left: (jobs: { status: string; jobId: string }[], standIn: BaktaStandIn) => void;
  /** Run two syncs at the same time. */
  twoSyncs?: boolean;
  /**
   * The process killed: `submit --wait` (default), or a `sync --wait` run after a `submit` that
   * only submitted.
   */
  killed?: "submit" | "sync";
}

const SCENARIOS: Scenario[] = [
  {
    name: "after init (uploads hang)",
    arm: (s) => s.setFault({ endpoint: "upload", kind: "delay", ms: 60_000, times: 3 }),
    killWhen: (s) => until("two uploads", () => s.requestsTo("upload").length >= 2),
    left: (jobs) => {
      assert.ok(jobs.length > 0, "the jobs were recorded before the kill");
      assert.ok(jobs.every((j) => j.status === "CREATED"), "nothing uploaded");
      assert.ok(jobs.filter((j) => !j.jobId.startsWith("local-")).length >= 2, "initialised");
    },
  },
  {
    name: "after upload, before start (two syncs resume at once)",
    arm: (s) => s.setFault({ endpoint: "start", kind: "delay", ms: 60_000, times: 3 }),
    killWhen: (s) => until("a start", () => s.requestsTo("start").length >= 1),
    left: (jobs, s) => {
      assert.ok(jobs.some((j) => j.status === "UPLOADED"), "uploaded, not started");
      assert.ok([...s.jobs.values()].every((j) => j.submissions === 0));
    },
    twoSyncs: true,
  },
  {
    name: "after a start that took effect but whose answer was lost",
    arm: (s) => {
      s.setFault({ endpoint: "start", kind: "status", status: 503, after: true });
      // every list after the lost start hangs, so the process is killed before it records the start
      s.setFault({
        endpoint: "list",
        kind: "delay",
        ms: 60_000,
        times: 20,
        afterFault: { endpoint: "start", kind: "status" },
      });
    },
    killWhen: (s) =>
      until(
        "a list after the lost start",
        () => s.requestsTo("list").some((r) => r.faults.includes("delay")),
      ),
    left: (jobs, s) => {
      assert.ok(
        jobs.some((j) => j.status === "UPLOADED" && s.jobs.get(j.jobId)?.submissions === 1),
        "started on the service, UPLOADED in the database",
      );
    },
  },
  {
    name: "while waiting for the jobs",
    killWhen: (s) =>
      until(
        "a poll of all jobs",
        () => s.requestsTo("list").some((r) => JSON.parse(r.body).jobs.length === 3),
      ),
    left: (jobs) => {
      assert.ok(jobs.every((j) => !["CREATED", "UPLOADED"].includes(j.status)), "all started");
      assert.ok(jobs.some((j) => j.status !== "IMPORTED"), "not all imported");
    },
  },
  {
    name: "during a download",
    arm: (s) => s.setFault({ endpoint: "download", kind: "delay", ms: 60_000, times: 1 }),
    killWhen: (s) =>
      until(
        "a hanging download",
        () => s.requestsTo("download").some((r) => r.faults.includes("delay")),
      ),
    left: (jobs) => assert.ok(jobs.some((j) => j.status === "SUCCESSFUL"), "downloading"),
  },
  {
    name: "during a sync's download",
    killed: "sync",
    arm: (s) => s.setFault({ endpoint: "download", kind: "delay", ms: 60_000, times: 1 }),
    killWhen: (s) =>
      until(
        "a hanging download",
        () => s.requestsTo("download").some((r) => r.faults.includes("delay")),
      ),
    left: (jobs) => assert.ok(jobs.some((j) => j.status === "SUCCESSFUL"), "downloading"),
  },
];

/** The process to kill: `submit --wait`, or `sync --wait` after a plain `submit`. */
async function startVictim(
  scenario: Scenario,
  genomes: TestGenome[],
  standIn: BaktaStandIn,
  location: string,
) {
  const env = { BAKTADB_CLAIM_LEASE_MS: String(CLAIM_LEASE_MS) };
  const submitArgs = ["submit", ...genomes.map((g) => g.fasta), "--api", standIn.baseUrl];
  if (scenario.killed !== "sync") {
    return spawnCli([...submitArgs, "--wait", "--interval", "0.05", "--db", location], env);
  }
  const submitted = await spawnCli([...submitArgs, "--db", location], env).output;
  assert.equal(submitted.code, 0, submitted.stdout + submitted.stderr);
  return spawnCli(["sync", "--wait", "--interval", "0.05", "--db", location], env);
}

for (const scenario of SCENARIOS) {
  const killed = scenario.killed ?? "submit";
  engineTest(
    `baktadb ${killed} killed ${scenario.name}: sync --wait finishes every job once`,
    () =>
      crashCase(WHAT, `${killed} ${scenario.name}`, async () => {
        const dir = await Deno.makeTempDir({ prefix: "baktadb-crash-" });
        const dbPath = await testDatabaseUrl(dir);
        try {
          const genomes: TestGenome[] = await writeFactoryGenomes(dir, 3, 111);
          await using standIn = await standInFor(genomes, { runningMs: 100 });
          scenario.arm?.(standIn);
          const submit = await startVictim(scenario, genomes, standIn, dbPath);
          try {
            // a CLI that exits before the kill point (e.g. cannot start) fails the test at once
            const exited = submit.output.then((o) => {
              throw new Error(`${killed} exited early (code ${o.code}): ${o.stdout}${o.stderr}`);
            });
            exited.catch(() => {});
            await Promise.race([scenario.killWhen(standIn), exited]);
          } catch (error) {
            submit.child.kill("SIGKILL");
            const { stdout, stderr } = await submit.output;
            throw new Error(`${(error as Error).message}\n${stdout}\n${stderr}`);
          }
          submit.child.kill("SIGKILL");
          const victim = await submit.output;
          assert.equal(victim.signal, "SIGKILL", `not killed: ${victim.stdout}${victim.stderr}`);
          standIn.clearFaults();
          const left = await openDatabase(dbPath);
          try {
            scenario.left(await listJobs(left), standIn);
          } finally {
            await left.destroy();
          }

          const syncs = (scenario.twoSyncs ? [1, 2] : [1]).map(() =>
            spawnCli(["sync", "--wait", "--interval", "0.05", "--db", dbPath])
          );
          const outputs = await Promise.all(syncs.map((s) => s.output));
          for (const output of outputs) assert.equal(output.code, 0, output.stdout + output.stderr);
          if (outputs.length === 1) {
            assert.match(outputs[0].stdout, /Imported 3, failed 0, pending 0 of 3 job\(s\)/);
          } else {
            // Two syncs share the jobs: a sync that starts later sees fewer pending; each imports
            // every job it saw (exactly-once over both is checked on the database below).
            for (const output of outputs) {
              assert.match(output.stdout, /Imported (\d), failed 0, pending 0 of \1 job\(s\)/);
            }
          }

          const streams: Record<string, string> = {
            [`${killed} stdout`]: victim.stdout,
            [`${killed} stderr`]: victim.stderr,
          };
          outputs.forEach((o, i) => {
            streams[`sync ${i} stdout`] = o.stdout;
            streams[`sync ${i} stderr`] = o.stderr;
          });
          await assertJobsDoneOnce(dbPath, genomes, standIn, streams);
        } finally {
          await Deno.remove(dir, { recursive: true });
        }
      }),
  );
}
