/**
 * The job commands (`submit`, `jobs`, `sync`, `logs`, `delete`, `service-version`, `config`)
 * run in-process against the local stand-in.
 */

import assert from "node:assert/strict";
import { runCli } from "../../src/cli/main.ts";
import { openDatabase } from "../../src/db/open_database.ts";
import {
  assertNoSecretsIn,
  assertNoSecretsInDatabase,
  secretsOf,
  standInFor,
  storedCounts,
  writeFactoryGenomes,
} from "../client/job_service/_helpers.ts";
import { capture } from "./_helpers.ts";

async function scratch() {
  const dir = await Deno.makeTempDir({ prefix: "baktadb-cli-jobs-" });
  return {
    dir,
    db: `${dir}/jobs.sqlite`,
    async [Symbol.asyncDispose]() {
      await Deno.remove(dir, { recursive: true });
    },
  };
}

Deno.test("baktadb submit --wait imports every genome; jobs and sync never show a secret", async () => {
  await using s = await scratch();
  const genomes = await writeFactoryGenomes(s.dir, 3, 71);
  await using standIn = await standInFor(genomes);
  const streams: Record<string, string> = {};
  const run = async (name: string, args: string[]) => {
    const c = capture();
    const code = await runCli([...args, "--db", s.db], c.io);
    streams[`${name} stdout`] = c.out();
    streams[`${name} stderr`] = c.err();
    return { code, out: c.out(), err: c.err() };
  };
  const submit = await run("submit", [
    "submit",
    ...genomes.map((g) => g.fasta),
    "--genus",
    "Testella",
    "--locus-tag",
    "TST",
    "--wait",
    "--interval",
    "0.02",
    "--api",
    standIn.baseUrl,
  ]);
  assert.equal(submit.code, 0, submit.err);
  assert.equal(submit.err, "");
  for (const g of genomes) {
    assert.match(submit.out, new RegExp(`${g.genome}  CREATED -> UPLOADED`));
    assert.match(
      submit.out,
      new RegExp(`${g.genome}  SUCCESSFUL -> IMPORTED \\(annotation \\d+\\)`),
    );
    assert.match(
      submit.out,
      new RegExp(`submitted job \\d+  ${g.genome} as service job [0-9a-f-]{36}`),
    );
  }
  assert.match(submit.out, /Imported 3, failed 0, pending 0 of 3 job\(s\)/);

  const json = await run("jobs --json", ["jobs", "--json"]);
  assert.equal(json.code, 0);
  const jobs = JSON.parse(json.out);
  assert.equal(jobs.length, 3);
  for (const job of jobs) {
    assert.equal(job.status, "IMPORTED");
    assert.ok(!("secret" in job));
    assert.equal(job.config.locusTag, "TST");
  }
  const table = await run("jobs", ["jobs"]);
  assert.match(table.out, /^JOB\s+SERVICE ID\s+GENOME\s+STATUS\s+ANNOTATION/);
  assert.equal(table.out.trim().split("\n").length, 4);
  const filtered = await run("jobs --status", ["jobs", "--status", "failed,UNFINISHED"]);
  assert.match(filtered.out, /No jobs with that status/);

  const sync = await run("sync", ["sync"]);
  assert.equal(sync.code, 0);
  assert.match(sync.out, /No unfinished jobs/);

  const db = await openDatabase(s.db);
  try {
    for (const g of genomes) {
      const job = jobs.find((j: { name: string }) => j.name === g.genome);
      assert.deepEqual(await storedCounts(db, job.annotationId), g.expected);
    }
    const secrets = secretsOf(standIn);
    assertNoSecretsIn(streams, secrets);
    await assertNoSecretsInDatabase(db, secrets);
  } finally {
    await db.destroy();
  }
});

