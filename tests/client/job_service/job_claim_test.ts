import assert from "node:assert/strict";
import { engineTest } from "../../_engines.ts";
import { createJob, getJob } from "../../../src/store/jobs_repository.ts";
import { claimJobLease, releaseJobLease } from "../../../src/client/job_service/_job_claim.ts";
import { recordStatus } from "../../../src/client/job_service/_job_rows.ts";
import { freshDatabase } from "../../_fresh_database.ts";

async function successfulJob() {
  const db = await freshDatabase();
  const row = await createJob(db, {
    jobId: "j-1",
    secret: "s".repeat(32),
    name: "demo",
    config: {},
    apiUrl: "http://127.0.0.1:1/api/v1",
    status: "SUCCESSFUL",
  });
  return { db, row };
}

engineTest("claimJobLease() lets one claimer hold a job until its lease runs out", async () => {
  const { db, row } = await successfulJob();
  try {
    const first = await claimJobLease(db, row, 60_000);
    assert.ok(first !== undefined, "the first claim holds");
    assert.ok(first.updatedAt > new Date().toISOString(), "updated_at holds the lease's end");
    assert.equal(await claimJobLease(db, row, 60_000), undefined, "a second claim is refused");
    await releaseJobLease(db, first);
    const second = await claimJobLease(db, row, 1);
    assert.ok(second !== undefined, "claimable again once released");
    await new Promise((resolve) => setTimeout(resolve, 5));
    assert.ok(await claimJobLease(db, row, 1), "claimable again once the lease ran out");
  } finally {
    await db.destroy();
  }
});

engineTest("claimJobLease() refuses a job whose status moved on", async () => {
  const { db, row } = await successfulJob();
  try {
    await recordStatus(db, row, { status: "IMPORTED" });
    assert.equal(await claimJobLease(db, row, 60_000), undefined);
  } finally {
    await db.destroy();
  }
});

engineTest(
  "recordStatus() keeps a claim through a note and a repeated status, and a new status ends it",
  async () => {
    const { db, row } = await successfulJob();
    try {
      const claimed = (await claimJobLease(db, row, 60_000))!;
      await recordStatus(db, claimed, { status: "SUCCESSFUL", detail: "a file is missing" });
      await recordStatus(db, row, { status: "SUCCESSFUL" });
      assert.equal((await getJob(db, row.id)).updatedAt, claimed.updatedAt);
      assert.equal(await claimJobLease(db, row, 60_000), undefined, "still claimed");
      const done = await recordStatus(db, claimed, { status: "IMPORTED" });
      assert.ok(done.row.updatedAt <= new Date().toISOString(), "the claim ended");
    } finally {
      await db.destroy();
    }
  },
);
