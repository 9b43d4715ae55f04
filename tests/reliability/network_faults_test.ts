/**
 * Network faults × endpoints (issue #17, item 2): for init, upload, start, list, result, download
 * and logs, each fault the stand-in injects — a timeout, a reset connection, 500/502/503 with an
 * HTML page, 429 with `Retry-After`, a truncated body, a wrong `Content-Length`, a slow drip, a
 * redirect loop, a body over the client's cap — once ("transient") and on every request
 * ("persistent"). Each cell must survive (retried within bounds: the job is imported by the same
 * `sync`) or fail with an error naming the job and leave it resumable (a later `sync`, the fault
 * gone, imports it). Lost means a job started twice, imported twice, or not imported in the end.
 * The cells are counted and recorded with `recordCells` (area "network").
 */

import assert from "node:assert/strict";
import { isDeepStrictEqual } from "node:util";
import type { Kysely } from "kysely";
import type { Database } from "../../src/db/schema.ts";
import { getJob } from "../../src/store/jobs_repository.ts";
import type { BaktaEndpoint } from "../../src/client/bakta_error.ts";
import { jobLogs, submitGenomes, syncJobs } from "../../src/client/job_service/mod.ts";
import type { BaktaStandIn, StandInFault } from "../../src/testing/bakta_stand_in/mod.ts";
import { fastClient } from "../client/_helpers.ts";
import {
  standInFor,
  storedCounts,
  type TestGenome,
  writeFactoryGenomes,
} from "../client/job_service/_helpers.ts";
import { recordCells } from "./_record.ts";
import { freshDatabase } from "../_fresh_database.ts";

/** The client's per-request timeout in this suite; the timeout fault waits longer. */
const TIMEOUT_MS = 600;
/** The client's caps in this suite; the oversize fault sends more than both. */
const MAX_RESPONSE_BYTES = 64 * 1024;
const MAX_DOWNLOAD_BYTES = 1024 * 1024;

/** A fault without its trigger (distributed over the union of fault kinds). */
type FaultShape = StandInFault extends infer F
  ? F extends StandInFault ? Omit<F, "endpoint" | "times" | "probability"> : never
  : never;

const FAULTS: Record<string, FaultShape> = {
  "timeout": { kind: "delay", ms: TIMEOUT_MS * 2.5 },
  "connection reset": { kind: "drop" },
  "500 HTML": { kind: "status", status: 500 },
  "502 HTML": { kind: "status", status: 502 },
  "503 HTML": { kind: "status", status: 503 },
  "429 Retry-After": { kind: "rateLimit", retryAfter: 2 },
  "truncated body": { kind: "truncate" },
  "wrong Content-Length": { kind: "wrongLength", delta: 64 },
  "slow drip": { kind: "drip", chunkBytes: 512, intervalMs: 2 },
  "redirect loop": { kind: "redirectLoop" },
  "body over the cap": { kind: "oversize", bytes: 2 * MAX_DOWNLOAD_BYTES },
};

const ENDPOINTS: readonly BaktaEndpoint[] = [
  "init",
  "upload",
  "start",
  "list",
  "result",
  "download",
  "logs",
];

type Mode = "transient" | "persistent";

/** How one cell ended. */
interface CellOutcome {
  /** Finished by the first sync (the fault was retried away). */
  direct: boolean;
  /** Failed first, with an error naming the job, then finished by a later sync. */
  resumed: boolean;
  /** Anything started twice, imported twice, or never finished. */
  lost: string | undefined;
}

async function runCell(
  genome: TestGenome,
  endpoint: BaktaEndpoint,
  shape: FaultShape,
  mode: Mode,
): Promise<CellOutcome> {
  const fault = {
    ...shape,
    endpoint,
    ...(mode === "transient" ? { times: 1 } : { probability: 1 }),
  } as StandInFault;
  await using db = await freshDatabase();
  await using standIn = await standInFor([genome], { runningMs: 20 });
  const { client } = fastClient(standIn.baseUrl, {
    timeoutMs: TIMEOUT_MS,
    retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 4 },
    maxResponseBytes: MAX_RESPONSE_BYTES,
    maxDownloadBytes: MAX_DOWNLOAD_BYTES,
  });
  // the logs are fetched only for a job that failed: make Bakta fail it
  if (endpoint === "logs") {
    standIn.setFault({ endpoint: "start", kind: "jobError", logs: "ERROR: forced by the test" });
  }
  standIn.setFault(fault);
  const submitted = await submitGenomes(db, client, [{
    fasta: genome.fasta,
    genome: genome.genome,
  }]);
  const first = await syncJobs(db, client, { wait: true, intervalMs: 5, timeoutMs: 30_000 });
  const firstError = first.jobs[0]?.error ?? submitted.items[0].error?.message ?? "";
  const row = await getJob(db, submitted.items[0].job.id);
  const done = endpoint === "logs"
    ? row.status === "ERROR" && (row.error ?? "").includes("forced by the test")
    : row.status === "IMPORTED";
  if (!done) assertNamesJob(firstError, standIn, genome, endpoint, shape.kind);
  standIn.clearFaults();
  if (!done && endpoint !== "logs") {
    await syncJobs(db, client, { wait: true, intervalMs: 5, timeoutMs: 30_000 });
  }
  return {
    direct: done,
    resumed: !done,
    lost: await lostWhat(db, standIn, genome, endpoint, client, row.id),
  };
}

