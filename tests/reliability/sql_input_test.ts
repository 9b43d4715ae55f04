/**
 * SQL and full-text input never reaches SQL unescaped (issue #17 item 5): every option and
 * argument of every command that takes a search text, cross-reference, region, trait, `--where`
 * clause, genome, file or job name is given hostile values (quotes, `"`, `*`, `NEAR(`,
 * `) OR 1=1 --`, a `;` statement, `%`/`_`, FTS5 operators). Each run must end with a usage, not
 * found or empty answer (exit 0, 1, 2 or 3) and a message that is never an SQL error; the file is
 * byte for byte unchanged afterwards (`sqlite3 .dump`); and a genome really named with every one
 * of those characters is found by name, showing the names are bound as parameters, not spliced.
 * The runs are in-process (`runCli`): nothing here is about processes.
 */

import assert from "node:assert/strict";
import { runCli } from "../../src/cli/main.ts";
import { writeFactoryGenomes } from "../client/job_service/_helpers.ts";
import { sha256 } from "../_sha256.ts";
import { recordCells } from "./_record.ts";

const HOSTILE = [
  `'`,
  `"`,
  `*`,
  `NEAR(`,
  `) OR 1=1 --`,
  `x' OR '1'='1`,
  `"; drop table genomes; --`,
  `%_`,
  `a AND OR NOT b`,
  `^col:x`,
  `-`,
  `\\`,
];

/** What an SQL or FTS5 error says; none may reach the user. */
const SQL_ERROR = /sqlite|syntax error|fts5|unrecognized token|no such (column|table)|near "|SQL/i;

/** The commands and the place each hostile value goes (`V`), in one genome's database. */
function recipes(genome: string, value: string): string[][] {
  return [
    ["features", genome, "--search", value],
    ["features", genome, "--xref", value],
    ["features", genome, "--xref", `COG:${value}`],
    ["features", genome, "--region", value],
    ["features", genome, "--region", `${value}:1-100`],
    ["features", genome, "--type", value],
    ["features", value],
    ["search", value],
    ["search", value, "--prefix"],
    ["search", "hypothetical", "--where", value],
    ["search", "hypothetical", "--where", `amr=${value}`],
    ["summary", "--where", `${value}=1`],
    ["pangenome", "--where", `amr!=${value}`],
    ["cog", "--where", value],
    ["associate", value],
    ["traits", "list", "--key", value],
    ["traits", "list", "--where", `amr~${value}`],
    ["show", value],
    ["history", value],
    ["files", value],
    ["cat", value],
    ["cat", `${genome}/${value}`],
    ["export", value, "-f", "gff3"],
    ["export", genome, "-f", "gff3", "--region", value],
    ["compare", genome, value],
    ["rm", value, "--yes"],
    ["logs", value],
    ["delete", value, "--local"],
    ["jobs", "--status", value],
  ];
}

async function run(args: string[]): Promise<{ code: number; text: string }> {
  const chunks: string[] = [];
  const io = {
    out: (t: string) => chunks.push(t),
    err: (t: string) => chunks.push(t),
    isTerminal: false,
  };
  const code = await runCli(args, io);
  return { code, text: chunks.join("") };
}

async function dumpHash(path: string): Promise<string> {
  const dump = await new Deno.Command("sqlite3", { args: ["-readonly", path, ".dump"] }).output();
  assert.ok(dump.success, new TextDecoder().decode(dump.stderr));
  return sha256(dump.stdout);
}

Deno.test("hostile search, xref, region, where, name and job input never reaches SQL raw", async () => {
  const dir = await Deno.makeTempDir({ prefix: "baktadb-sql-input-" });
  try {
    const [g, other] = await writeFactoryGenomes(dir, 2, 901);
    const db = `${dir}/input.sqlite`;
    const odd = HOSTILE.join(" ");
    assert.equal((await run(["import", g.results, "--db", db])).code, 0);
    assert.equal((await run(["import", other.results, "--genome", odd, "--db", db])).code, 0);
    await Deno.writeTextFile(`${dir}/t.csv`, `sample,amr\n${g.genome},1\n`);
    assert.equal(
      (await run(["traits", "import", `${dir}/t.csv`, "--key", "sample", "--db", db])).code,
      0,
    );

    const before = await dumpHash(db);
    let cases = 0;
    for (const value of HOSTILE) {
      for (const args of recipes(g.genome, value)) {
        const { code, text } = await run([...args, "--db", db]);
        const what = `baktadb ${args.join(" ")} (exit ${code}):\n${text}`;
        assert.ok([0, 1, 2, 3].includes(code), what);
        assert.doesNotMatch(text, SQL_ERROR, what);
        cases++;
      }
    }
    assert.equal(await dumpHash(db), before, "the database is unchanged");

    // The name with every hostile character is an ordinary name: found, shown, exported.
    const shown = await run(["show", odd, "--json", "--db", db]);
    assert.equal(shown.code, 0, shown.text);
    assert.equal(JSON.parse(shown.text).genome?.name ?? JSON.parse(shown.text).name, odd);
    const exported = await run(["export", odd, "-f", "gff3", "--db", db]);
    assert.equal(exported.code, 0, exported.text);
    assert.equal(
      exported.text.split("\n").filter((l) => l !== "" && !l.startsWith("#")).length > 0,
      true,
    );
    await recordCells({
      area: "secrets",
      what: "Hostile text in every search, xref, region, where, name and job input",
      cases,
      survived: cases,
      lost: 0,
      note: `${HOSTILE.length} values × ${
        recipes("g", "v").length
      } inputs; no SQL error shown, .dump unchanged`,
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
