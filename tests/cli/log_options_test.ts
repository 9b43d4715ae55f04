/**
 * The CLI's logging (`--log-level`, `--log-file`, `$BAKTADB_LOG`), run as real processes against
 * the stand-in with faults armed: the file holds one JSON record a line, every retry and job state
 * change with its cause, and no secret the service handed out — neither does any stream.
 */

import assert from "node:assert/strict";
import { spawnCli } from "../_cli_process.ts";
import {
  assertNoSecretsIn,
  secretsOf,
  standInFor,
  writeFactoryGenomes,
} from "../client/job_service/_helpers.ts";

interface LogLine {
  level: string;
  logger: string;
  message: string;
  properties: Record<string, unknown>;
}

async function scratch() {
  const dir = await Deno.makeTempDir({ prefix: "baktadb-cli-log-" });
  return {
    dir,
    db: `${dir}/jobs.sqlite`,
    log: `${dir}/baktadb.log.jsonl`,
    async [Symbol.asyncDispose]() {
      await Deno.remove(dir, { recursive: true });
    },
  };
}

Deno.test("baktadb --log-file writes every retry and state change as JSON lines, secrets redacted", async () => {
  await using s = await scratch();
  const genomes = await writeFactoryGenomes(s.dir, 2, 91);
  await using standIn = await standInFor(genomes);
  standIn.setFault({ endpoint: "list", kind: "status", status: 503, times: 2 });
  standIn.setFault({ endpoint: "download", kind: "drop", times: 1 });
  const streams: Record<string, string> = {};
  const submit = await spawnCli([
    "--log-file",
    s.log,
    "--log-level",
    "debug",
    "submit",
    ...genomes.map((g) => g.fasta),
    "--api",
    standIn.baseUrl,
    "--db",
    s.db,
  ]).output;
  assert.equal(submit.code, 0, submit.stderr);
  // the level from the environment, the same file appended to
  const sync = await spawnCli(
    ["--log-file", s.log, "sync", "--wait", "--interval", "0.02", "--db", s.db],
    { BAKTADB_LOG: "debug" },
  ).output;
  assert.equal(sync.code, 0, sync.stderr);
  Object.assign(streams, {
    "submit stdout": submit.stdout,
    "submit stderr": submit.stderr,
    "sync stdout": sync.stdout,
    "sync stderr": sync.stderr,
  });
  const text = await Deno.readTextFile(s.log);
  const lines: LogLine[] = text.trimEnd().split("\n").map((line) => JSON.parse(line));
  assert.ok(lines.every((line) => line.logger.startsWith("baktadb.")), "baktadb categories");
  const retries = lines.filter((l) => l.logger === "baktadb.client" && l.level === "warning");
  assert.ok(retries.length >= 2, `the 503s are logged: ${retries.length}`);
  for (const retry of retries.filter((l) => l.properties.endpoint === "list")) {
    assert.match(retry.message, /list attempt \d failed: .*HTTP 503.*; retrying in \d+ ms/);
    assert.equal(typeof retry.properties.delayMs, "number");
  }
  const changes = lines.filter((l) => l.logger === "baktadb.jobs");
  for (const g of genomes) {
    for (const status of ["UPLOADED", "SUCCESSFUL", "IMPORTED"]) {
      assert.ok(
        changes.some((l) => l.properties.name === g.genome && l.properties.status === status),
        `${g.genome} -> ${status} is logged`,
      );
    }
  }
  assert.ok(lines.some((l) => /^GET download: HTTP 20[06]$/.test(l.message)), "requests at debug");
  assertNoSecretsIn({ ...streams, "log file": text }, secretsOf(standIn));
  assert.equal(sync.stderr, "", "with a file, nothing is logged to standard error");
  assert.equal((await Deno.stat(s.log)).mode! & 0o077, 0, "the log file is private (0600)");
});

Deno.test("baktadb logs nothing unless asked; $BAKTADB_LOG alone logs text to standard error", async () => {
  await using s = await scratch();
  const genomes = await writeFactoryGenomes(s.dir, 1, 95);
  await using standIn = await standInFor(genomes);
  standIn.setFault({ endpoint: "init", kind: "status", status: 502, times: 1 });
  const args = ["submit", genomes[0].fasta, "--api", standIn.baseUrl, "--db", s.db];
  const silent = await spawnCli(args).output;
  assert.equal(silent.code, 0, silent.stderr);
  assert.equal(silent.stderr, "", "a retried 502 is not shown without logging");
  standIn.setFault({ endpoint: "init", kind: "status", status: 502, times: 1 });
  const loud = await spawnCli(args, { BAKTADB_LOG: "info" }).output;
  assert.equal(loud.code, 0, loud.stderr);
  assert.match(loud.stderr, /\[WRN\] baktadb·client: init attempt 1 failed: .*HTTP 502/);
  assert.match(
    loud.stderr,
    /\[INF\] baktadb·jobs: job \d+ \(G95\): (CREATED|UPLOADED) -> (UPLOADED|INIT)/,
  );
  assert.doesNotMatch(loud.stderr, /\[DBG\]/, "info hides debug records");
  assertNoSecretsIn({ stderr: loud.stderr, stdout: loud.stdout }, secretsOf(standIn));
});

Deno.test("baktadb --log-level refuses an unknown level, naming where it came from", async () => {
  const flag = await spawnCli(["--log-level", "loud", "jobs", "--db", ":memory:"]).output;
  assert.equal(flag.code, 2);
  assert.match(flag.stderr, /Invalid --log-level "loud": expected one of trace, debug, info/);
  const env = await spawnCli(["jobs", "--db", ":memory:"], { BAKTADB_LOG: "chatty" }).output;
  assert.equal(env.code, 2);
  assert.match(env.stderr, /Invalid \$BAKTADB_LOG "chatty"/);
});
