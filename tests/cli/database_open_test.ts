/**
 * How commands open the database (issue #20, items 5 and 6): read commands never create a file,
 * option values that look like options are refused, and a read-only file or a schema from a newer
 * baktadb gives a message naming the file and what to do.
 */

import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { runCli } from "../../src/cli/main.ts";
import { EXIT } from "../../src/cli/cli_context.ts";
import { formatRunAsBaktaJson, makeRun } from "../../src/testing/factory/mod.ts";
import { capture } from "./_helpers.ts";

const SUITE = "tests/cli/database_open_test.ts";
const MAIN = new URL("../../src/cli/main.ts", import.meta.url).pathname;

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch {
    return false;
  }
}

/** Every command but init, import, submit, sync and demo, on a database file. */
const READ_COMMANDS: readonly string[][] = [
  ["genomes"],
  ["show", "C22"],
  ["history", "C22"],
  ["files", "C22"],
  ["cat", "1"],
  ["rm", "C22", "--yes"],
  ["features", "C22"],
  ["summary"],
  ["export", "C22", "--format", "gff3"],
  ["report", "--out", "-"],
  ["jobs"],
  ["logs", "1"],
  ["delete", "1", "--local"],
  ["config", "list"],
  ["config", "save", "x", "--genus", "Testella"],
  ["migrate"],
  ["migrate", "up"],
];