Deno.test("baktadb config save/list, and submit --config uses the saved options", async () => {
  await using s = await scratch();
  const genomes = await writeFactoryGenomes(s.dir, 1, 81);
  await using standIn = await standInFor(genomes, { pendingMs: 10_000 });
  assert.equal(await runCli(["init", "--db", s.db], capture().io), 0);
  let c = capture();
  assert.equal(
    await runCli([
      "config",
      "save",
      "testella",
      "--genus",
      "Testella",
      "--locus-tag",
      "TST",
      "--complete",
      "--db",
      s.db,
    ], c.io),
    0,
  );
  assert.match(
    c.out(),
    /Saved configuration "testella": genus="Testella" complete=true locusTag="TST"/,
  );
  c = capture();
  assert.equal(await runCli(["config", "list", "--db", s.db], c.io), 0);
  assert.match(c.out(), /^NAME\s+UPDATED\s+OPTIONS\ntestella\s/);
  c = capture();
  assert.equal(await runCli(["config", "list", "--json", "--db", s.db], c.io), 0);
  assert.deepEqual(JSON.parse(c.out())[0].options, {
    genus: "Testella",
    complete: true,
    locusTag: "TST",
  });
  c = capture();
  const code = await runCli([
    "submit",
    genomes[0].fasta,
    "--config",
    "testella",
    "--strain",
    "S9",
    "--api",
    standIn.baseUrl,
    "--db",
    s.db,
  ], c.io);
  assert.equal(code, 0, c.err());
  const sent = JSON.parse(standIn.requestsTo("start")[0].body).config;
  assert.equal(sent.genus, "Testella");
  assert.equal(sent.locusTag, "TST");
  assert.equal(sent.completeGenome, true);
  assert.equal(sent.strain, "S9");
  c = capture();
  assert.equal(await runCli(["sync", "--db", s.db], c.io), 0);
  assert.match(c.out(), /pending {3}job 1 {2}G81: INIT/);
});

Deno.test("baktadb logs and delete: a failed job's logs, and deleting only finished jobs", async () => {
  await using s = await scratch();
  const genomes = await writeFactoryGenomes(s.dir, 2, 91);
  await using standIn = await standInFor(genomes);
  standIn.setFault({ endpoint: "start", kind: "jobError", logs: "ERROR: contig too short" });
  let c = capture();
  const code = await runCli([
    "submit",
    genomes[0].fasta,
    "--wait",
    "--interval",
    "0.02",
    "--api",
    standIn.baseUrl,
    "--db",
    s.db,
  ], c.io);
  assert.equal(code, 1);
  // INIT or RUNNING before ERROR, depending on when the 20 ms polls land on a loaded machine.
  assert.match(
    c.out(),
    /job 1 {2}G91 {2}(INIT|RUNNING) -> ERROR: Bakta failed: ERROR: contig too short/,
  );
  assert.equal(c.err(), "baktadb: Job failed: Bakta failed: ERROR: contig too short\n");
  c = capture();
  assert.equal(await runCli(["logs", "1", "--db", s.db], c.io), 0);
  assert.match(c.out(), /Bakta v1\.10\.3[\s\S]*ERROR: contig too short\n$/);
  c = capture();
  assert.equal(await runCli(["delete", "1", "--db", s.db], c.io), 0);
  assert.match(c.out(), /Deleted job 1 {2}G91 on the service; it is now DELETED/);
  c = capture();
  assert.equal(await runCli(["logs", "1", "--db", s.db], c.io), 0);
  assert.match(c.err(), /note: the logs stored when job 1 failed/);
  assert.match(c.out(), /ERROR: contig too short/);

  standIn.clearFaults();
  c = capture();
  await runCli(["submit", genomes[1].fasta, "--api", standIn.baseUrl, "--db", s.db], c.io);
  c = capture();
  assert.equal(await runCli(["delete", "2", "--db", s.db], c.io), 2);
  assert.match(c.err(), /^baktadb: Refusing to delete job 2 \("G92"\): it is INIT/);
  assert.equal(c.err().split("\n").length, 2);
  await standIn.close();
  c = capture();
  assert.equal(await runCli(["delete", "2", "--force", "--local", "--db", s.db], c.io), 0);
  assert.match(c.out(), /Marked job 2 {2}G92 DELETED \(the service was not asked\)/);
  assertNoSecretsIn({ out: c.out(), err: c.err() }, secretsOf(standIn));
});

