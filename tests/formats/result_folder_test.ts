import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { readBaktaJson } from "../../src/formats/bakta_json/read_bakta_json.ts";
import { ParseError, type ParseErrorKind } from "../../src/formats/parse_error.ts";
import { readResultFolder } from "../../src/formats/result_folder.ts";
import { readBaktaSummary } from "../../src/formats/summary_txt/read_bakta_summary.ts";
import { readSample, reportSamples, samplePath } from "../_samples.ts";
import { makeBakrepDataset } from "../../src/testing/bakrep_stand_in/make_bakrep_dataset.ts";
import { formatRunAsGff3, makeRun } from "../../src/testing/factory/mod.ts";

const TSV = "# Annotated with Bakta\n# Software: v1.9.4\n# Database: v5.1, full\n" +
  "#Sequence Id\tType\tStart\tStop\tStrand\tLocus Tag\tGene\tProduct\tDbXrefs\n" +
  "c1\tcds\t1\t9\t+\tR_00005\tabc\tABC protein\tSO:0001217\n" +
  "c1\tcds\t20\t12\t-\tR_00010\t\thypothetical protein\t\n";
const FNA = ">c1 [completeness=complete] [topology=circular] [location=chromosome]\n" +
  "ATGAAATAGCCCTTTATTTCAT\n";
const FAA = ">R_00005 ABC protein\nMK*\n>R_00010 hypothetical protein\nMKW\n";
const FFN = ">R_00005 ABC protein\nATGAAATAG\n";
const TXT = "Sequence(s):\nLength: 22\nCount: 1\nGC: 31.8\nN50: 22\nN ratio: 0.0\n" +
  "coding density: 81.8\n\nAnnotation:\ntRNAs: 0\ntmRNAs: 0\nrRNAs: 0\nncRNAs: 0\n" +
  "ncRNA regions: 0\nCRISPR arrays: 0\nCDSs: 2\npseudogenes: 0\nhypotheticals: 1\nsORFs: 0\n" +
  "gaps: 0\noriCs: 0\noriVs: 0\noriTs: 0\n\nBakta:\nSoftware: v1.9.4\nDatabase: v5.1, full\n";

async function folderWith(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "baktadb_folder_" });
  for (const [name, content] of Object.entries(files)) {
    if (typeof content === "string") await Deno.writeTextFile(`${dir}/${name}`, content);
    else await Deno.writeFile(`${dir}/${name}`, content);
  }
  return dir;
}

async function assertRejects(promise: Promise<unknown>, kind: ParseErrorKind, detail: RegExp) {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof ParseError, `expected a ParseError, got ${caught}`);
  assert.equal(caught.kind, kind, caught.message);
  assert.match(caught.message, detail);
}

