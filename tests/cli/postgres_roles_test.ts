/**
 * The PostgreSQL roles of `docs/postgres_roles.sql`, run as written with psql: the owner migrates,
 * the writer imports, and the read-only analyst can run every query, figure and report command
 * (and the notebook helpers) while every write command (import, submit, sync, delete, rm, traits
 * import, config save, migrate, copy) fails with a permission error and exit code 6
 * (`EXIT.PERMISSION`); the writer role then runs each of them but the schema changes.
 */

import assert from "node:assert/strict";
import { runCli } from "../../src/cli/main.ts";
import { EXIT } from "../../src/cli/cli_context.ts";
import { openDatabase } from "../../src/db/open_database.ts";
import { importRun } from "../../src/store/import_run.ts";
import * as analysis from "../../src/analysis/mod.ts";
import { featureTypesPlot } from "../../src/plot/mod.ts";
import { makeCohort, makeRun } from "../../src/testing/factory/mod.ts";
import { formatRunAsBaktaJson } from "../../src/testing/factory/format_run_as_bakta_json.ts";
import { POSTGRES_AVAILABLE, postgresServerUrl, withDatabaseName } from "../_engines.ts";
import { capture } from "./_helpers.ts";
import {
  assertNoSecretsIn,
  secretsOf,
  standInFor,
  writeFactoryGenomes,
} from "../client/job_service/_helpers.ts";

const ROLES_SQL = new URL("../../docs/postgres_roles.sql", import.meta.url);

