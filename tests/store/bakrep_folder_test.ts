import assert from "node:assert/strict";
import { genomeMetadata, importRuns, listGenomes } from "../../src/store/mod.ts";
import { formatRunAsGff3, makeRun } from "../../src/testing/factory/mod.ts";
import { selectGenomes } from "../../src/query/select_genomes.ts";
import { presenceAbsence } from "../../src/analysis/gene_families.ts";
import {
  type BakrepDatasetFixture,
  makeBakrepDataset,
} from "../../src/testing/bakrep_stand_in/make_bakrep_dataset.ts";
import {
  BAKREP_SAMPLE_ID,
  BAKREP_SAMPLE_PRESENT,
  bakrepSamplePath,
  reportBakrepSample,
} from "../_bakrep_samples.ts";
import { freshDatabase } from "../_fresh_database.ts";

reportBakrepSample("store/bakrep_folder_test.ts");

async function writeDataset(folder: string, d: BakrepDatasetFixture, record = true) {
  await Deno.mkdir(folder, { recursive: true });
  for (const [name, bytes] of d.files) await Deno.writeFile(`${folder}/${name}`, bytes);
  if (record) await Deno.writeTextFile(`${folder}/${d.id}.json`, d.record("https://example.org"));
}

/** The metadata a dataset's facts should give, written out from the fixture's fields. */
function expectedMetadata(d: BakrepDatasetFixture): Record<string, string> {
  const f = d.fields;
  return {
    "source": "bakrep",
    "bakrep.id": d.id,
    "gtdbtk.domain": String(f["gtdbtk.classification.domain"]),
    "gtdbtk.genus": String(f["gtdbtk.classification.genus"]),
    "gtdbtk.species": String(f["gtdbtk.classification.species"]),
    "gtdbtk.method": "ani_screen",
    "gtdbtk.reference": "GCF_000000001.1",
    "checkm2.completeness": String(f["checkm2.quality.completeness"]),
    "checkm2.contamination": String(f["checkm2.quality.contamination"]),
    "mlst.scheme": "spneumoniae",
    "mlst.sequence_type": String(f["mlst.sequence_type"]),
    "mlst.alleles": "aroE(7) gdh(11) gki(10)",
    "assembly.length": String(f["bakta.stats.size"]),
    "assembly.contigs": String(f["bakta.stats.no_sequences"]),
    "assembly.n50": String(f["bakta.stats.n50"]),
    "assembly.gc": String(Math.round(Number(f["bakta.stats.gc"]) * 1e4) / 100),
  };
}

