import assert from "node:assert/strict";
import {
  EXPORT_FORMATS,
  type ExportFormat,
  formatRun,
  toExportFormat,
} from "../../src/export/format_run.ts";
import { readBaktaTsv } from "../../src/formats/tsv/read_bakta_tsv.ts";
import { readEmbl } from "../../src/formats/embl/read_embl.ts";
import { readBaktaJson } from "../../src/formats/bakta_json/read_bakta_json.ts";
import { loadRun } from "../../src/store/load_run.ts";
import { decodeInput } from "../../src/formats/decode_input.ts";
import { readSample, reportSamples, SAMPLES_PRESENT } from "../_samples.ts";
import { pythonHas, runPython } from "../_python.ts";
import { dbFeatures, factoryDatabase, SAMPLE_RUNS, sampleDatabase, tempFile } from "./_helpers.ts";

const SUITE = "tests/export/format_run_test.ts";
reportSamples(SUITE);

for (const { dir, prefix } of SAMPLE_RUNS) {
  Deno.test({
    name: `formatRun() tsv of the stored ${dir} run equals Bakta's .tsv byte for byte`,
    ignore: !SAMPLES_PRESENT,
    async fn() {
      const { db, annotationId } = await sampleDatabase(dir);
      try {
        const run = await loadRun(db, annotationId);
        const bakta = new TextDecoder().decode(readSample(`${dir}/${prefix}.tsv`));
        assert.equal(formatRun(run, "tsv"), bakta);
      } finally {
        await db.destroy();
      }
    },
  });
}

Deno.test({
  name: "formatRun() of the GFF3-only CI-8050 run: faa, ffn, fna and tsv as Bakta 1.9.4 wrote them",
  ignore: !SAMPLES_PRESENT,
  async fn() {
    const dir = "v1.9.4-efaecalis-CI-8050";
    const { db, annotationId } = await sampleDatabase(dir);
    try {
      const run = await loadRun(db, annotationId);
      // Read from GFF3: no stored nt/aa, so cut from the residues and translated.
      assert.ok(run.features.every((f) => f.nt === undefined && f.aa === undefined));
      const bakta = (name: string) => decodeInput(readSample(`${dir}/${name}`));
      assert.equal(formatRun(run, "faa"), bakta("CI-8050.faa"));
      assert.equal(formatRun(run, "ffn"), bakta("CI-8050.ffn.gz"));
      assert.equal(formatRun(run, "fna"), bakta("CI-8050.fna.gz"));
      // The TSV differs in one cell: Bakta's GFF3 has no Dbxref on the CRISPR array, its TSV has.
      const ours = formatRun(run, "tsv").split("\n");
      const theirs = bakta("CI-8050.tsv").split("\n");
      const differ = ours.flatMap((line, i) => line === theirs[i] ? [] : [[line, theirs[i]]]);
      assert.equal(differ.length, 1);
      assert.equal(`${differ[0][0]}SO:0001459`, differ[0][1]);
    } finally {
      await db.destroy();
    }
  },
});

Deno.test("formatRun() tsv round trip through readBaktaTsv (factory run with CRISPR parts)", async () => {
  const { db, annotationId } = await factoryDatabase({ seed: 61, sequences: 3 });
  try {
    const run = await loadRun(db, annotationId);
    const back = readBaktaTsv(formatRun(run, "tsv"));
    assert.deepStrictEqual(back.software, run.software);
    const fields = (f: (typeof run.features)[number]) => ({
      sequenceId: f.sequenceId,
      type: f.type,
      start: f.start,
      stop: f.stop,
      strand: f.strand,
      locusTag: f.locusTag,
      gene: f.gene,
      product: f.product,
      pseudo: f.pseudo,
      truncated: f.truncated,
      dbXrefs: f.dbXrefs.map((x) => `${x.db}:${x.accession}`).sort(),
      crisprParts: f.crisprParts,
    });
    assert.deepStrictEqual(back.features.map(fields), run.features.map(fields));
    assert.ok(run.features.some((f) => f.crisprParts !== undefined && f.crisprParts.length > 2));
  } finally {
    await db.destroy();
  }
});

Deno.test({
  name: "formatRun() embl reads back with readEmbl and Biopython at the stored coordinates",
  ignore: !pythonHas(SUITE, "Bio"),
}, async () => {
  const { db, annotationId } = await factoryDatabase({ seed: 62 });
  try {
    const run = await loadRun(db, annotationId);
    const text = formatRun(run, "embl");
    const stored = await dbFeatures(db, annotationId);
    const coordinates = (f: { sequenceId?: string; seqid?: string; start: number; stop: number }) =>
      `${f.sequenceId ?? f.seqid}:${f.start}-${f.stop}`;
    const back = readEmbl(text);
    assert.deepStrictEqual(back.features.map(coordinates), stored.map(coordinates));
    const path = await tempFile(text, ".embl");
    try {
      const counts = await runPython<Record<string, number>[]>(
        `import json, sys
from Bio import SeqIO
print(json.dumps([{"length": len(r.seq), "cds": sum(1 for f in r.features if f.type == "CDS")}
                  for r in SeqIO.parse(sys.argv[1], "embl")]))`,
        [path],
      );
      assert.deepStrictEqual(
        counts,
        run.sequences.map((s) => ({
          length: s.length,
          cds: stored.filter((f) => f.seqid === s.id && (f.type === "cds" || f.type === "sorf"))
            .length,
        })),
      );
    } finally {
      await Deno.remove(path);
    }
  } finally {
    await db.destroy();
  }
});

Deno.test({
  name: "formatRun() writes a bakta_proteins run as json and faa only",
  ignore: !SAMPLES_PRESENT,
  fn() {
    const run = readBaktaJson(readSample("v1.11.4-assembly/proteins-mode/assembly.json"));
    assert.equal(
      formatRun(run, "faa"),
      new TextDecoder().decode(readSample("v1.11.4-assembly/proteins-mode/assembly.faa")),
    );
    assert.deepStrictEqual(readBaktaJson(formatRun(run, "json")).proteins, run.proteins);
    for (const format of ["gff3", "gbff", "embl", "fna", "ffn", "tsv", "csv"] as ExportFormat[]) {
      assert.throws(() => formatRun(run, format), /proteins-mode run/, format);
    }
  },
});

Deno.test("toExportFormat() knows every format and its aliases", () => {
  for (const format of Object.keys(EXPORT_FORMATS)) assert.equal(toExportFormat(format), format);
  assert.equal(toExportFormat("GFF"), "gff3");
  assert.equal(toExportFormat("genbank"), "gbff");
  assert.equal(toExportFormat("gbk"), "gbff");
  assert.equal(toExportFormat("fasta"), "fna");
  assert.throws(() => toExportFormat("xlsx"), /expected one of gff3, gbff, embl/);
});
