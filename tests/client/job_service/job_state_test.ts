import assert from "node:assert/strict";
import { createJob } from "../../../src/store/jobs_repository.ts";
import {
  failureReason,
  findJob,
  INFRASTRUCTURE_FAILURE_LOGS,
  toPublicJob,
} from "../../../src/client/job_service/mod.ts";
import { freshDatabase } from "../../_fresh_database.ts";

const SECRET = "AbCdEfGhIjKlMnOpQrStUvWxYz012345";

Deno.test("toPublicJob() leaves out the secret and masks it wherever it might hide", () => {
  const job = toPublicJob({
    id: 4,
    jobId: "local-123",
    secret: SECRET,
    name: "g",
    genomeId: null,
    configId: null,
    configJson: '{"translationTable":11}',
    apiUrl: "https://user:pw@example.org/api/v1",
    status: "CREATED",
    annotationId: null,
    error: `failed: https://h/x?jobID=1&secret=${SECRET}`,
    startedAt: null,
    serviceUpdatedAt: null,
    createdAt: "c",
    updatedAt: "u",
  });
  const text = JSON.stringify(job);
  assert.ok(!text.includes(SECRET));
  assert.ok(!("secret" in job));
  assert.equal(job.jobId, null, "a placeholder id is not a service job id");
  assert.equal(job.apiUrl, "https://***@example.org/api/v1");
  assert.deepEqual(job.config, { translationTable: 11 });
});

Deno.test("findJob() finds by number, by service id and by a unique start of it", async () => {
  await using db = await freshDatabase();
  const base = { secret: SECRET, name: "g", config: {}, apiUrl: "http://127.0.0.1:9/api/v1" };
  await createJob(db, { ...base, jobId: "aaaa1111-0000" });
  await createJob(db, { ...base, jobId: "aaaa2222-0000" });
  assert.equal((await findJob(db, "2")).jobId, "aaaa2222-0000");
  assert.equal((await findJob(db, "aaaa1111-0000")).id, 1);
  assert.equal((await findJob(db, "aaaa2")).id, 2);
  await assert.rejects(findJob(db, "aaaa"), /ambiguous/);
  await assert.rejects(findJob(db, "zzzz"), { name: "NotFoundError", message: /"zzzz"/ });
  await assert.rejects(findJob(db, "9"), { name: "NotFoundError", message: /"9"/ });
});

Deno.test("failureReason() tells Bakta's errors from the infrastructure's", () => {
  assert.match(failureReason(INFRASTRUCTURE_FAILURE_LOGS, 1), /infrastructure failed/);
  assert.equal(
    failureReason("Bakta v1\nparse...\nERROR: wrong sequence format!\n", 2),
    "Bakta failed: ERROR: wrong sequence format!",
  );
  assert.equal(failureReason("", 3), "Bakta failed (see its logs: baktadb logs 3)");
});
