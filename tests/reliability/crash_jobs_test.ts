/**
 * Crash matrix of the job commands beyond `tests/cli/crash_resume_test.ts` (issue #17 item 1):
 * `submit --wait` killed with SIGKILL while it imports a downloaded result (inside the import's
 * transaction), and `sync --wait` killed during a download and between two imports. Each time the
 * next `sync --wait` finishes: each job started once (the stand-in counts starts), each result
 * imported once with the factory's counts, `sqlite3` finds the file sound, no secret anywhere.
 */

import assert from "node:assert/strict";
import type { BaktaStandIn } from "../../src/testing/bakta_stand_in/mod.ts";
import { standInFor, writeFactoryGenomes } from "../client/job_service/_helpers.ts";
import { assertJobsDoneOnce, crashCase, killAt, runOk } from "./_crash.ts";

const WHAT_SUBMIT =
  "SIGKILL during `submit --wait` (init, upload, start, polling, download, import)";
const WHAT_SYNC = "SIGKILL during `sync --wait` (download, import)";

/** The claim a killed process leaves on a job it was importing runs out after this long. */
const LEASE = { BAKTADB_CLAIM_LEASE_MS: "2000" };

interface JobCrash {
  name: string;
  what: string;
  /** Submits without waiting first, so that the killed command is `sync --wait`. */
  submitFirst: boolean;
  /** The pause point to kill at, or a stand-in condition (with the fault armed before). */
  stage?: string;
  arm?: (standIn: BaktaStandIn) => void;
  killWhen?: (standIn: BaktaStandIn) => boolean;
}

const CASES: JobCrash[] = [
  {
    name: "submit --wait killed inside the first import",
    what: WHAT_SUBMIT,
    submitFirst: false,
    stage: "import:features#1",
  },
  {
    name: "sync --wait killed during a download",
    what: WHAT_SYNC,
    submitFirst: true,
    arm: (s) => s.setFault({ endpoint: "download", kind: "delay", ms: 60_000, times: 1 }),
    killWhen: (s) => s.requestsTo("download").some((r) => r.faults.includes("delay")),
  },
  {
    name: "sync --wait killed between two imports",
    what: WHAT_SYNC,
    submitFirst: true,
    stage: "import:committed#2",
  },
];

for (const crash of CASES) {
  Deno.test(`${crash.name}: the next sync --wait imports each job once`, () =>
    crashCase(crash.what, crash.name, async () => {
      const dir = await Deno.makeTempDir({ prefix: "baktadb-crash-jobs-" });
      try {
        const genomes = await writeFactoryGenomes(dir, 3, 601);
        await using standIn = await standInFor(genomes, { runningMs: 100 });
        const db = `${dir}/jobs.sqlite`;
        const wait = ["--wait", "--interval", "0.05", "--db", db];
        const submit = ["submit", ...genomes.map((g) => g.fasta), "--api", standIn.baseUrl];
        const streams: Record<string, string> = {};
        if (crash.submitFirst) {
          const { stdout, stderr } = await runOk([...submit, "--db", db]);
          Object.assign(streams, { "submit stdout": stdout, "submit stderr": stderr });
        }
        const args = crash.submitFirst ? ["sync", ...wait] : [...submit, ...wait];
        crash.arm?.(standIn);
        const killed = await killAt(
          args,
          crash.stage ?? "never",
          LEASE,
          () => crash.killWhen?.(standIn) ?? false,
        );
        standIn.clearFaults();
        Object.assign(streams, { "killed stdout": killed.stdout, "killed stderr": killed.stderr });
        const sync = await runOk(["sync", ...wait], LEASE);
        assert.match(sync.stdout, /failed 0, pending 0 of \d job\(s\)/);
        Object.assign(streams, { "sync stdout": sync.stdout, "sync stderr": sync.stderr });
        await assertJobsDoneOnce(db, genomes, standIn, streams);
      } finally {
        await Deno.remove(dir, { recursive: true });
      }
    }));
}
