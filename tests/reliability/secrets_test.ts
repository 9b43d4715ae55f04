/**
 * Secrets never leave the database (issue #17 item 5): a database holds the secrets of jobs the
 * stand-in handed out; every command of the CLI's command table (the test fails when a command
 * has no recipe here) runs as a real process, and every stdout, stderr and written file (exports,
 * the report, Roary's CSV, the demo's output) is searched for every secret. `copy` is searched in
 * its streams: its target is a whole database, which holds the jobs by design.
 */

import assert from "node:assert/strict";
import { createProgram } from "../../src/cli/main.ts";
import { startBakrepStandIn } from "../../src/testing/bakrep_stand_in/bakrep_stand_in.ts";
import { type CliOutput, runCliAtOnce } from "../_cli_process.ts";
import {
  assertNoSecretsIn,
  secretsOf,
  standInFor,
  writeFactoryGenomes,
} from "../client/job_service/_helpers.ts";
import { recordCells } from "./_record.ts";
import { runOk } from "./_crash.ts";

/** The command names of the CLI, from its own command table. */
function commandNames(): string[] {
  const quiet = { out: () => {}, err: () => {}, isTerminal: false };
  return createProgram(quiet).commands.map((c) => c.name());
}

/** Every file under a folder, recursively. */
async function filesUnder(dir: string): Promise<string[]> {
  const files: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) files.push(...await filesUnder(path));
    else if (entry.isFile) files.push(path);
  }
  return files;
}

Deno.test("no command prints or writes a stored job secret", async () => {
  const dir = await Deno.makeTempDir({ prefix: "baktadb-secrets-" });
  try {
    const genomes = await writeFactoryGenomes(dir, 3, 801);
    await using bakta = await standInFor(genomes, { runningMs: 50 });
    await using bakrep = await startBakrepStandIn({ datasets: 2 });
    const db = `${dir}/secrets.sqlite`;
    const out = `${dir}/out`;
    await Deno.mkdir(out);
    const api = ["--api", bakta.baseUrl];
    const wait = ["--wait", "--interval", "0.05"];
    const [g1, g2, g3] = genomes;
    await Deno.mkdir(`${dir}/extra`);
    const [extra] = await writeFactoryGenomes(`${dir}/extra`, 1, 900);
    await runOk(["submit", g1.fasta, g2.fasta, ...api, ...wait, "--db", db]);
    await Deno.writeTextFile(`${dir}/traits.csv`, `sample,amr\n${g1.genome},1\n${g2.genome},0\n`);

    // Each command's recipes, in rounds: the commands of one round run at the same time.
    const rounds: Record<string, string[][]>[] = [
      {
        init: [["init"]],
        migrate: [["migrate", "status", "--json"], ["migrate", "up"]],
        genomes: [["genomes"], ["genomes", "--json"]],
        show: [["show", g1.genome], ["show", g1.genome, "--json"]],
        history: [["history", g1.genome, "--json"]],
        files: [["files", g1.genome, "--json"]],
        cat: [["cat", `${g1.genome}/${g1.genome}.json`]],
        "service-version": [["service-version", ...api, "--json"]],
        bakrep: [["bakrep", "search", "--api", bakrep.url, "--json"]],
      },
      {
        traits: [["traits", "import", `${dir}/traits.csv`, "--key", "sample"], ["traits", "list"]],
        config: [["config", "save", "ecoli", "--genus", "Escherichia"], ["config", "list"]],
        features: [["features", g1.genome, "--json"]],
        summary: [["summary", "--json"]],
        jobs: [["jobs"], ["jobs", "--json"]],
        logs: [["logs", "1"]],
      },
      {
        pangenome: [["pangenome", "--json"], [
          "pangenome",
          "--format",
          "roary",
          "--out",
          `${out}/roary.csv`,
        ]],
        cog: [["cog", "--json"]],
        compare: [["compare", g1.genome, g2.genome, "--json"]],
        search: [["search", "hypothetical", "--json"]],
        associate: [["associate", "amr", "--json"]],
        export: ["json", "gff3", "gbff", "tsv"].map((
          f,
        ) => ["export", g1.genome, "-f", f, "--out", `${out}/g1.${f}`]),
        report: [["report", "--out", `${out}/report.html`], [
          "report",
          "--json",
          "--out",
          `${out}/report.json`,
        ]],
        copy: [["copy", "--from", db, "--to", `${dir}/copy.sqlite`]],
      },
      {
        submit: [["submit", g3.fasta, ...api, "--json"]],
        import: [["import", extra.results, "--json"]],
      },
      {
        sync: [["sync", ...wait, "--json"]],
        demo: [["demo", "--out", `${out}/demo`, "--no-figures", "--db", `${dir}/demo.sqlite`]],
      },
      {
        rm: [["rm", extra.genome, "--yes"]],
        delete: [["delete", "3"]],
      },
    ];
    const covered = rounds.flatMap((round) => Object.keys(round));
    assert.deepEqual(covered.toSorted(), commandNames().toSorted(), "a recipe for every command");

    const streams: Record<string, string> = {};
    let runs = 0;
    for (const round of rounds) {
      const calls = Object.values(round).flat().map((args) =>
        args.includes("--db") ? args : [...args, "--db", db]
      );
      const outputs: CliOutput[] = await runCliAtOnce(calls);
      outputs.forEach((o, i) => {
        const name = calls[i].slice(0, 3).join(" ");
        assert.equal(o.code, 0, `baktadb ${calls[i].join(" ")}:\n${o.stdout}${o.stderr}`);
        streams[`${name} stdout`] = o.stdout;
        streams[`${name} stderr`] = o.stderr;
      });
      runs += calls.length;
    }
    const files = await filesUnder(out);
    assert.ok(files.length >= 7, `written files: ${files.join(", ")}`);
    for (const file of files) streams[file] = new TextDecoder().decode(await Deno.readFile(file));
    const secrets = secretsOf(bakta);
    assert.equal(secrets.length, 3, "three jobs, three secrets");
    assertNoSecretsIn(streams, secrets);
    await recordCells({
      area: "secrets",
      what: "Every command's output and written files searched for every stored job secret",
      cases: runs + files.length,
      survived: runs + files.length,
      lost: 0,
      note:
        `${commandNames().length} commands, ${runs} runs, ${files.length} files, 0 secrets found`,
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
