import assert from "node:assert/strict";
import { compareGenomes } from "../../src/analysis/genome_diff.ts";
import type { BaktaRun } from "../../src/formats/model.ts";
import { readGff3 } from "../../src/formats/gff3/read_gff3.ts";
import { importRun } from "../../src/store/import_run.ts";
import { readSample, reportSamples, samplePath } from "../_samples.ts";
import { cohortFixture, familyCopies } from "./_cohort.ts";
import { engineTest } from "../_engines.ts";
import { freshDatabase } from "../_fresh_database.ts";

type DiffRow = {
  family: string;
  status: string;
  copies_from: number;
  copies_to: number;
  gene: string | null;
  product: string | null;
};

/** Brute force: the families only `to` has (gained) and only `from` has (lost), with copies. */
function bruteDiff(from: BaktaRun, to: BaktaRun, includeShared = false): string[] {
  const copies = familyCopies(new Map([["from", from], ["to", to]]));
  const rows: string[] = [];
  for (const [family, perGenome] of copies) {
    const a = perGenome.get("from") ?? 0;
    const b = perGenome.get("to") ?? 0;
    const status = a === 0 ? "gained" : b === 0 ? "lost" : "shared";
    if (status !== "shared" || includeShared) rows.push(`${status}|${family}|${a}|${b}`);
  }
  return rows.sort();
}

const asKeys = (rows: DiffRow[]) =>
  rows.map((r) => `${r.status}|${r.family}|${r.copies_from}|${r.copies_to}`).sort();

engineTest(
  "compareGenomes() lists the families gained and lost, as a brute force does",
  async () => {
    const { db, runs } = await cohortFixture({
      seed: 12,
      genomes: 3,
      familiesPool: 80,
      coreFamilies: 20,
      accessoryRate: 0.5,
    });
    try {
      const [a, b] = [...runs.keys()];
      const diff = (await compareGenomes(db, { from: a, to: b })).objects() as DiffRow[];
      const expected = bruteDiff(runs.get(a)!, runs.get(b)!);
      assert.ok(
        expected.some((k) => k.startsWith("gained")) && expected.some((k) => k.startsWith("lost")),
      );
      assert.deepEqual(asKeys(diff), expected);
      // Ordered by status then family; products come from the members.
      assert.deepEqual(diff.map((r) => r.status), [...diff.map((r) => r.status)].sort());
      assert.ok(diff.every((r) => typeof r.product === "string"));
      // Reversed, gained and lost swap.
      const back = (await compareGenomes(db, { from: b, to: a })).objects() as DiffRow[];
      assert.deepEqual(asKeys(back), bruteDiff(runs.get(b)!, runs.get(a)!));
      // With the shared families.
      const all = (await compareGenomes(db, { from: a, to: b, includeShared: true }))
        .objects() as DiffRow[];
      assert.deepEqual(asKeys(all), bruteDiff(runs.get(a)!, runs.get(b)!, true));
      // A genome compared with itself: nothing gained or lost.
      assert.equal((await compareGenomes(db, { from: a, to: a })).numRows(), 0);
    } finally {
      await db.destroy();
    }
  },
);

engineTest("compareGenomes() rejects unknown genomes", async () => {
  await using db = await freshDatabase();
  await assert.rejects(
    compareGenomes(db, { from: "x", to: "y" }),
    (e: unknown) => e instanceof RangeError && /"from": genome "x"/.test(e.message),
  );
  // deno-lint-ignore no-explicit-any
  await assert.rejects(compareGenomes(db, { from: "x" } as any), {
    name: "TypeError",
    message: /"to"/,
  });
});

const present = reportSamples("analysis/genome_diff");

engineTest(
  "compareGenomes() of the S. aureus pair C22 → C320 equals a brute force over their GFF3",
  async () => {
    await using db = await freshDatabase();
    const runs: BaktaRun[] = [];
    for (const name of ["C22", "C320"]) {
      const file = `v1.5.1-saureus-pair/${name}.gff3.gz`;
      await importRun(db, samplePath(file), { genome: name });
      runs.push(readGff3(readSample(file), { file }));
    }
    const diff = (await compareGenomes(db, { from: "C22", to: "C320" })).objects() as DiffRow[];
    const expected = bruteDiff(runs[0], runs[1]);
    assert.deepEqual(asKeys(diff), expected);
    // One strain sampled twice: few differences, both ways.
    assert.ok(diff.length > 0 && diff.length < 100, `${diff.length} differences`);
    assert.ok(diff.some((r) => r.status === "gained") && diff.some((r) => r.status === "lost"));
    const shared = (await compareGenomes(db, { from: "C22", to: "C320", includeShared: true }))
      .numRows();
    assert.ok(shared > 2000, `${shared} families in all`);
  },
  { ignore: !present },
);
