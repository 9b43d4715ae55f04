import assert from "node:assert/strict";
import { readBaktaJson } from "../../../src/formats/bakta_json/read_bakta_json.ts";
import { ParseError } from "../../../src/formats/parse_error.ts";
import { readHypotheticalsTsv } from "../../../src/formats/tsv/read_hypotheticals_tsv.ts";
import { listSamples, readSample, reportSamples, samplePath } from "../../_samples.ts";

const GENOME_HEADER = "#Annotated with Bakta v1.11.4, https://github.com/oschwengers/bakta\n" +
  "#Database v6.0, https://doi.org/10.5281/zenodo.4247252\n" +
  "#Sequence Id\tStart\tStop\tStrand\tLocus Tag\tMol Weight [kDa]\tIso El. Point\tPfam hits\tDbxrefs\n";

Deno.test("readHypotheticalsTsv() reads the genome layout", () => {
  const rows = readHypotheticalsTsv(
    GENOME_HEADER +
      "c1\t971\t141\t-\tX_010\t18.9\t7.7\t\t\n" +
      "c1\t10\t99\t+\tX_005\tNA\tNA\tPF1.9|A, PF2.1|B\tPFAM:PF1.9, SO:0001217\n",
  );
  assert.deepEqual(rows[0], {
    line: 4,
    pfamHits: [],
    dbXrefs: [],
    sequenceId: "c1",
    start: 971,
    stop: 141,
    strand: "-",
    locusTag: "X_010",
    molWeightKda: 18.9,
    isoelectricPoint: 7.7,
  });
  assert.deepEqual(rows[1].pfamHits, [{ id: "PF1.9", name: "A" }, { id: "PF2.1", name: "B" }]);
  assert.deepEqual(rows[1].dbXrefs, [
    { db: "PFAM", accession: "PF1.9" },
    { db: "SO", accession: "0001217" },
  ]);
  assert.equal(rows[1].molWeightKda, undefined);
});

Deno.test("readHypotheticalsTsv() reads the proteins layout, including Bakta 1.12's merged cells", () => {
  const rows = readHypotheticalsTsv(
    "ID\tLength\tMol Weight [kDa]\tIso El. Point\tPfam hits\n" +
      "P_1\t38\t4.5\n" +
      "P_2\t50\tNANA,\n" +
      "P_3\t60\t6.1\t9.0\tPF1.1,PF2.2\n",
  );
  assert.deepEqual(rows[0], {
    line: 2,
    pfamHits: [],
    dbXrefs: [],
    locusTag: "P_1",
    length: 38,
    molWeightKda: 4.5,
  });
  assert.equal(rows[1].molWeightKda, undefined);
  assert.deepEqual(rows[2].pfamHits, [{ id: "PF1.1" }, { id: "PF2.2" }]);
  assert.equal(rows[2].isoelectricPoint, 9);
});

Deno.test("readHypotheticalsTsv() rejects bad rows naming the line", async (t) => {
  const cases: [row: string, kind: string][] = [
    ["c1\t1\t9\t+\tX\t1.0\t2.0\t", "MissingColumn"],
    ["c1\t1\t9\t+\tX\tabc\t2.0\t\t", "InvalidNumber"],
    ["c1\tx\t9\t+\tX\t1.0\t2.0\t\t", "InvalidStart"],
    ["c1\t1\t9\t/\tX\t1.0\t2.0\t\t", "InvalidStrand"],
    ["c1\t1\t9\t+\tX\t1.0\t2.0\t\tnocolon", "InvalidAttribute"],
  ];
  for (const [row, kind] of cases) {
    await t.step(kind, () => {
      assert.throws(
        () => readHypotheticalsTsv(GENOME_HEADER + row + "\n"),
        (e: unknown) => e instanceof ParseError && e.kind === kind && e.line === 4,
      );
    });
  }
  await t.step("a feature TSV is not a hypotheticals TSV", () => {
    assert.throws(
      () => readHypotheticalsTsv("ID\tLength\tGene\tProduct\n"),
      (e: unknown) => e instanceof ParseError && e.kind === "InvalidHeader",
    );
  });
});

const present = reportSamples("read_hypotheticals_tsv_test");

Deno.test({
  name: "readHypotheticalsTsv() rows are the hypothetical CDSs of the run's JSON",
  ignore: !present,
  fn: async (t) => {
    const files = listSamples(/\.hypotheticals\.tsv$/);
    assert.ok(files.length >= 4);
    for (const relative of files) {
      await t.step(relative, () => {
        const rows = readHypotheticalsTsv(readSample(relative), { file: relative });
        assert.ok(rows.length > 0);
        assert.ok(rows.every((r) => r.molWeightKda === undefined || r.molWeightKda > 0));
        let jsonFile = relative.replace(".hypotheticals.tsv", ".json");
        try {
          Deno.statSync(samplePath(jsonFile));
        } catch {
          jsonFile = "";
        }
        if (jsonFile === "") return; // no JSON for this run (CI-8050): parsing is the check
        const json = readBaktaJson(readSample(jsonFile));
        const records = json.mode === "proteins"
          ? json.proteins!
          : json.features.map((f) => f.original.record as Record<string, unknown>);
        const hypotheticals = records.filter((r) => r.hypothetical === true && r.type === "cds");
        assert.deepEqual(rows.map((r) => r.locusTag), hypotheticals.map((h) => h.locus));
        for (const [i, row] of rows.entries()) {
          const stats = hypotheticals[i].seq_stats as { molecular_weight: number };
          assert.equal(row.molWeightKda, Number((stats.molecular_weight / 1000).toFixed(1)));
        }
      });
    }
  },
});
