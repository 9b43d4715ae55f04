import assert from "node:assert/strict";
import { genomeSummary } from "../../src/analysis/genome_summary.ts";
import { countFeatures } from "../../src/formats/run_counts.ts";
import { importRun } from "../../src/store/import_run.ts";
import { readSample, reportSamples, samplePath } from "../_samples.ts";
import { cohortFixture } from "./_cohort.ts";
import { engineTest } from "../_engines.ts";
import { freshDatabase } from "../_fresh_database.ts";

/** The `Label: value` lines of a Bakta `.txt` summary, read here independently of the project's reader. */
function txtValues(text: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const line of text.split(/\r?\n/)) {
    const match = /^([A-Za-z][A-Za-z /]*?):\s+([0-9.]+)\s*$/.exec(line);
    if (match) values.set(match[1], Number(match[2]));
  }
  return values;
}

/** Our column for each `.txt` label, and how to compare (percentages are printed with one decimal). */
const COLUMNS: [label: string, column: string, percent: boolean][] = [
  ["Length", "length", false],
  ["Count", "count", false],
  ["GC", "gc", true],
  ["N50", "n50", false],
  ["N90", "n90", false],
  ["N ratio", "n_ratio", true],
  ["coding density", "coding_density", true],
  ["tRNAs", "trnas", false],
  ["tmRNAs", "tmrnas", false],
  ["rRNAs", "rrnas", false],
  ["ncRNAs", "ncrnas", false],
  ["ncRNA regions", "ncrna_regions", false],
  ["CRISPR arrays", "crispr_arrays", false],
  ["CDSs", "cdss", false],
  ["pseudogenes", "pseudogenes", false],
  ["hypotheticals", "hypotheticals", false],
  ["sORFs", "sorfs", false],
  ["gaps", "gaps", false],
  ["oriCs", "orics", false],
  ["oriVs", "orivs", false],
  ["oriTs", "orits", false],
];

const SAMPLES: [folder: string, txt: string, genome: string][] = [
  ["v1.11.4-assembly", "v1.11.4-assembly/assembly.txt", "assembly"],
  ["v1.8.1-origin-spanning", "v1.8.1-origin-spanning/TEST_6.txt", "TEST_6"],
  ["v1.9.4-efaecalis-CI-8050", "v1.9.4-efaecalis-CI-8050/CI-8050.txt", "CI-8050"],
];

const present = reportSamples("analysis/genome_summary");

engineTest(
  "genomeSummary() of each real sample equals its Bakta .txt",
  async (t) => {
    await using db = await freshDatabase();
    for (const [folder, , genome] of SAMPLES) {
      await importRun(db, samplePath(folder), { genome });
    }
    const summary = await genomeSummary(db);
    const rows = summary.objects() as Record<string, unknown>[];
    assert.deepEqual(rows.map((r) => r.genome), ["CI-8050", "TEST_6", "assembly"]);
    for (const [, txt, genome] of SAMPLES) {
      await t.step(genome, () => {
        const expected = txtValues(new TextDecoder().decode(readSample(txt)));
        const row = rows.find((r) => r.genome === genome)!;
        let compared = 0;
        for (const [label, column, percent] of COLUMNS) {
          if (!expected.has(label)) continue; // e.g. N90 before Bakta 1.10
          const value = row[column] as number;
          const shown = percent ? Math.round(value * 1000) / 10 : value;
          assert.equal(shown, expected.get(label), `${genome} ${label}`);
          compared++;
        }
        assert.ok(compared >= 19, `${genome}: compared ${compared} numbers`);
        // The columns MultiQC's General Statistics shows for Bakta: Count, Length, CDSs.
        assert.deepEqual(
          [row.count, row.length, row.cdss],
          [expected.get("Count"), expected.get("Length"), expected.get("CDSs")],
        );
      });
    }
  },
  { ignore: !present },
);

engineTest("genomeSummary() of factory genomes equals countFeatures() of their runs", async () => {
  const { db, runs } = await cohortFixture({
    seed: 9,
    genomes: 3,
    familiesPool: 60,
    coreFamilies: 20,
  });
  try {
    const rows = (await genomeSummary(db)).objects() as Record<string, unknown>[];
    assert.deepEqual(rows.map((r) => r.genome), [...runs.keys()]);
    for (const row of rows) {
      const run = runs.get(row.genome as string)!;
      const counts = countFeatures(run);
      assert.deepEqual(
        [row.cdss, row.hypotheticals, row.pseudogenes, row.trnas, row.rrnas, row.sorfs, row.gaps],
        [
          counts.cdss,
          counts.hypotheticals,
          counts.pseudogenes,
          counts.trnas,
          counts.rrnas,
          counts.sorfs,
          counts.gaps,
        ],
      );
      assert.equal(row.length, run.stats!.size);
      assert.equal(row.n50, run.stats!.n50);
      assert.equal(typeof row.gc, "number");
    }
    const only = await genomeSummary(db, { genomes: [[...runs.keys()][1]] });
    assert.equal(only.numRows(), 1);
  } finally {
    await db.destroy();
  }
});
