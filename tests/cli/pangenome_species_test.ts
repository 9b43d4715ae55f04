import assert from "node:assert/strict";
import { runCli } from "../../src/cli/main.ts";
import { openDatabase } from "../../src/db/open_database.ts";
import { importRun } from "../../src/store/import_run.ts";
import { makeCohort } from "../../src/testing/factory/make_cohort.ts";
import { capture } from "./_helpers.ts";

/** A three-genome database whose genomes carry these GTDB species. */
async function database(species: string[]): Promise<{ dir: string; path: string }> {
  const dir = await Deno.makeTempDir({ prefix: "baktadb-species-cli-" });
  const path = `${dir}/db.sqlite`;
  const db = await openDatabase(path);
  const cohort = makeCohort({ seed: 3, genomes: 3, familiesPool: 20, coreFamilies: 10 });
  for (const [i, member] of cohort.members.entries()) {
    await importRun(db, member.run, { genome: member.name });
    const { id } = await db.selectFrom("genomes").select("id").where("name", "=", member.name)
      .executeTakeFirstOrThrow();
    await db.insertInto("genome_traits")
      .values({ genome_id: id, key: "gtdbtk.species", value: species[i] }).execute();
  }
  await db.destroy();
  return { dir, path };
}

Deno.test("pangenome warns on standard error when core/shell/cloud are asked of several species", async (t) => {
  const mixed = await database([
    "s__Escherichia coli",
    "s__Escherichia coli",
    "s__Klebsiella pneumoniae",
  ]);
  const one = await database(["s__Escherichia coli", "s__Escherichia coli", "s__Escherichia coli"]);
  try {
    for (const args of [["pangenome", "--classes"], ["pangenome"]]) {
      await t.step(args.join(" "), async () => {
        const c = capture();
        assert.equal(await runCli([...args, "--db", mixed.path], c.io), 0);
        assert.match(
          c.err(),
          /^Warning: A mixed cohort of 2 species \(Escherichia coli: 2 genomes, Klebsiella pneumoniae: 1 genome\): core, shell and cloud/m,
        );
        assert.ok(!c.out().includes("mixed"), "the table itself stays clean");
        const d = capture();
        assert.equal(await runCli([...args, "--db", one.path], d.io), 0);
        assert.equal(d.err(), "");
      });
    }
    await t.step("the presence/absence table (--tsv) classifies nothing: no warning", async () => {
      const c = capture();
      assert.equal(await runCli(["pangenome", "--tsv", "--db", mixed.path], c.io), 0);
      assert.equal(c.err(), "");
    });
  } finally {
    await Deno.remove(mixed.dir, { recursive: true });
    await Deno.remove(one.dir, { recursive: true });
  }
});
