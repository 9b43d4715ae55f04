import assert from "node:assert/strict";
import {
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
    ["SAMD00000344.bakta.json.gz", "SAMD00000344.bakta", "json"],
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