/** Runs docs/postgres_roles.sql with psql, role names made unique; returns each role's URL. */
async function createRoles(): Promise<{ owner: string; writer: string; reader: string }> {
  const suffix = crypto.randomUUID().slice(0, 8);
  const text = (await Deno.readTextFile(ROLES_SQL)).replaceAll(
    /\bbaktadb_(owner|writer|reader|curator|analyst)\b/g,
    `baktadb_$1_${suffix}`,
  );
  const file = await Deno.makeTempFile({ suffix: ".sql" });
  await Deno.writeTextFile(file, text);
  const database = `baktadb_roles_${suffix}`;
  const passwords = { owner: "owner-pw", writer: "writer-pw", reader: "reader-pw" };
  const server = await postgresServerUrl();
  const out = await new Deno.Command("psql", {
    args: [
      server,
      "-v",
      "ON_ERROR_STOP=1",
      "-v",
      `db=${database}`,
      ...Object.entries(passwords).flatMap(([k, v]) => ["-v", `${k}_password=${v}`]),
      "-f",
      file,
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  await Deno.remove(file);
  assert.ok(out.success, new TextDecoder().decode(out.stderr));
  const as = (role: string, password: string) => {
    const url = new URL(withDatabaseName(server, database));
    url.username = `baktadb_${role}_${suffix}`;
    url.password = password;
    return url.href;
  };
  return {
    owner: as("owner", passwords.owner),
    writer: as("curator", passwords.writer),
    reader: as("analyst", passwords.reader),
  };
}

async function cli(args: string[]) {
  const { io, out, err } = capture();
  const code = await runCli(args, io);
  return { code, out: out(), err: err() };
}

Deno.test({
  name: "the read-only role runs every query, figure and report; every write fails with exit 6",
  ignore: !POSTGRES_AVAILABLE,
  async fn() {
    const urls = await createRoles();
    const dir = await Deno.makeTempDir();
    try {
      // Before the owner's init every migration is pending: the reader cannot run them.
      for (const args of [["init"], ["migrate", "up"]]) {
        const early = await cli([...args, "--db", urls.reader]);
        assert.equal(early.code, EXIT.PERMISSION, `${args[0]}: ${early.err}`);
        assert.match(early.err, /permission denied/);
      }
      const init = await cli(["init", "--db", urls.owner]);
      assert.equal(init.code, 0, "the owner migrates");
      assert.match(init.out, /^Initialised postgres:\/\/baktadb_owner_\w+:\*\*\*@/);
      assert.ok(!init.out.includes("owner-pw"), "no password in the output");
      const writerDb = await openDatabase(urls.writer);
      const cohort = makeCohort({ seed: 3, genomes: 3, familiesPool: 30, coreFamilies: 10 });
      for (const member of cohort.members) {
        await importRun(writerDb, member.run, { genome: member.name });
      }
      await writerDb.destroy();
      const runFile = `${dir}/extra.json`;
      await Deno.writeTextFile(runFile, formatRunAsBaktaJson(makeRun({ seed: 9, sequences: 1 })));
      const genome = cohort.members[0].name;
      const seqId = cohort.members[0].run.sequences[0].id;
      const reader = ["--db", urls.reader];

      const reads = [
        ["genomes"],
        ["summary"],
        ["show", genome],
        ["history", genome],
        ["files", genome],
        ["features", genome, "--type", "cds"],
        ["features", genome, "--search", "protein"],
        ["features", genome, "--region", `${seqId}:1-5000`],
        ["jobs"],
        ["config", "list"],
        ["export", genome, "--format", "gff3", "--out", `${dir}/g.gff3`],
        ["report", "--out", `${dir}/report.html`],
      ];
      for (const args of reads) {
        const result = await cli([...reader, ...args]);
        assert.equal(result.code, EXIT.OK, `${args.join(" ")}: ${result.err}`);
      }
      assert.ok((await Deno.stat(`${dir}/report.html`)).size > 10_000);

      // The notebook helpers: every cohort table and a figure.
      const readerDb = await openDatabase(urls.reader);
      try {
        for (
          const table of [
            analysis.genomeSummary,
            analysis.featureTypeCounts,
            analysis.cogCategoryCounts,
            analysis.presenceAbsence,
            analysis.pangenomeClasses,
          ]
        ) {
          assert.ok((await table(readerDb)).numRows() > 0, table.name);
        }
        assert.ok(featureTypesPlot(await analysis.featureTypeCounts(readerDb)) !== undefined);
      } finally {
        await readerDb.destroy();
      }

      // A job the writer submitted and nobody synced yet, and a sample sheet.
      const [submitted, another] = await writeFactoryGenomes(dir, 2, 41);
      await using standIn = await standInFor([submitted, another]);
      const api = ["--api", standIn.baseUrl];
      const submit = await cli(["--db", urls.writer, "submit", submitted.fasta, ...api]);
      assert.equal(submit.code, EXIT.OK, submit.err);
      const sheet = `${dir}/sheet.csv`;
      await Deno.writeTextFile(sheet, `sample,penicillin\n${genome},R\n`);

      const writes = [
        ["import", runFile],
        ["submit", another.fasta, ...api],
        ["sync"],
        ["delete", "1", "--local", "--force"],
        ["rm", genome, "--yes"],
        ["traits", "import", sheet, "--key", "sample"],
        ["config", "save", "strict", "--compliant"],
        ["migrate", "down"],
        ["copy", "--from", urls.reader, "--to", urls.reader.replace(/\/[^/]*$/, "/postgres")],
      ];
      for (const args of writes) {
        const result = await cli([...reader, ...args]);
        assert.equal(result.code, EXIT.PERMISSION, `${args.join(" ")}: ${result.err}`);
        assert.match(result.err, /permission denied|must be owner/, args.join(" "));
        assert.match(result.err, /read-only/, args.join(" "));
        assert.ok(!result.err.includes("reader-pw"), "no password in messages");
      }
      assert.equal(standIn.requestsTo("start").length, 1, "the reader's submit started no job");
      const upToDate = await cli([...reader, "migrate", "up"]);
      assert.equal(upToDate.code, EXIT.OK, "nothing pending: the reader's migrate only reads");
      assert.match(upToDate.out, /Schema is up to date/);
      assertNoSecretsIn({ submit: submit.out + submit.err }, secretsOf(standIn));

      // The writer can do what the reader could not (schema changes stay the owner's).
      const writer = ["--db", urls.writer];
      const writerCommands = [
        ["import", runFile],
        ["sync", "--wait", "--interval", "0.02"],
        ["submit", another.fasta, "--wait", "--interval", "0.02", ...api],
        ["traits", "import", sheet, "--key", "sample"],
        ["config", "save", "strict", "--compliant"],
        ["delete", "1", "--local"],
        ["rm", genome, "--yes"],
        ["migrate", "up"],
        ["copy", "--from", urls.writer, "--to", `${dir}/back.sqlite`],
      ];
      for (const args of writerCommands) {
        const result = await cli([...writer, ...args]);
        assert.equal(result.code, EXIT.OK, `${args.join(" ")}: ${result.err}`);
      }
      const check = await openDatabase(urls.reader);
      try {
        const jobs = await check.selectFrom("jobs").select(["status"]).orderBy("id").execute();
        assert.deepEqual(jobs.map((j) => j.status), ["DELETED", "IMPORTED"]);
        // A read-only role lists jobs but never reads a secret (migration 0007); writers do.
        await assert.rejects(
          check.selectFrom("jobs").select("secret").execute(),
          /permission denied/,
        );
        const listed = await cli([...reader, "jobs", "--json"]);
        assert.equal(listed.code, EXIT.OK, listed.err);
        assert.equal(JSON.parse(listed.out).length, 2);
        assertNoSecretsIn({ "reader jobs": listed.out + listed.err }, secretsOf(standIn));
        const writerDb = await openDatabase(urls.writer);
        try {
          const secrets = await writerDb.selectFrom("jobs").select("secret").execute();
          assert.ok(secrets.some((j) => j.secret !== ""), "the writer's sync reads the secret");
        } finally {
          await writerDb.destroy();
        }
        assert.equal(
          (await check.selectFrom("genomes").select("id").where("name", "=", genome).execute())
            .length,
          0,
        );
      } finally {
        await check.destroy();
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
