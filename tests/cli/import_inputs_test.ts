import assert from "node:assert/strict";
import { runCli } from "../../src/cli/main.ts";
import { formatRunAsGff3, makeRun } from "../../src/testing/factory/mod.ts";
import { makeBakrepDataset } from "../../src/testing/bakrep_stand_in/make_bakrep_dataset.ts";
import { capture } from "./_helpers.ts";
import { gunzipSync } from "node:zlib";
import { reportSamples, samplePath } from "../_samples.ts";

Deno.test("baktadb import: any file name by content, a broken one fails alone (exit 4)", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const run = makeRun({ seed: 31, sequences: 1, featuresPerSequence: 11 });
    await Deno.writeTextFile(`${dir}/C100.gff`, formatRunAsGff3(run));
    await Deno.writeTextFile(`${dir}/broken.gff3`, "##gff-version 3\nc1\tBakta\n");
    let c = capture();
    assert.equal(await runCli(["import", `${dir}/C100.gff`, "--db", `${dir}/a.sqlite`], c.io), 0);
    assert.match(c.out(), /^imported {2}C100 .*: new genome, assembly version 1; 11 features/m);
    c = capture();
    const code = await runCli(
      ["import", `${dir}/broken.gff3`, `${dir}/C100.gff`, "--db", `${dir}/b.sqlite`],
      c.io,
    );
    assert.equal(code, 4);
    assert.match(c.out(), /^failed {4}.*broken\.gff3: Cannot parse .*broken\.gff3 line 2/m);
    assert.match(c.out(), /^imported {2}C100 /m);
    assert.equal(c.err(), "baktadb: 1 of 2 runs failed\n");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("baktadb import: a BakRep folder is one genome <id> with metadata in genomes, show and summary", async () => {
  const dir = await Deno.makeTempDir();
  const db = `${dir}/b.sqlite`;
  try {
    const d = makeBakrepDataset("SAMN0042", { seed: 42, sequenceType: "180", completeness: 97.5 });
    await Deno.mkdir(`${dir}/bakrep`);
    for (const [name, bytes] of d.files) await Deno.writeFile(`${dir}/bakrep/${name}`, bytes);
    await Deno.writeTextFile(`${dir}/bakrep/SAMN0042.json`, d.record("https://example.org"));
    let c = capture();
    assert.equal(await runCli(["import", `${dir}/bakrep`, "--db", db], c.io), 0, c.err());
    assert.match(c.out(), /^imported {2}SAMN0042 /m);
    assert.match(c.out(), /Imported 1, skipped 0, failed 0 of 1 run\(s\)/);
    assert.doesNotMatch(c.out(), /ignored/);

    c = capture();
    assert.equal(await runCli(["genomes", "--db", db], c.io), 0);
    const [header, row] = c.out().trim().split("\n");
    assert.match(
      header,
      /features\s+source\s+species \(GTDB\)\s+ST\s+completeness\s+contamination/,
    );
    assert.match(row, /^SAMN0042 .* bakrep\s+Streptococcus pneumoniae\s+180\s+97\.5\s+/);
    c = capture();
    assert.equal(await runCli(["genomes", "--json", "--db", db], c.io), 0);
    assert.equal(JSON.parse(c.out())[0].metadata["bakrep.id"], "SAMN0042");

    c = capture();
    assert.equal(await runCli(["show", "SAMN0042", "--db", db], c.io), 0);
    assert.match(c.out(), /^Metadata:\n(?: {2}.+\n)*? {2}mlst\.sequence_type: 180\n/m);
    c = capture();
    assert.equal(await runCli(["show", "SAMN0042", "--json", "--db", db], c.io), 0);
    assert.equal(JSON.parse(c.out()).metadata["checkm2.completeness"], "97.5");

    c = capture();
    assert.equal(await runCli(["summary", "--json", "--db", db], c.io), 0);
    assert.equal(JSON.parse(c.out())[0].metadata["gtdbtk.species"], "Streptococcus pneumoniae");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("baktadb import: many ignored files are one line; --verbose lists them", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.mkdir(`${dir}/in`);
    await Deno.writeTextFile(`${dir}/in/C1.gff3`, formatRunAsGff3(makeRun({ seed: 5 })));
    for (let i = 0; i < 1500; i++) await Deno.writeTextFile(`${dir}/in/reads_${i}.csv`, "x\n");
    let c = capture();
    assert.equal(await runCli(["import", `${dir}/in`, "--db", `${dir}/a.sqlite`], c.io), 0);
    const lines = c.out().trim().split("\n");
    assert.equal(lines.length, 3, c.out());
    assert.match(lines[1], /^ignored {3}1,500 file\(s\) that are not Bakta outputs .*--verbose/);
    c = capture();
    assert.equal(
      await runCli(["import", `${dir}/in`, "--verbose", "--db", `${dir}/a.sqlite`], c.io),
      0,
    );
    assert.equal(c.out().split("\n").filter((l) => /reads_\d+\.csv$/.test(l)).length, 1500);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test({
  name:
    "baktadb import: a real Bakta 1.5.1 GFF3 named .gff or without extension imports as .gff3.gz does",
  ignore: !reportSamples("cli/import_inputs_test.ts"),
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      const original = samplePath("v1.5.1-saureus-pair/C22.gff3.gz");
      const gff = gunzipSync(await Deno.readFile(original));
      await Deno.writeFile(`${dir}/C22.gff`, gff);
      await Deno.copyFile(original, `${dir}/C22-copy`);
      const counts: number[] = [];
      for (const path of [original, `${dir}/C22.gff`, `${dir}/C22-copy`]) {
        const c = capture();
        const db = `${dir}/${counts.length}.sqlite`;
        assert.equal(await runCli(["import", path, "--json", "--db", db], c.io), 0, c.err());
        counts.push(JSON.parse(c.out()).items[0].result.counts.features);
      }
      assert.ok(counts[0] > 2000);
      assert.deepStrictEqual(counts, [counts[0], counts[0], counts[0]]);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
