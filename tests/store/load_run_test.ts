import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { NotFoundError } from "../../src/db/errors.ts";
import { importRun } from "../../src/store/import_run.ts";
import { loadRun } from "../../src/store/load_run.ts";
import { makeRun } from "../../src/testing/factory/make_run.ts";
import { formatRunAsGff3 } from "../../src/testing/factory/format_run_as_gff3.ts";
import { formatGenbank } from "../../src/formats/genbank/format_genbank.ts";
import { readGenbank } from "../../src/formats/genbank/read_genbank.ts";
import { readGff3 } from "../../src/formats/gff3/read_gff3.ts";
import { formatBaktaTsv } from "../../src/formats/tsv/format_bakta_tsv.ts";
import { readBaktaTsv } from "../../src/formats/tsv/read_bakta_tsv.ts";
import { readBaktaJson } from "../../src/formats/bakta_json/read_bakta_json.ts";
import { readResultFolder } from "../../src/formats/result_folder.ts";
import type { BaktaRun, Feature } from "../../src/formats/model.ts";
import { reportSamples, samplePath, SAMPLES_PRESENT } from "../_samples.ts";
import { engineTest } from "../_engines.ts";
import { freshDatabase } from "../_fresh_database.ts";

reportSamples("tests/store/load_run_test.ts");

/** A feature without the fields that depend on where it was read from. */
function comparable(feature: Feature, keepOriginal = false): Record<string, unknown> {
  const { original, ...rest } = feature;
  return keepOriginal ? { ...rest, original } : rest;
}

function sequencesUpper(run: BaktaRun) {
  return run.sequences.map((s) => (s.nt === undefined ? s : { ...s, nt: s.nt.toUpperCase() }));
}

async function importText(text: string, name: string) {
  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(`${dir}/${name}`, text);
  const db = await freshDatabase();
  const result = await importRun(db, `${dir}/${name}`, { genome: "g" });
  await Deno.remove(dir, { recursive: true });
  return { db, annotationId: result.annotationId! };
}

engineTest(
  "loadRun() gives back a factory run as it was imported (circular and linear)",
  async () => {
    for (const circular of [true, false]) {
      await using db = await freshDatabase();
      const run = makeRun({ seed: 4, sequences: 3, genomeSize: 30_000, circular });
      const { annotationId } = await importRun(db, run, { genome: "g" });
      const back = await loadRun(db, annotationId!);
      assert.equal(back.mode, "genome");
      assert.deepStrictEqual(back.genome, run.genome);
      assert.deepStrictEqual(back.software, run.software);
      assert.deepStrictEqual(back.stats, run.stats);
      assert.deepStrictEqual(back.sequences, sequencesUpper(run));
      assert.equal(back.features.length, run.features.length);
      for (const [i, feature] of run.features.entries()) {
        assert.deepStrictEqual(comparable(back.features[i], true), comparable(feature, true));
      }
      assert.deepStrictEqual(back.sources, []);
    }
  },
);

engineTest(
  "loadRun() recovers what GFF3, GenBank and TSV originals hold (ids, CRISPR parts, proteins)",
  async (t) => {
    const run = makeRun({ seed: 5, sequences: 2, genomeSize: 30_000 });
    const cases: [string, string, (text: string) => BaktaRun][] = [
      ["gff3", formatRunAsGff3(run), (text) => readGff3(text)],
      ["gbff", formatGenbank(run, { date: "01-JAN-2025" }), (text) => readGenbank(text)],
      ["tsv", formatBaktaTsv(run), (text) => readBaktaTsv(text)],
    ];
    for (const [extension, text, read] of cases) {
      await t.step(extension, async () => {
        const { db, annotationId } = await importText(text, `run.${extension}`);
        try {
          const back = await loadRun(db, annotationId);
          const direct = read(text);
          assert.equal(back.features.length, direct.features.length);
          let crispr = 0;
          for (const [i, feature] of direct.features.entries()) {
            const loaded = comparable(back.features[i]);
            const expected = comparable(feature);
            if (expected.aaHexdigest === undefined && feature.aa !== undefined) {
              // The store computes Bakta's aa_hexdigest (MD5 of the protein) when a file lacks it.
              assert.equal(
                loaded.aaHexdigest,
                createHash("md5").update(feature.aa.replace(/\*$/, "")).digest("hex"),
              );
              delete loaded.aaHexdigest;
            }
            assert.deepStrictEqual(loaded, expected, `${extension} feature ${i}`);
            if (feature.crisprParts !== undefined) crispr++;
          }
          if (extension !== "gbff") assert.ok(crispr > 0, "the run has a CRISPR array with parts");
          if (extension === "gbff") assert.ok(back.features.some((f) => f.aa !== undefined));
        } finally {
          await db.destroy();
        }
      });
    }
  },
);

