import assert from "node:assert/strict";
import {
  classifyContent,
  classifyResultFile,
  collectRunFiles,
  groupRunFiles,
  isGlob,
} from "../../src/store/run_files.ts";

Deno.test("classifyResultFile() knows Bakta's file endings, gzipped or not", async (t) => {
  const cases: [string, string | undefined, string | undefined][] = [
    ["assembly.json", "assembly", "json"],
    ["C22.gff3.gz", "C22", "gff3"],
    ["x/y/CI-8050.hypotheticals.tsv", "CI-8050", "hypotheticals-tsv"],
    ["CI-8050.hypotheticals.faa", "CI-8050", "hypotheticals-faa"],
    ["assembly.inference.tsv", "assembly", "inference-tsv"],
    ["CI-8050.input.fasta.gz", "CI-8050", "input-fasta"],
    ["NC_002127.1.json.gz", "NC_002127.1", "json"],
    ["SAMD00000344.bakta.json.gz", "SAMD00000344", "json"],
    ["SAMD00000344.checkm2.json.gz", "SAMD00000344", "bakrep-checkm2"],
    ["SAMD00000344.gtdbtk.json.gz", "SAMD00000344", "bakrep-gtdbtk"],
    ["SAMD00000344.mlst.json.gz", "SAMD00000344", "bakrep-mlst"],
    ["SAMD00000344.assemblyscan.json.gz", "SAMD00000344", "bakrep-assemblyscan"],
    ["C100.gff", "C100", "gff3"],
    ["C100.gbk", "C100", "genbank"],
    ["C100.gb.gz", "C100", "genbank"],
    ["C100.gbf", "C100", "genbank"],
    ["C100.genbank", "C100", "genbank"],
    ["C100.emb", "C100", "embl"],
    ["C100.fasta", "C100", "fna"],
    ["C100.fa", "C100", "fna"],
    ["C100.fsa", "C100", "fna"],
    ["s.gbff", "s", "genbank"],
    ["s.embl", "s", "embl"],
    ["s.svg", "s", "svg"],
    ["LICENSE.source", undefined, undefined],
    ["samplesheet.csv", undefined, undefined],
    [".json", undefined, undefined],
  ];
  for (const [name, prefix, kind] of cases) {
    await t.step(name, () => {
      const c = classifyResultFile(name);
      assert.equal(c?.prefix, prefix);
      assert.equal(c?.kind, kind);
    });
  }
  assert.equal(classifyResultFile("a.fna.gz")?.gzipped, true);
  assert.equal(classifyResultFile("a.svg")?.readable, false);
  assert.equal(classifyResultFile("a.tsv")?.annotation, true);
});

Deno.test("groupRunFiles() groups by folder and prefix", () => {
  const { groups, ignored } = groupRunFiles([
    "r/assembly.json",
    "r/assembly.gff3",
    "r/assembly.txt",
    "r/C22.gff3.gz",
    "s/assembly.json",
    "r/LICENSE.source",
    "r/assembly.json",
  ]);
  assert.deepStrictEqual(groups, [
    {
      prefix: "assembly",
      folder: "r",
      paths: ["r/assembly.gff3", "r/assembly.json", "r/assembly.txt"],
    },
    { prefix: "C22", folder: "r", paths: ["r/C22.gff3.gz"] },
    { prefix: "assembly", folder: "s", paths: ["s/assembly.json"] },
  ]);
  assert.deepStrictEqual(ignored, ["r/LICENSE.source"]);
});

