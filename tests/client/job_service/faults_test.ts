/**
 * The job service under every fault the stand-in injects: each fault is retried and the batch
 * finishes, or a job fails with a clear reason; no job is ever started twice and no secret leaks.
 */

import assert from "node:assert/strict";
import { getJob, listJobEvents } from "../../../src/store/jobs_repository.ts";
import type { StandInFault } from "../../../src/testing/bakta_stand_in/mod.ts";
import {
  jobLogs,
  type JobStatusEvent,
  submitGenomes,
  syncJobs,
} from "../../../src/client/job_service/mod.ts";
import { fastClient } from "../_helpers.ts";
import {
  assertNoSecretsIn,
  assertNoSecretsInDatabase,
  secretsOf,
  standInFor,
  storedCounts,
  writeFactoryGenomes,
} from "./_helpers.ts";
import { freshDatabase } from "../../_fresh_database.ts";

interface Case {
  name: string;
  faults: StandInFault[];
  /** Per genome index, the status it must end in (default IMPORTED). */
  ends?: Record<number, string>;
  /** Extra checks. */
  check?: (info: CaseInfo) => void | Promise<void>;
  /** Client timeout in ms. */
  timeoutMs?: number;
}

interface CaseInfo {
  sleeps: number[];
  retries: number;
  detailsOf: (genome: number) => Promise<string[]>;
  errorOf: (genome: number) => Promise<string | null>;
  logsOf: (genome: number) => Promise<string>;
  ranges: number;
}

const CASES: Case[] = [
  {
    name: "500 HTML on init (twice)",
    faults: [{ endpoint: "init", kind: "status", status: 500, times: 2 }],
    check: ({ retries }) => assert.ok(retries >= 2),
  },
  {
    name: "502 HTML on every upload once",
    faults: [{ endpoint: "upload", kind: "status", status: 502, times: 3 }],
  },
  {
    name: "503 HTML on start, after the start took effect (ambiguous: must not start twice)",
    faults: [{ endpoint: "start", kind: "status", status: 503, after: true, times: 3 }],
  },
  {
    name: "503 HTML on list (three times)",
    faults: [{ endpoint: "list", kind: "status", status: 503, times: 3 }],
  },
  {
    name: "504 on result and 502 on downloads",
    faults: [
      { endpoint: "result", kind: "status", status: 504, times: 2 },
      { endpoint: "download", kind: "status", status: 502, times: 4 },
    ],
  },
  {
    name: "429 with Retry-After on list",
    faults: [{ endpoint: "list", kind: "rateLimit", retryAfter: 1, times: 2 }],
    check: ({ sleeps }) => assert.ok(sleeps.includes(1000), "Retry-After 1 s honoured"),
  },
  {
    name: "slow answers on list, result and download",
    faults: [
      { endpoint: "list", kind: "delay", ms: 150, times: 2 },
      { endpoint: "result", kind: "delay", ms: 150, times: 1 },
      { endpoint: "download", kind: "delay", ms: 150, times: 2 },
    ],
  },
  {
    name: "an answer slower than the client's timeout on init",
    faults: [{ endpoint: "init", kind: "delay", ms: 1_500, times: 1 }],
    timeoutMs: 400,
  },
  {
    name: "dropped connections on init, list and download",
    faults: [
      { endpoint: "init", kind: "drop", times: 1 },
      { endpoint: "list", kind: "drop", times: 2 },
      { endpoint: "download", kind: "drop", times: 2 },
    ],
  },
  {
    name: "a dropped connection after start took effect (must not start twice)",
    faults: [{ endpoint: "start", kind: "drop", after: true, times: 2 }],
  },
  {
    name: "truncated downloads (resumed with Range)",
    faults: [{ endpoint: "download", kind: "truncate", times: 4 }],
    check: ({ ranges }) => assert.ok(ranges >= 1, "a broken download was resumed with Range"),
  },
  {
    name: "a job that ends in ERROR: its logs are stored",
    faults: [{
      endpoint: "start",
      kind: "jobError",
      logs: "ERROR: sequence contig_1 is too short (length 12 < 200)",
      times: 1,
    }],
    ends: { 0: "ERROR" },
    check: async ({ detailsOf, errorOf, logsOf }) => {
      assert.ok(
        (await detailsOf(0)).some((d) => d.startsWith("logs:\n") && d.includes("too short")),
      );
      assert.match(
        (await errorOf(0)) ?? "",
        /^Bakta failed: ERROR: sequence contig_1 is too short/,
      );
      assert.match(await logsOf(0), /too short/);
    },
  },
  {
    name: "a job whose infrastructure failed",
    faults: [{ endpoint: "start", kind: "infraError", times: 1 }],
    ends: { 0: "ERROR" },
    check: async ({ errorOf }) =>
      assert.match((await errorOf(0)) ?? "", /infrastructure failed: Internal server error/),
  },
  {
    name: "the legacy SUCCESSFULL spelling",
    faults: [{ endpoint: "list", kind: "legacyStatus", probability: 1 }],
  },
  {
    name: "wrong secrets on list (UNAUTHORIZED for the batch)",
    faults: [{ endpoint: "list", kind: "unauthorized", times: 4 }],
    ends: { 0: "UNAUTHORIZED", 1: "UNAUTHORIZED", 2: "UNAUTHORIZED" },
  },
];