Deno.test("baktadb read commands never create a database: exit 5 naming the path and `init`", async (t) => {
  const dir = await Deno.makeTempDir();
  try {
    const db = `${dir}/typo.sqlite`;
    for (const args of READ_COMMANDS) {
      await t.step(args.join(" "), async () => {
        const c = capture();
        assert.equal(await runCli([...args, "--db", db], c.io), EXIT.NO_DATABASE);
        assert.equal(
          c.err(),
          `baktadb: No database at "${db}": create it with \`baktadb init --db ${db}\` or bring ` +
            `data in with \`baktadb import PATH --db ${db}\`\n`,
        );
        assert.equal(c.out(), "");
        assert.deepEqual([...Deno.readDirSync(dir)], [], "no file created");
      });
    }
    await t.step("the default path too ($BAKTADB_DATABASE)", async () => {
      const c = capture();
      Deno.env.set("BAKTADB_DATABASE", `${dir}/from-env.sqlite`);
      try {
        assert.equal(await runCli(["genomes"], c.io), EXIT.NO_DATABASE);
      } finally {
        Deno.env.delete("BAKTADB_DATABASE");
      }
      assert.match(c.err(), /from-env\.sqlite/);
      assert.equal(await exists(`${dir}/from-env.sqlite`), false);
    });
    await t.step("init creates it; then genomes reads it", async () => {
      let c = capture();
      assert.equal(await runCli(["init", "--db", db], c.io), 0);
      c = capture();
      assert.equal(await runCli(["genomes", "--db", db], c.io), 0);
      assert.match(c.out(), /No genomes stored yet/);
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("baktadb refuses an option value that looks like an option (exit 2), creating nothing", async (t) => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/C22.json`, formatRunAsBaktaJson(makeRun({ seed: 4 })));
    // commander reads the global --db first, so `--genome --db FILE` leaves --genome without a
    // value (its own usage error), and `--genome --db --db FILE` gives --db the value "--db".
    const cases: [string[], RegExp][] = [
      [["import", `${dir}/C22.json`, "--genome", "--db", `${dir}/x.sqlite`], /'--genome <name>'/],
      [["import", `${dir}/C22.json`, "--genome", "--db", "--db", `${dir}/x.sqlite`], /"--db"/],
      [["features", "C22", "--type", "--json", "--db", `${dir}/x.sqlite`], /--type got "--json"/],
      [["genomes", "--db", "-v"], /--db got "-v"/],
      [["submit", `${dir}/g.fna`, "--locus-tag", "--wait"], /--locus-tag got "--wait"/],
    ];
    for (const [args, message] of cases) {
      await t.step(args.slice(0, 4).join(" "), async () => {
        const c = capture();
        assert.equal(await runCli(args, c.io), EXIT.USAGE);
        assert.match(c.err(), message);
        assert.match(
          c.err(),
          /^(baktadb: Option \S+ got "[^"]+" as its value, which looks like|error: option)/,
        );
        assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["C22.json"]);
        assert.equal(await exists("--db"), false, "no file named --db");
      });
    }
    await t.step(
      "a dash alone is a value (--gram -), as is a negative-looking region",
      async () => {
        const c = capture();
        assert.equal(
          await runCli(["config", "save", "x", "--gram", "-", "--db", `${dir}/y.sqlite`], c.io),
          EXIT.NO_DATABASE,
          "past the option check: it stops at the missing database",
        );
      },
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("baktadb init, migrate and read commands name a database made by a newer baktadb", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const db = `${dir}/newer.sqlite`;
    assert.equal(await runCli(["init", "--db", db], capture().io), 0);
    // What a newer baktadb would leave: a migration this version does not know (written with
    // node:sqlite directly, as another program would).
    const native = new DatabaseSync(db);
    native.prepare("insert into kysely_migration (name, timestamp) values (?, ?)")
      .run("0099_from_the_future", new Date().toISOString());
    native.close();
    for (
      const args of [["init"], ["migrate"], ["migrate", "up"], ["migrate", "down"], ["genomes"]]
    ) {
      const c = capture();
      assert.equal(await runCli([...args, "--db", db], c.io), EXIT.FAILURE, args.join(" "));
      assert.match(
        c.err(),
        new RegExp(
          `^baktadb: Database "${db}" is at schema 0099_from_the_future, made by a newer ` +
            `baktadb .*: use a newer baktadb with it\\n$`,
        ),
        args.join(" "),
      );
      assert.doesNotMatch(c.err(), /corrupted/);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

/** How to run a command as a user the file permissions apply to, or why it cannot be done. */
function unprivilegedPrefix(): string[] | string {
  if (Deno.uid() !== 0) return [];
  // root ignores file modes; in a new user namespace it is an unprivileged user.
  try {
    const probe = new Deno.Command("unshare", { args: ["-U", "true"], stderr: "null" })
      .outputSync();
    return probe.success ? ["unshare", "-U"] : "running as root and `unshare -U` is not allowed";
  } catch {
    return "running as root without `unshare`";
  }
}

const prefix = unprivilegedPrefix();
if (typeof prefix === "string") console.log(`[${SUITE}] SKIPPED read-only database: ${prefix}`);

Deno.test({
  name: "baktadb import into a read-only database names the file and what to do",
  ignore: typeof prefix === "string",
  fn: async () => {
    const dir = await Deno.makeTempDir();
    try {
      const db = `${dir}/ro.sqlite`;
      await Deno.writeTextFile(`${dir}/C22.json`, formatRunAsBaktaJson(makeRun({ seed: 4 })));
      assert.equal(await runCli(["init", "--db", db], capture().io), 0);
      await Deno.chmod(db, 0o444);
      const [command, ...before] = [...prefix as string[], Deno.execPath()];
      const output = await new Deno.Command(command, {
        args: [...before, "run", "-A", MAIN, "import", `${dir}/C22.json`, "--db", db],
        stdout: "piped",
        stderr: "piped",
        env: { NO_COLOR: "1" },
      }).output();
      const out = new TextDecoder().decode(output.stdout);
      const err = new TextDecoder().decode(output.stderr);
      assert.equal(output.code, EXIT.FAILURE, err);
      const message = `Cannot write to database "${db}": the file or its folder is read-only`;
      assert.ok(err.startsWith(`baktadb: ${message}`), err);
      assert.match(err, /chmod u\+w|another --db/);
      assert.ok(out.includes(message), out);
      assert.doesNotMatch(err + out, /^baktadb: attempt to write a readonly database$/m);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