Deno.test("collectRunFiles() expands folders, globs and files, and reports what matched nothing", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.mkdir(`${dir}/run/sub`, { recursive: true });
    for (
      const f of ["run/a.json", "run/a.tsv", "run/b.gff3.gz", "run/sub/c.json", "x.gbff", "y.embl"]
    ) {
      await Deno.writeTextFile(`${dir}/${f}`, "");
    }
    const found = await collectRunFiles([
      `${dir}/run`,
      `${dir}/*.gbff`,
      `${dir}/y.embl`,
      `${dir}/nope`,
      `${dir}/*.zzz`,
    ]);
    assert.deepStrictEqual(found.groups.map((g) => g.prefix), ["a", "b", "x", "y"]);
    assert.deepStrictEqual(found.missing, [`${dir}/nope`, `${dir}/*.zzz`]);
    const deep = await collectRunFiles([`${dir}/run`], { recursive: true });
    assert.deepStrictEqual(deep.groups.map((g) => g.prefix), ["a", "b", "c"]);
    const globbed = await collectRunFiles([`${dir}/**/*.json`]);
    assert.deepStrictEqual(globbed.groups.map((g) => g.prefix).sort(), ["a", "c"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
  assert.ok(isGlob("a/*.gff3") && isGlob("a?.json") && !isGlob("plain/path.json"));
});

Deno.test("groupRunFiles() makes one run <id> of a BakRep dataset, its record apart", () => {
  const { groups, ignored } = groupRunFiles([
    "d/S1.bakta.json.gz",
    "d/S1.bakta.gff3.gz",
    "d/S1.checkm2.json.gz",
    "d/S1.gtdbtk.json.gz",
    "d/S1.mlst.json.gz",
    "d/S1.assemblyscan.json.gz",
    "d/S1.json",
    "d/S2.bakta.json.gz",
    "d/plain.json",
  ]);
  assert.deepStrictEqual(groups, [
    {
      prefix: "S1",
      folder: "d",
      paths: [
        "d/S1.assemblyscan.json.gz",
        "d/S1.bakta.gff3.gz",
        "d/S1.bakta.json.gz",
        "d/S1.checkm2.json.gz",
        "d/S1.gtdbtk.json.gz",
        "d/S1.mlst.json.gz",
      ],
      bakrep: { id: "S1", record: "d/S1.json" },
    },
    { prefix: "S2", folder: "d", paths: ["d/S2.bakta.json.gz"], bakrep: { id: "S2" } },
    { prefix: "plain", folder: "d", paths: ["d/plain.json"] },
  ]);
  assert.deepStrictEqual(ignored, []);
});

Deno.test("groupRunFiles() ignores runs with nothing to read a run from", () => {
  const { groups, ignored } = groupRunFiles([
    "r/notes.txt",
    "r/plot.svg",
    "r/x.faa",
    "r/S3.checkm2.json.gz",
    "r/ok.gbk",
    "r/ok.txt",
  ]);
  assert.deepStrictEqual(groups.map((g) => [g.prefix, g.paths]), [["ok", [
    "r/ok.gbk",
    "r/ok.txt",
  ]]]);
  assert.deepStrictEqual(ignored.sort(), [
    "r/S3.checkm2.json.gz",
    "r/notes.txt",
    "r/plot.svg",
    "r/x.faa",
  ]);
});

Deno.test("classifyContent() reads the kind from the content, gzip included, whatever the name", async (t) => {
  const { gzipSync } = await import("node:zlib");
  const text = (s: string) => new TextEncoder().encode(s);
  const cases: [string, Uint8Array, string, string][] = [
    ["C100", text("##gff-version 3\n"), "C100", "gff3"],
    ["C100.dat", gzipSync(text("LOCUS       c1   10 bp    DNA\n")), "C100", "genbank"],
    ["my.run.data.gz", gzipSync(text('{"genome": {}}')), "my.run", "json"],
    ["contigs.seq", text(">c1\nACGT\n"), "contigs", "fna"],
    ["x.out", text("ID   c1; SV 1; linear; DNA; STD; PRO; 10 BP.\n"), "x", "embl"],
  ];
  for (const [name, bytes, prefix, kind] of cases) {
    await t.step(name, () => {
      const c = classifyContent(name, bytes);
      assert.equal(c.prefix, prefix);
      assert.equal(c.kind, kind);
    });
  }
  assert.throws(() => classifyContent("README.md", text("# Notes\n")), /README\.md/);
});

Deno.test("collectRunFiles() reads named files by content, rejects unreadable ones, enters BakRep dataset folders", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.mkdir(`${dir}/bakrep/S7`, { recursive: true });
    await Deno.mkdir(`${dir}/bakrep/other`, { recursive: true });
    await Deno.writeTextFile(`${dir}/C364.data`, "##gff-version 3\n");
    await Deno.writeTextFile(`${dir}/README.md`, "# not a run\n");
    await Deno.writeTextFile(`${dir}/bakrep/S7/S7.bakta.json.gz`, "");
    await Deno.writeTextFile(`${dir}/bakrep/S7/S7.json`, "");
    await Deno.writeTextFile(`${dir}/bakrep/other/x.json`, "");
    const found = await collectRunFiles([`${dir}/C364.data`, `${dir}/README.md`, `${dir}/bakrep`]);
    assert.deepStrictEqual(found.groups.map((g) => [g.prefix, g.kinds, g.bakrep?.record]), [
      ["C364", { [`${dir}/C364.data`]: "gff3" }, undefined],
      ["S7", undefined, `${dir}/bakrep/S7/S7.json`],
    ]);
    assert.deepStrictEqual(found.rejected.map((r) => r.path), [`${dir}/README.md`]);
    assert.match(found.rejected[0].error.message, /README\.md/);
    const inFolder = await collectRunFiles([dir]);
    assert.deepStrictEqual(inFolder.ignored, [`${dir}/C364.data`, `${dir}/README.md`]);
    assert.deepStrictEqual(inFolder.rejected, []);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