for (const testCase of CASES) {
  Deno.test(`syncJobs() under faults: ${testCase.name}`, async () => {
    const dir = await Deno.makeTempDir({ prefix: "baktadb-faults-" });
    await using db = await freshDatabase();
    try {
      const genomes = await writeFactoryGenomes(dir, 3, 31);
      await using standIn = await standInFor(genomes, { runningMs: 40 });
      const { client, sleeps, retries } = fastClient(standIn.baseUrl, {
        timeoutMs: testCase.timeoutMs ?? 5_000,
      });
      const events: JobStatusEvent[] = [];
      // the wrong-secret fault must hit the polls, not the list before each start
      const pollFaults: StandInFault[] = testCase.faults.filter((f) => f.kind === "unauthorized");
      for (const fault of testCase.faults) if (!pollFaults.includes(fault)) standIn.setFault(fault);
      const submitted = await submitGenomes(
        db,
        client,
        genomes.map((g) => ({ fasta: g.fasta, genome: g.genome })),
        { onStatus: (e) => events.push(e), uploadConcurrency: 1 },
      );
      for (const fault of pollFaults) standIn.setFault(fault);
      const result = await syncJobs(db, client, {
        wait: true,
        intervalMs: 10,
        onStatus: (e) => events.push(e),
      });
      for (const [index, genome] of genomes.entries()) {
        const item = result.jobs.find((j) => j.job.name === genome.genome)!;
        const end = testCase.ends?.[index] ?? "IMPORTED";
        assert.equal(item.job.status, end, `${genome.genome}: ${item.error ?? ""}`);
        if (end === "IMPORTED") {
          assert.deepEqual(await storedCounts(db, item.job.annotationId!), genome.expected);
        } else {
          assert.equal(item.outcome, "failed");
          assert.ok((item.error ?? "").length > 10, "a clear reason");
        }
      }
      for (const fault of testCase.faults) {
        assert.ok(
          standIn.requestsTo(fault.endpoint as never).some((r) => r.faults.includes(fault.kind)),
          `the ${fault.kind} fault on ${fault.endpoint} fired`,
        );
      }
      for (const job of standIn.jobs.values()) {
        assert.ok(job.submissions <= 1, `job ${job.jobID} started ${job.submissions} times`);
      }
      assert.equal([...standIn.jobs.values()].filter((j) => j.submissions === 1).length, 3);
      const annotations = await db.selectFrom("annotations").select("id").execute();
      assert.equal(annotations.length, result.imported);
      const ids = result.jobs.map((j) => j.job.id);
      await testCase.check?.({
        sleeps,
        retries: retries.length,
        detailsOf: async (i) => (await listJobEvents(db, ids[i])).map((e) => e.detail ?? ""),
        errorOf: async (i) => (await getJob(db, ids[i])).error,
        logsOf: async (i) => (await jobLogs(db, client, await getJob(db, ids[i]))).text,
        ranges: standIn.requestsTo("download").filter((r) => r.headers["range"]).length,
      });
      const secrets = secretsOf(standIn);
      assertNoSecretsIn({
        events: JSON.stringify(events),
        result: JSON.stringify(result),
        submitted: JSON.stringify(submitted),
        retries: retries.map((r) => `${r.error.message} ${JSON.stringify(r.error)}`).join("\n"),
      }, secrets);
      await assertNoSecretsInDatabase(db, secrets);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
}