Deno.test("readResultFolder() merges TSV, FASTA and summary files of one run", async () => {
  const dir = await folderWith({
    "run.tsv": TSV,
    "run.fna.gz": gzipSync(new TextEncoder().encode(FNA)),
    "run.faa": FAA,
    "run.ffn": FFN,
    "run.txt": TXT,
    "run.svg": "<svg/>",
    "run.input.fasta": ">other\nACGT\n",
    "notes.md": "ignored",
  });
  try {
    const run = await readResultFolder(dir);
    assert.equal(run.features.length, 2);
    assert.deepEqual(run.sequences.map((s) => [s.id, s.length, s.topology, s.type, s.complete]), [
      ["c1", 22, "circular", "chromosome", true],
    ]);
    assert.equal(run.sequences[0].nt, "ATGAAATAGCCCTTTATTTCAT");
    assert.deepEqual(run.features.map((f) => f.aa), ["MK*", "MKW"]);
    assert.deepEqual(run.features.map((f) => f.nt), ["ATGAAATAG", undefined]);
    assert.equal(run.stats?.size, 22);
    assert.equal(run.stats?.gc, 0.318);
    assert.deepEqual(run.software, { bakta: "1.9.4", db: "5.1", dbType: "full" });
    assert.deepEqual(run.sources, [
      { file: `${dir}/run.tsv`, format: "tsv", used: ["features", "software"] },
      { file: `${dir}/run.faa`, format: "fasta", used: ["features.aa"] },
      { file: `${dir}/run.ffn`, format: "fasta", used: ["features.nt"] },
      { file: `${dir}/run.fna.gz`, format: "fasta", used: ["sequences"] },
      { file: `${dir}/run.txt`, format: "txt", used: ["stats"] },
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("readResultFolder() prefers the JSON and fills only what it lacks", async () => {
  const json = {
    version: { bakta: "1.9.4", db: { version: "5.1", type: "full" } },
    sequences: [{ id: "c1", length: 22, type: "chromosome" }],
    features: [{
      type: "cds",
      sequence: "c1",
      start: 1,
      stop: 9,
      strand: "+",
      locus: "R_00005",
      product: "JSON product",
      aa: "MK*",
    }],
  };
  const dir = await folderWith({
    "run.json": JSON.stringify(json),
    "run.tsv": TSV,
    "run.fna": FNA,
  });
  try {
    const run = await readResultFolder(dir);
    assert.equal(run.features.length, 1, "features come from the JSON only");
    assert.equal(run.features[0].product, "JSON product");
    assert.equal(run.sequences[0].type, "chromosome", "the JSON's value is kept");
    assert.equal(run.sequences[0].topology, "circular", "filled from the FASTA tags");
    assert.equal(run.sequences[0].nt?.length, 22);
    assert.deepEqual(run.sources.map((s) => [s.format, s.used]), [
      ["json", ["features", "sequences", "software"]],
      ["fasta", [
        "sequences.nt",
        "sequences.description",
        "sequences.topology",
        "sequences.complete",
      ]],
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("readResultFolder() gives a TSV without rows the sequences of its .fna", async () => {
  const header = TSV.split("\n").slice(0, 4).join("\n") + "\n";
  const dir = await folderWith({ "r.tsv": header, "r.fna": FNA });
  try {
    const run = await readResultFolder(dir);
    assert.equal(run.features.length, 0);
    assert.deepEqual(run.sequences.map((s) => [s.id, s.length]), [["c1", 22]]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("readResultFolder() refuses files of other runs", async (t) => {
  const dir = await folderWith({
    "run.tsv": TSV,
    "run.txt": TXT,
    "other.fna": ">x1\nACGT\n",
    "mismatch.txt": TXT.replace("Length: 22", "Length: 23"),
    "run.fna": FNA,
    "stranger.fna": ">x1\nACGT\n",
  });
  try {
    await t.step(
      "several prefixes in a folder",
      () => assertRejects(readResultFolder(dir), "Unexpected", /more than one run.*"other".*"run"/),
    );
    await t.step("the prefix option picks one run", async () => {
      const run = await readResultFolder(dir, { prefix: "run" });
      assert.equal(run.sequences.length, 1);
    });
    await t.step("a FASTA without a shared id", () =>
      assertRejects(
        readResultFolder([`${dir}/run.tsv`, `${dir}/stranger.fna`]),
        "Unexpected",
        /more than one run/,
      ));
    await t.step("the same prefix but no shared sequence id", async () => {
      const other = await folderWith({ "run.tsv": TSV, "run.fna": ">x1\nACGT\n" });
      try {
        await assertRejects(readResultFolder(other), "Unexpected", /different run.*record ids/);
      } finally {
        await Deno.remove(other, { recursive: true });
      }
    });
    await t.step("a summary with other totals", async () => {
      const other = await folderWith({
        "run.tsv": TSV,
        "run.fna": FNA,
        "run.txt": TXT.replace("Length: 22", "Length: 23"),
      });
      try {
        await assertRejects(readResultFolder(other), "Unexpected", /different run.*23 bp/);
      } finally {
        await Deno.remove(other, { recursive: true });
      }
    });
    await t.step("no annotation file", async () => {
      const other = await folderWith({ "run.txt": TXT, "run.faa": FAA });
      try {
        await assertRejects(readResultFolder(other), "UnknownFormat", /no Bakta annotation file/);
      } finally {
        await Deno.remove(other, { recursive: true });
      }
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

const present = reportSamples("result_folder_test");

Deno.test({
  name: "readResultFolder() reads the v1.11.4 result folder with the JSON as main source",
  ignore: !present,
  fn: async () => {
    const run = await readResultFolder(samplePath("v1.11.4-assembly"));
    const json = readBaktaJson(readSample("v1.11.4-assembly/assembly.json"));
    assert.equal(run.sources[0].format, "json");
    assert.equal(run.features.length, json.features.length);
    assert.deepEqual(run.sequences.map((s) => s.nt), json.sequences.map((s) => s.nt));
    assert.equal(run.mode, "genome");
    // The proteins-mode sub-folder is a separate run and is not read.
    assert.ok(run.sources.every((s) => !s.file.includes("proteins-mode")));
  },
});

Deno.test({
  name: "readResultFolder() rebuilds the JSON's sequences and proteins from TSV + FASTA files",
  ignore: !present,
  fn: async () => {
    const files = ["assembly.tsv", "assembly.fna", "assembly.faa", "assembly.ffn", "assembly.txt"]
      .map((f) => samplePath(`v1.11.4-assembly/${f}`));
    const run = await readResultFolder(files);
    const json = readBaktaJson(readSample("v1.11.4-assembly/assembly.json"));
    assert.equal(run.sources[0].format, "tsv");
    assert.deepEqual(
      run.sequences.map((s) => [s.id, s.length, s.nt, s.topology, s.complete, s.type, s.name]),
      json.sequences.map((s) => [s.id, s.length, s.nt, s.topology, s.complete, s.type, s.name]),
    );
    assert.deepEqual(run.features.map((f) => f.aa), json.features.map((f) => f.aa));
    assert.deepEqual(
      run.features.map((f) => f.nt),
      json.features.map((f) => (f.locusTag ? f.nt : undefined)),
      "the .ffn fills features by locus tag",
    );
    assert.equal(run.stats?.size, json.stats?.size);
    assert.equal(run.stats?.n50, json.stats?.n50);
  },
});

Deno.test({
  name: "readResultFolder() reads the CI-8050 folder (no JSON) and matches its summary",
  ignore: !present,
  fn: async () => {
    const run = await readResultFolder(samplePath("v1.9.4-efaecalis-CI-8050"));
    assert.equal(run.sources[0].format, "gff3", "the GFF3 outranks the TSV");
    const summary = readBaktaSummary(readSample("v1.9.4-efaecalis-CI-8050/CI-8050.txt"));
    assert.equal(run.sequences.length, summary.sequences.count);
    assert.equal(
      run.sequences.reduce((n, s) => n + (s.nt?.length ?? 0), 0),
      summary.sequences.length,
    );
    assert.ok(run.sequences.every((s) => s.topology === "circular"));
    const cds = run.features.filter((f) => f.type === "cds");
    assert.equal(cds.length, summary.counts.cdss);
    assert.ok(cds.filter((f) => !f.pseudo).every((f) => f.aa !== undefined), "proteins filled");
    assert.equal(run.software.bakta, summary.software);
  },
});

Deno.test({
  name: "readResultFolder() refuses real files of two different runs",
  ignore: !present,
  fn: async () => {
    await assertRejects(
      readResultFolder([
        samplePath("v1.11.4-assembly/assembly.json"),
        samplePath("v1.8.1-origin-spanning/TEST_6.fna"),
      ]),
      "Unexpected",
      /more than one run/,
    );
    await assertRejects(
      readResultFolder(samplePath("json-schema-versions")),
      "Unexpected",
      /more than one run/,
    );
    const one = await readResultFolder(samplePath("json-schema-versions"), {
      prefix: "bakta-result-post-1_10",
    });
    assert.equal(one.software.bakta, "1.10.1");
  },
});

Deno.test("readResultFolder() reads aliases (.gff) and BakRep datasets (record and side files left out)", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const run = makeRun({ seed: 8, sequences: 1, featuresPerSequence: 6 });
    await Deno.mkdir(`${dir}/plain`);
    await Deno.writeTextFile(`${dir}/plain/C100.gff`, formatRunAsGff3(run));
    const fromGff = await readResultFolder(`${dir}/plain`);
    assert.equal(fromGff.features.length, run.features.length);

    const dataset = makeBakrepDataset("SAMN1", { seed: 4 });
    await Deno.mkdir(`${dir}/bakrep`);
    for (const [name, bytes] of dataset.files) await Deno.writeFile(`${dir}/bakrep/${name}`, bytes);
    await Deno.writeTextFile(`${dir}/bakrep/SAMN1.json`, dataset.record("https://example.org"));
    const fromBakrep = await readResultFolder(`${dir}/bakrep`);
    assert.equal(fromBakrep.features.length, dataset.run.features.length);
    assert.ok(fromBakrep.sources.some((s) => s.file.endsWith("SAMN1.bakta.json.gz")));
    assert.ok(fromBakrep.sources.every((s) => /SAMN1\.bakta\./.test(s.file)));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