Deno.test("baktadb service-version shows the service's versions", async () => {
  await using standIn = await standInFor([]);
  let c = capture();
  assert.equal(await runCli(["service-version", "--api", standIn.baseUrl], c.io), 0);
  assert.match(c.out(), /Bakta:\s+1\.10\.3\nDatabase: 5\.1\.0\nBackend:\s+0\.6\.4/);
  c = capture();
  assert.equal(await runCli(["service-version", "--api", standIn.baseUrl, "--json"], c.io), 0);
  assert.equal(JSON.parse(c.out()).toolVersion, "1.10.3");
  c = capture();
  assert.equal(await runCli(["service-version", "--api", "ftp://x"], c.io), 2);
  assert.match(c.err(), /^baktadb: Invalid explicit URL "ftp:\/\/x"/);
});

Deno.test("baktadb job commands fail with one line and the right exit code", async (t) => {
  await using s = await scratch();
  const [genome] = await writeFactoryGenomes(s.dir, 1, 99);
  await using standIn = await standInFor([genome]);
  const bad = `${s.dir}/bad.fna`;
  await Deno.writeTextFile(bad, ">c1\nACGT\nACGU\n");
  const cases: [string, string[], number, RegExp][] = [
    ["a bad FASTA", ["submit", bad], 1, /bad\.fna line 3: record "c1" holds "U" at column 4/],
    [
      "a bad locus tag",
      ["submit", genome.fasta, "--locus-tag", "abc"],
      2,
      /Invalid locusTag "abc"/,
    ],
    ["--genome with two files", ["submit", genome.fasta, bad, "--genome", "x"], 2, /--genome/],
    [
      "an unknown configuration",
      ["submit", genome.fasta, "--config", "none"],
      3,
      /No job configuration "none"/,
    ],
    ["a bad translation table", ["submit", genome.fasta, "--translation-table", "5"], 2, /invalid/],
    ["a bad interval", ["sync", "--interval", "0"], 2, /Invalid --interval "0"/],
    ["an unknown job", ["logs", "42"], 3, /No job "42"/],
    ["an unknown status", ["jobs", "--status", "DONE"], 2, /Invalid --status "DONE"/],
    ["a bad config option", ["config", "save", "x", "--locus-tag", "x"], 2, /Invalid locusTag/],
  ];
  for (const [name, args, exit, message] of cases) {
    await t.step(name, async () => {
      const c = capture();
      const code = await runCli([
        ...args,
        "--db",
        s.db,
        ...(args[0] === "submit" ? ["--api", standIn.baseUrl] : []),
      ], c.io);
      assert.equal(code, exit, c.err());
      assert.match(c.err(), message);
      assert.equal(c.err().trimEnd().split("\n").length, commanderLines(c.err()));
    });
  }
  assert.equal(standIn.requests.length, 0, "nothing was sent");
});

/** commander adds a usage hint line after its own errors; ours are one line. */
function commanderLines(text: string): number {
  return text.includes("(run with --help for usage)") ? 2 : 1;
}

Deno.test("every job command has --help with examples", async () => {
  for (
    const args of [
      ["submit"],
      ["jobs"],
      ["sync"],
      ["logs"],
      ["delete"],
      ["service-version"],
      ["config"],
      ["config", "save"],
      ["config", "list"],
      ["demo"],
    ]
  ) {
    const c = capture();
    assert.equal(await runCli([...args, "--help"], c.io), 0);
    assert.match(c.out(), /Examples:\n {2}\S/, args.join(" "));
  }
});

Deno.test("baktadb sync --wait draws a progress bar on a terminal only", async () => {
  await using s = await scratch();
  const genomes = await writeFactoryGenomes(s.dir, 2, 61);
  await using standIn = await standInFor(genomes);
  const c = capture(true);
  const args = ["--interval", "0.02", "--db", s.db];
  assert.equal(
    await runCli(
      ["submit", ...genomes.map((g) => g.fasta), "--api", standIn.baseUrl, ...args],
      c.io,
    ),
    0,
  );
  assert.match(c.err(), /\r\[#+-*\] \d\/2 jobs/, "upload progress on the terminal");
  const t = capture(true);
  assert.equal(await runCli(["sync", "--wait", ...args], t.io), 0);
  assert.match(t.err(), /\r\[#{24}\] 2\/2 jobs · [\d,]+ features/);
  assert.match(t.out(), /IMPORTED/);
  const json = capture(true);
  assert.equal(await runCli(["sync", "--json", ...args], json.io), 0);
  assert.equal(json.err(), "", "no bar with --json");
  assert.deepEqual(JSON.parse(json.out()).jobs, []);
});
