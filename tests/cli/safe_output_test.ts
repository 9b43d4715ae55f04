/**
 * Terminal escape injection (issue #20, item 4): a run whose genome name, organism, gene names,
 * products and versions hold every C0 control character, DEL and every C1 control is imported,
 * and the bytes every command prints are checked: no raw control character but the line structure
 * itself (line feeds; tabs between TSV cells), no line a value could fake, and `--json` gives the
 * values back exactly.
 */

import assert from "node:assert/strict";
import { runCli } from "../../src/cli/main.ts";
import { openDatabase } from "../../src/db/open_database.ts";
import { importRun } from "../../src/store/import_run.ts";
import { createJob, updateJobStatus } from "../../src/store/jobs_repository.ts";
import { formatRunAsBaktaJson, makeRun } from "../../src/testing/factory/mod.ts";
import { capture } from "./_helpers.ts";

/**
 * Every C0 control but NUL (U+0001–U+001F), DEL and every C1 control (U+0080–U+009F). NUL comes
 * last, in genes and products only: `node:sqlite` reads a text back only up to a NUL, so a NUL
 * inside a genome name would cut the name the commands look genomes up by.
 */
const CONTROLS = [
  ...Array.from({ length: 0x1f }, (_, i) => String.fromCharCode(i + 1)),
  "\x7f",
  ...Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(0x80 + i)),
].join("");

/** A value that would retitle the terminal, clear it, and fake a row, with every control. */
const EVIL = `\x1b]0;pwned\x07\x1b[2J\r\nFAKE ROW\t${CONTROLS}end`;
const GENOME = `evil${EVIL}`;

/** Any control character but line feed and tab. */
// deno-lint-ignore no-control-regex -- finding control characters is the test
const RAW_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