for (const dir of ["v1.11.4-assembly", "v1.8.1-origin-spanning"]) {
  Deno.test({
    name: `loadRun() of ${dir} equals the run read from its files`,
    ignore: !SAMPLES_PRESENT,
    async fn() {
      await using db = await freshDatabase();
      const { annotationId } = await importRun(db, samplePath(dir));
      const back = await loadRun(db, annotationId!);
      const direct = await readResultFolder(samplePath(dir));
      assert.deepStrictEqual(back.genome, direct.genome);
      assert.deepStrictEqual(back.software, direct.software);
      assert.deepStrictEqual(back.stats, direct.stats);
      assert.deepStrictEqual(back.run, direct.run);
      assert.deepStrictEqual(back.sequences, sequencesUpper(direct));
      assert.deepStrictEqual(
        back.features.map((f) => comparable(f, true)),
        direct.features.map((f) => comparable(f, true)),
      );
    },
  });
}

Deno.test({
  name: "loadRun() of a bakta_proteins annotation gives its proteins",
  ignore: !SAMPLES_PRESENT,
  async fn() {
    await using db = await freshDatabase();
    const path = samplePath("v1.11.4-assembly/proteins-mode/assembly.json");
    const { annotationId } = await importRun(db, [path], { genome: "p" });
    const back = await loadRun(db, annotationId!);
    const direct = readBaktaJson(await Deno.readFile(path));
    assert.equal(back.mode, "proteins");
    assert.deepStrictEqual(back.features, []);
    assert.deepStrictEqual(back.proteins, direct.proteins);
    assert.ok(back.proteins!.length > 0);
  },
});

engineTest(
  "loadRun() with a region keeps one sequence and the features that overlap the window",
  async () => {
    await using db = await freshDatabase();
    const run = makeRun({ seed: 6, sequences: 2, genomeSize: 20_000 });
    const { annotationId } = await importRun(db, run, { genome: "g" });
    const chromosome = run.sequences[0];
    const edge = run.features.find((f) => f.edge)!;
    const length = chromosome.length;
    // Windows that touch only the origin-spanning CDS's part before / after the origin.
    for (
      const [from, to] of [[length, length], [1, 1], [edge.stop, edge.stop], [length - 1, 2]]
    ) {
      const window = await loadRun(db, annotationId!, {
        region: { sequence: chromosome.id, from, to },
      });
      assert.deepStrictEqual(window.sequences.map((s) => s.id), [chromosome.id]);
      assert.ok(
        window.features.some((f) => f.locusTag === edge.locusTag),
        `window ${from}..${to} finds the CDS across the origin`,
      );
      assert.ok(window.features.every((f) => f.sequenceId === chromosome.id));
    }
    const whole = await loadRun(db, annotationId!, { region: { sequence: chromosome.id } });
    assert.equal(
      whole.features.length,
      run.features.filter((f) => f.sequenceId === chromosome.id).length,
    );
    // Cross-references come along with the features of a window.
    const withXrefs = whole.features.filter((f) => f.dbXrefs.length > 0);
    assert.ok(withXrefs.length > 0);
    for (const f of withXrefs) {
      const original = run.features.find((g) => g.locusTag === f.locusTag && g.start === f.start)!;
      assert.deepStrictEqual(f.dbXrefs, original.dbXrefs);
    }
  },
);

engineTest("loadRun() rejects unknown annotations and sequences and bad windows", async () => {
  await using db = await freshDatabase();
  const run = makeRun({ seed: 7, sequences: 2, genomeSize: 10_000, circular: false });
  const { annotationId } = await importRun(db, run, { genome: "g" });
  const id = run.sequences[0].id;
  await assert.rejects(() => loadRun(db, 999), { name: "NotFoundError", message: /"999"/ });
  await assert.rejects(
    () => loadRun(db, annotationId!, { region: { sequence: "nope" } }),
    (e: unknown) => e instanceof NotFoundError && e.key === "nope",
  );
  await assert.rejects(
    () => loadRun(db, annotationId!, { region: { sequence: id, from: 500, to: 20 } }),
    (e: unknown) => e instanceof RangeError && /crosses the origin/.test(e.message),
  );
  await assert.rejects(
    () => loadRun(db, annotationId!, { region: { sequence: id, from: 1, to: 10_000_000 } }),
    (e: unknown) => e instanceof RangeError && /not a position/.test(e.message),
  );
});
