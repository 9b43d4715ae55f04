/**
 * Scoary (Debian's `scoary`, the reference gene–trait association tool) reads baktadb's
 * Roary-layout presence/absence file and the sample sheet's trait; its families, 2×2 counts and
 * naive, Bonferroni and Benjamini–Hochberg p-values must equal `traitAssociation`'s.
 */

import assert from "node:assert/strict";
import { parse } from "csv-parse/sync";
import type { Kysely } from "kysely";
import type { Database } from "../../src/db/schema.ts";
import { formatRoaryCsv, roaryPresenceAbsence } from "../../src/analysis/roary_presence_absence.ts";
import { traitAssociation } from "../../src/analysis/trait_association.ts";
import { readSampleSheet } from "../../src/formats/sample_sheet/read_sample_sheet.ts";
import { importRuns } from "../../src/store/import_runs.ts";
import { importSampleSheet, listTraits, setTraits } from "../../src/store/traits_repository.ts";
import { reportSamples, samplePath } from "../_samples.ts";
import { cohortFixture } from "./_cohort.ts";
import { freshDatabase } from "../_fresh_database.ts";

const COHORT = "v1.9.2-spneumoniae-cohort/";

async function scoaryPresent(): Promise<boolean> {
  try {
    const { success } = await new Deno.Command("scoary", {
      args: ["--version"],
      stdout: "null",
      stderr: "null",
    }).output();
    return success;
  } catch {
    return false;
  }
}

const SCOARY = await scoaryPresent();
if (!SCOARY) {
  console.log("[scoary_oracle_test] SKIPPED: scoary is not installed (apt-get install scoary)");
}

/** Runs Scoary on our Roary file and the trait; returns its result rows by family. */
async function runScoary(
  db: Kysely<Database>,
  trait: string,
): Promise<Map<string, Record<string, string>>> {
  const dir = await Deno.makeTempDir({ prefix: "baktadb-scoary-" });
  try {
    const table = await roaryPresenceAbsence(db, { pseudogenes: "absent" });
    await Deno.writeTextFile(`${dir}/gene_presence_absence.csv`, formatRoaryCsv(table));
    const values = new Map(
      (await listTraits(db, { keys: [trait] })).map((t) => [t.genome, t.value]),
    );
    const traits = [`,${trait}`, ...table.genomes.map((g) => `${g},${values.get(g) ?? "NA"}`)];
    await Deno.writeTextFile(`${dir}/traits.csv`, traits.join("\n") + "\n");
    const { success, stderr } = await new Deno.Command("scoary", {
      args: [
        "-g",
        "gene_presence_absence.csv",
        "-t",
        "traits.csv",
        "-o",
        "out/",
        "-p",
        "1.0",
        "--no_pairwise",
        "--no-time",
      ],
      cwd: dir,
      stdout: "null",
      stderr: "piped",
    }).output();
    assert.ok(success, new TextDecoder().decode(stderr));
    const rows = parse(await Deno.readTextFile(`${dir}/out/${trait}.results.csv`), {
      columns: true,
    }) as Record<string, string>[];
    const family = new Map(table.rows.map((r) => [r.gene, r.family]));
    return new Map(rows.map((r) => [family.get(r.Gene)!, r]));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** Asserts that Scoary's rows and ours name the same families with the same counts and p-values. */
async function assertSameAsScoary(db: Kysely<Database>, trait: string): Promise<number> {
  const scoary = await runScoary(db, trait);
  const ours = (await traitAssociation(db, { trait })).table.objects() as Record<
    string,
    number & string
  >[];
  assert.deepEqual(new Set(ours.map((r) => r.family)), new Set(scoary.keys()));
  const close = (a: number, b: number) =>
    Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
  for (const row of ours) {
    const s = scoary.get(row.family)!;
    assert.deepEqual(
      [row.pos_present, row.neg_present, row.pos_absent, row.neg_absent],
      [
        s.Number_pos_present_in,
        s.Number_neg_present_in,
        s.Number_pos_not_present_in,
        s.Number_neg_not_present_in,
      ].map(Number),
      row.family,
    );
    assert.ok(close(row.p, Number(s.Naive_p)), `${row.family}: p ${row.p} != ${s.Naive_p}`);
    assert.ok(close(row.p_bonferroni, Number(s.Bonferroni_p)), `${row.family}: Bonferroni`);
    assert.ok(
      close(row.p_bh, Number(s.Benjamini_H_p)),
      `${row.family}: BH ${row.p_bh} != ${s.Benjamini_H_p}`,
    );
    assert.ok(close(row.sensitivity * 100, Number(s.Sensitivity)), `${row.family}: sensitivity`);
    assert.ok(close(row.specificity * 100, Number(s.Specificity)), `${row.family}: specificity`);
  }
  return ours.length;
}

Deno.test({
  name: "traitAssociation() agrees with Scoary on the shipped S. pneumoniae cohort and its sheet",
  ignore: !SCOARY || !reportSamples("scoary_oracle_test"),
  async fn() {
    await using db = await freshDatabase();
    const result = await importRuns(db, [samplePath(`${COHORT}*.gff3.gz`)]);
    assert.equal(result.imported, 8);
    const sheet = readSampleSheet(await Deno.readTextFile(samplePath(`${COHORT}samplesheet.csv`)), {
      key: "sample",
      file: "samplesheet.csv",
    });
    const { unmatched } = await importSampleSheet(db, sheet);
    assert.equal(unmatched.length, 7); // the sheet lists 15 isolates, 8 are shipped
    const tested = await assertSameAsScoary(db, "penicillin");
    assert.ok(tested > 100, `only ${tested} families tested`);
  },
});

Deno.test({
  name: "traitAssociation() agrees with Scoary on a factory cohort with missing trait values",
  ignore: !SCOARY,
  async fn() {
    const { db, runs } = await cohortFixture({
      seed: 9,
      genomes: 24,
      familiesPool: 120,
      coreFamilies: 40,
      accessoryRate: 0.4,
      run: { pseudoRate: 0.05 },
    });
    let i = 0;
    for (const name of runs.keys()) {
      const { id } = await db.selectFrom("genomes").select("id").where("name", "=", name)
        .executeTakeFirstOrThrow();
      await setTraits(db, id, { resistant: i % 7 === 3 ? "NA" : ((i * 5) % 3 === 0 ? "1" : "0") });
      i++;
    }
    assert.ok((await assertSameAsScoary(db, "resistant")) > 20);
    await db.destroy();
  },
});