Deno.test("importRuns() imports flat and grouped BakRep folders as genomes <id> with their metadata", async () => {
  const dir = await Deno.makeTempDir();
  await using db = await freshDatabase();
  try {
    const a = makeBakrepDataset("SAMN0001", { seed: 1 });
    const b = makeBakrepDataset("SAMN0002", { seed: 2, species: "Escherichia coli" });
    const c = makeBakrepDataset("SAMN0003", { seed: 3 });
    await writeDataset(`${dir}/flat`, a);
    await writeDataset(`${dir}/flat`, b);
    await writeDataset(`${dir}/grouped/SAMN0003`, c);
    await Deno.writeTextFile(`${dir}/flat/README.txt`, "downloaded with bakrep");
    const result = await importRuns(db, [`${dir}/flat`, `${dir}/grouped`]);
    assert.deepStrictEqual(
      result.items.map((i) => [i.result?.genome, i.status]),
      [["SAMN0001", "imported"], ["SAMN0002", "imported"], ["SAMN0003", "imported"]],
    );
    assert.deepStrictEqual(result.ignored, [`${dir}/flat/README.txt`]);
    const genomes = await listGenomes(db);
    const metadata = await genomeMetadata(db);
    for (const d of [a, b, c]) {
      const genome = genomes.find((g) => g.name === d.id)!;
      assert.equal(genome.features, d.run.features.length);
      assert.deepStrictEqual(metadata.get(genome.id), expectedMetadata(d));
    }
    const again = await importRuns(db, [`${dir}/flat`, `${dir}/grouped`]);
    assert.deepStrictEqual(again.items.map((i) => i.status), ["skipped", "skipped", "skipped"]);
    assert.equal((await listGenomes(db)).length, 3);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("importRuns(): a BakRep file that does not match its record fails alone, naming the file", async () => {
  const dir = await Deno.makeTempDir();
  await using db = await freshDatabase();
  try {
    const good = makeBakrepDataset("SAMN0011", { seed: 11 });
    const bad = makeBakrepDataset("SAMN0012", { seed: 12 });
    await writeDataset(dir, good);
    await writeDataset(dir, bad);
    const path = `${dir}/SAMN0012.checkm2.json.gz`;
    const bytes = await Deno.readFile(path);
    bytes[bytes.length - 5] ^= 0xff;
    await Deno.writeFile(path, bytes);
    await Deno.writeFile(`${dir}/SAMN0013.mlst.json.gz`, bad.files.get("SAMN0012.mlst.json.gz")!);
    await Deno.writeTextFile(`${dir}/SAMN0013.json`, '{"id": "SAMN0013", "results": []}');
    const result = await importRuns(db, [dir]);
    assert.deepStrictEqual(result.items.map((i) => [i.prefix, i.status]), [
      ["SAMN0011", "imported"],
      ["SAMN0012", "failed"],
      ["SAMN0013", "failed"],
    ]);
    assert.match(
      result.items[1].error!.message,
      /SAMN0012\.checkm2\.json\.gz: its MD5 is [0-9a-f]{32}, the dataset record says/,
    );
    assert.match(result.items[2].error!.message, /the BakRep dataset has no Bakta files/);
    assert.deepStrictEqual((await listGenomes(db)).map((g) => g.name), ["SAMN0011"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test({
  name: "importRuns() stores the real SAMEA3231284 side files' facts as metadata",
  ignore: !BAKREP_SAMPLE_PRESENT,
  async fn() {
    const dir = await Deno.makeTempDir();
    await using db = await freshDatabase();
    try {
      const d = makeBakrepDataset(BAKREP_SAMPLE_ID, { seed: 5 });
      for (const [name, bytes] of d.files) {
        if (name.includes(".bakta.")) await Deno.writeFile(`${dir}/${name}`, bytes);
      }
      for (const side of ["checkm2", "gtdbtk", "mlst", "assemblyscan"]) {
        await Deno.copyFile(
          bakrepSamplePath(`.${side}.json.gz`),
          `${dir}/${BAKREP_SAMPLE_ID}.${side}.json.gz`,
        );
      }
      // The real record, its Bakta entries replaced by the fixture's own (the sizes and MD5s of
      // the real side files are checked as they are).
      const record = JSON.parse(await Deno.readTextFile(bakrepSamplePath(".json")));
      const ours = JSON.parse(d.record("https://example.org")).results;
      record.results = [
        ...ours.filter((r: { url: string }) => r.url.includes(".bakta.")),
        ...record.results.filter((r: { url: string }) => !r.url.includes(".bakta.")),
      ];
      await Deno.writeTextFile(`${dir}/${BAKREP_SAMPLE_ID}.json`, JSON.stringify(record));
      const result = await importRuns(db, [dir]);
      assert.equal(result.imported, 1, result.items[0].error?.message);
      const [genome] = await listGenomes(db);
      assert.equal(genome.name, BAKREP_SAMPLE_ID);
      const m = (await genomeMetadata(db)).get(genome.id)!;
      assert.equal(m["gtdbtk.species"], "Mycoplasmoides pneumoniae");
      assert.equal(m["gtdbtk.family"], "Mycoplasmoidaceae");
      assert.equal(m["gtdbtk.reference"], "GCF_001272835.1");
      assert.equal(m["checkm2.completeness"], "100");
      assert.equal(m["checkm2.contamination"], "0.09");
      assert.equal(m["mlst.scheme"], "mpneumoniae");
      assert.equal(m["mlst.sequence_type"], "2");
      assert.equal(m["mlst.alleles"].split(" ").length, 8);
      assert.equal(m["assembly.contigs"], "638");
      assert.equal(m["assembly.length"], "1014835");
      assert.equal(m["assembly.n50"], "9607");
      assert.equal(m["assembly.gc"], "42.9");
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("importRuns() reads a file given by name whatever its name; a broken one fails alone", async () => {
  const dir = await Deno.makeTempDir();
  await using db = await freshDatabase();
  try {
    const run = makeRun({ seed: 21, sequences: 1, featuresPerSequence: 9 });
    await Deno.writeTextFile(`${dir}/C364.gff`, formatRunAsGff3(run));
    await Deno.writeTextFile(`${dir}/C365.annotation`, formatRunAsGff3(makeRun({ seed: 22 })));
    await Deno.writeTextFile(`${dir}/broken.gff3`, "##gff-version 3\nc1\tBakta\tCDS\tx\n");
    await Deno.writeTextFile(`${dir}/notes.md`, "# nothing\n");
    const result = await importRuns(db, [
      `${dir}/broken.gff3`,
      `${dir}/C364.gff`,
      `${dir}/C365.annotation`,
      `${dir}/notes.md`,
    ]);
    assert.deepStrictEqual(
      result.items.map((i) => [i.item.replace(dir, ""), i.status]),
      [
        ["/notes.md", "failed"],
        ["/broken.gff3", "failed"],
        ["/C364.gff", "imported"],
        ["/C365.annotation", "imported"],
      ],
    );
    assert.match(result.items[0].error!.message, /notes\.md/);
    assert.match(result.items[1].error!.message, /broken\.gff3 line 2/);
    assert.equal(result.items[2].result?.counts.features, run.features.length);
    assert.deepStrictEqual((await listGenomes(db)).map((g) => g.name).sort(), ["C364", "C365"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("cohort selection takes imported BakRep genomes and own genomes together by their metadata", async () => {
  const dir = await Deno.makeTempDir();
  await using db = await freshDatabase();
  try {
    const datasets = [
      makeBakrepDataset("SAMN0021", { seed: 21 }),
      makeBakrepDataset("SAMN0022", { seed: 22, species: "Escherichia coli" }),
      makeBakrepDataset("SAMN0023", { seed: 23 }),
    ];
    for (const d of datasets) await writeDataset(`${dir}/bakrep`, d);
    await Deno.writeTextFile(
      `${dir}/own.gff3`,
      formatRunAsGff3(makeRun({ seed: 24, sequences: 1, featuresPerSequence: 8 })),
    );
    const result = await importRuns(db, [`${dir}/bakrep`, `${dir}/own.gff3`]);
    assert.equal(result.imported, 4);
    const metadata = await genomeMetadata(db);
    const byName = new Map((await listGenomes(db)).map((g) => [g.name, metadata.get(g.id) ?? {}]));
    // The expected selections, computed from the stored facts by brute force.
    const brute = (keep: (m: Record<string, string>) => boolean) =>
      [...byName].filter(([, m]) => keep(m)).map(([name]) => name).sort();
    const cases: [string[], (m: Record<string, string>) => boolean][] = [
      [["source=bakrep"], (m) => m.source === "bakrep"],
      [["species~pneumoniae"], (m) => /pneumoniae/i.test(m["gtdbtk.species"] ?? "")],
      [
        ["source=bakrep", "completeness>=95"],
        (m) => m.source === "bakrep" && Number(m["checkm2.completeness"]) >= 95,
      ],
      [["st!=0"], (m) => m["mlst.sequence_type"] !== undefined && m["mlst.sequence_type"] !== "0"],
    ];
    for (const [where, keep] of cases) {
      const selected = (await selectGenomes(db, { where })).map((g) => g.name).sort();
      assert.deepStrictEqual(selected, brute(keep), where.join(" "));
    }
    assert.ok(brute((m) => m.source === "bakrep").length === 3, "three public genomes");
    const table = await presenceAbsence(db, { where: ["source=bakrep"] });
    assert.deepStrictEqual(
      table.columnNames().filter((c) => c.startsWith("SAMN")).sort(),
      ["SAMN0021", "SAMN0022", "SAMN0023"],
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