/** The error of a failed cell must name the job: its service id, or the genome for an init. */
function assertNamesJob(
  error: string,
  standIn: BaktaStandIn,
  genome: TestGenome,
  endpoint: BaktaEndpoint,
  kind: string,
): void {
  const ids = [...standIn.jobs.keys()];
  const named = ids.some((id) => error.includes(id)) || error.includes(`"${genome.genome}"`);
  assert.ok(named, `${kind} on ${endpoint}: the error names no job: ${error || "(none)"}`);
}

/** What was lost or duplicated, or `undefined`. */
async function lostWhat(
  db: Kysely<Database>,
  standIn: BaktaStandIn,
  genome: TestGenome,
  endpoint: BaktaEndpoint,
  client: ReturnType<typeof fastClient>["client"],
  id: number,
): Promise<string | undefined> {
  const started = [...standIn.jobs.values()].map((job) => job.submissions);
  if (started.some((n) => n > 1)) return "a job was started twice";
  if (started.filter((n) => n === 1).length !== 1) return "the genome was not started once";
  const row = await getJob(db, id);
  if (endpoint === "logs") {
    const logs = await jobLogs(db, client, row);
    return logs.text.includes("forced by the test") ? undefined : "the logs were never had";
  }
  if (row.status !== "IMPORTED") return `the job ended ${row.status}: ${row.error}`;
  const annotations = await db.selectFrom("annotations").select("id").execute();
  if (annotations.length !== 1) return `${annotations.length} annotations`;
  const counts = await storedCounts(db, row.annotationId!);
  return isDeepStrictEqual(counts, genome.expected) ? undefined : "the imported counts differ";
}

Deno.test("network faults × endpoints: each cell survives or fails clearly and resumes", async (t) => {
  const dir = await Deno.makeTempDir({ prefix: "baktadb-network-" });
  try {
    const [genome] = await writeFactoryGenomes(dir, 1, 71);
    for (const mode of ["transient", "persistent"] as const) {
      let cases = 0, direct = 0, resumed = 0, lost = 0;
      const losses: string[] = [];
      for (const endpoint of ENDPOINTS) {
        await t.step(`${mode} faults on ${endpoint}`, async () => {
          // The cells of one endpoint run at once: each has its own database and stand-in, and
          // most of a cell's time is waiting (timeouts, Retry-After).
          const outcomes = await Promise.all(
            Object.entries(FAULTS).map(async ([name, shape]) =>
              [name, await runCell(genome, endpoint, shape, mode)] as const
            ),
          );
          for (const [name, outcome] of outcomes) {
            cases++;
            if (outcome.lost) {
              lost++;
              losses.push(`${name} on ${endpoint}: ${outcome.lost}`);
            } else if (outcome.direct) direct++;
            else resumed++;
          }
        });
      }
      assert.equal(cases, ENDPOINTS.length * Object.keys(FAULTS).length);
      assert.deepEqual(losses, []);
      if (mode === "transient") {
        // once-only faults that the client retries must never need a second sync
        assert.ok(direct >= cases - ENDPOINTS.length * 2, `only ${direct} of ${cases} direct`);
      }
      await recordCells({
        area: "network",
        what: `${Object.keys(FAULTS).length} faults × ${ENDPOINTS.length} endpoints ` +
          `(init, upload, start, list, result, download, logs), ${mode}`,
        cases,
        survived: direct + resumed,
        lost,
        note: `${direct} survived within the same sync (retried), ${resumed} failed naming the ` +
          "job and were completed by the next sync",
      });
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