async function fixture(): Promise<{ dir: string; db: string }> {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/evil.sqlite`;
  const run = makeRun({ seed: 11, sequences: 1, featuresPerSequence: 8 });
  run.genome = { ...run.genome, genus: `Testella${EVIL}`, species: "fictiva", strain: EVIL };
  run.software = { ...run.software, bakta: `1.10.4${EVIL}`, db: `6.0${EVIL}`, dbType: EVIL };
  for (const feature of run.features) {
    feature.gene = `gene${EVIL}\x00tail`;
    feature.product = `product${EVIL}\x00tail`;
  }
  const db = await openDatabase(path);
  try {
    await importRun(db, run, { genome: GENOME });
    await importRun(db, makeRun({ seed: 12, sequences: 1, featuresPerSequence: 4 }), {
      genome: "plain",
    });
    const job = await createJob(db, {
      jobId: "0f1e2d3c-0000-0000-0000-000000000000",
      secret: "s3cret",
      name: `job${EVIL}`,
      config: {},
      apiUrl: "http://127.0.0.1:9",
    });
    await updateJobStatus(db, job.id, { status: "ERROR", error: `failed${EVIL}` });
  } finally {
    await db.destroy();
  }
  return { dir, db: path };
}

/** The checks of a human-readable output: no raw control, no tab, no line a value started. */
function assertSafeText(what: string, text: string): void {
  const at = text.search(RAW_CONTROL);
  assert.equal(at, -1, `${what}: raw U+${text.codePointAt(at)?.toString(16)} at ${at}`);
  assert.ok(!text.includes("\t"), `${what}: a raw tab`);
  assert.ok(!/^FAKE ROW/m.test(text), `${what}: a value started a line`);
}

/** The checks of a TSV output: as text, but tabs only between cells (same count on every line). */
function assertSafeTsv(what: string, text: string): void {
  assertSafeText(what, text.replaceAll("\t", " "));
  const tabs = text.trimEnd().split("\n").map((line) => line.split("\t").length);
  assert.ok(tabs.every((n) => n === tabs[0]), `${what}: every line has ${tabs[0]} cells`);
}

/** The checks of a JSON output: no raw control but the pretty-printing's line feeds. */
function assertSafeJson(what: string, text: string): unknown {
  assertSafeText(what, text.replace(/\n\s*/g, ""));
  return JSON.parse(text);
}

Deno.test("baktadb commands print control characters read from files as visible escapes", async (t) => {
  const { dir, db } = await fixture();
  try {
    const run = async (args: string[], expected = 0) => {
      const c = capture();
      assert.equal(await runCli([...args, "--db", db], c.io), expected, `${args.join(" ")}`);
      return c;
    };
    const textCommands = [
      ["genomes"],
      ["show", "1"],
      ["history", "1"],
      ["files", "1"],
      ["features", "1"],
      ["features", "1", "--search", "product"],
      ["summary"],
      ["summary", "1", "plain"],
      ["summary", "1"],
      ["jobs"],
      ["search", "product"],
      ["search", "product", "--tsv"],
      ["compare", "1", "plain"],
      ["cog"],
      ["pangenome"],
      ["show", GENOME],
      ["rm", "1"],
    ];
    for (const args of textCommands) {
      await t.step(args.join(" ").slice(0, 40), async () => {
        const c = await run(args, args[0] === "rm" ? 2 : 0);
        const out = args.includes("--tsv") ? c.out().replaceAll("\t", " ") : c.out();
        assertSafeText(`${args[0]} stdout`, out);
        assertSafeText(`${args[0]} stderr`, c.err());
      });
    }
    await t.step("the escapes are readable: ESC, BEL, CR, LF, tab, DEL, C1", async () => {
      const c = await run(["show", "1"]);
      assert.ok(
        c.out().includes(
          "evil\\x1b]0;pwned\\x07\\x1b[2J\\r\\nFAKE ROW\\t\\x01\\x02\\x03\\x04\\x05\\x06\\x07\\b\\t",
        ),
        c.out(),
      );
      assert.ok(c.out().includes("\\x1f\\u007f\\u0080\\u0081"), c.out());
      assert.ok(c.out().includes("\\u009fend"), c.out());
    });
    await t.step("import, config and delete name what they did with escapes", async () => {
      await Deno.writeTextFile(
        `${dir}/other.json`,
        formatRunAsBaktaJson(makeRun({ seed: 13, sequences: 1, featuresPerSequence: 3 })),
      );
      for (
        const [args, code] of [
          [["import", `${dir}/other.json`, "--genome", `second${EVIL}`], 0],
          [["import", `${dir}/other.json`, "--genome", `second${EVIL}`], 0],
          [["config", "save", `cfg${EVIL}`, "--genus", "Testella"], 0],
          [["config", "list"], 0],
          [["delete", "1", "--local"], 0],
          [["delete", "1", "--local"], 0],
        ] as const
      ) {
        const c = await run([...args], code);
        assertSafeText(`${args[0]} stdout`, c.out());
        assertSafeText(`${args[0]} stderr`, c.err());
        assert.match(c.out(), /FAKE ROW/, `${args.join(" ")} shows the value`);
      }
    });
    await t.step("errors: a missing genome named with controls, on one line", async () => {
      const c = await run(["show", `no${EVIL}`], 3);
      assertSafeText("show error", c.err());
      assert.equal(c.err().split("\n").length, 2, "one line");
    });
    await t.step("--tsv: cells never hold a raw tab or line feed", async () => {
      for (const args of [["features", "1", "--tsv"], ["summary", "--tsv"]]) {
        const c = await run(args);
        assertSafeTsv(args.join(" "), c.out());
      }
    });
    await t.step("--json: JSON's escaping, values given back exactly", async () => {
      const genomes = assertSafeJson("genomes", (await run(["genomes", "--json"])).out());
      assert.ok((genomes as { name: string }[]).some((g) => g.name === GENOME));
      const features = assertSafeJson(
        "features",
        (await run(["features", "1", "--json"])).out(),
      ) as { gene: string; product: string }[];
      assert.ok(features.length > 0);
      assert.ok(
        features.every((f) =>
          f.product.startsWith(`product${EVIL}`) && f.gene.startsWith(`gene${EVIL}`)
        ),
      );
      for (
        const args of [["show", "1", "--json"], ["history", "1", "--json"], ["summary", "--json"], [
          "jobs",
          "--json",
        ], ["files", "1", "--json"]]
      ) {
        assertSafeJson(args.join(" "), (await run(args)).out());
      }
      const jobs = assertSafeJson("jobs", (await run(["jobs", "--json"])).out());
      assert.equal((jobs as { name: string }[])[0].name, `job${EVIL}`);
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
