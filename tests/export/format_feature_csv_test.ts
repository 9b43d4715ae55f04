import assert from "node:assert/strict";
import {
  csvCell,
  FEATURE_CSV_COLUMNS,
  formatFeatureCsv,
} from "../../src/export/format_feature_csv.ts";
import type { BaktaRun } from "../../src/formats/model.ts";
import { loadRun } from "../../src/store/load_run.ts";
import { dbFeatures, factoryDatabase, tempFile } from "./_helpers.ts";
import { pythonHas, runPython } from "../_python.ts";

const SUITE = "tests/export/format_feature_csv_test.ts";

/** Python's csv module: the rows as dictionaries. */
const CSV_SCRIPT = `
import csv, json, sys
with open(sys.argv[1], newline="") as fh:
    print(json.dumps(list(csv.DictReader(fh))))
`;

async function readWithPython(text: string): Promise<Record<string, string>[]> {
  const path = await tempFile(text, ".csv");
  try {
    return await runPython<Record<string, string>[]>(CSV_SCRIPT, [path]);
  } finally {
    await Deno.remove(path);
  }
}

Deno.test({
  name: "formatFeatureCsv() rows read by Python's csv module equal the database",
  ignore: !pythonHas(SUITE, "csv"),
}, async () => {
  const { db, annotationId } = await factoryDatabase({ seed: 51 });
  try {
    const run = await loadRun(db, annotationId);
    const rows = await readWithPython(formatFeatureCsv(run));
    const stored = await dbFeatures(db, annotationId);
    assert.equal(rows.length, stored.length);
    assert.deepStrictEqual(Object.keys(rows[0]), FEATURE_CSV_COLUMNS);
    for (const [i, f] of stored.entries()) {
      const row = rows[i];
      const length = f.edge ? f.length - f.start + 1 + f.stop : f.stop - f.start + 1;
      assert.deepStrictEqual(
        [row.sequence, row.type, row.start, row.stop, row.strand, row.edge, row.length],
        [
          f.seqid,
          f.type,
          String(f.start),
          String(f.stop),
          f.strand,
          String(f.edge),
          String(length),
        ],
      );
      assert.equal(row.locus_tag, f.locus_tag ?? "");
      assert.equal(row.product, f.product ?? "");
      assert.equal(row.pseudo, String(f.pseudo));
      const xrefs = await db.selectFrom("xref_term_features as x")
        .innerJoin("xref_terms as t", "t.id", "x.term_id").select(["t.db", "t.accession"])
        .where("x.feature_id", "=", f.id).execute();
      assert.deepStrictEqual(
        row.db_xrefs === "" ? [] : row.db_xrefs.split(";").sort(),
        xrefs.map((x) => `${x.db}:${x.accession}`).sort(),
      );
    }
  } finally {
    await db.destroy();
  }
});

Deno.test({
  name: "formatFeatureCsv() quotes commas, quotes and line breaks so that csv readers agree",
  ignore: !pythonHas(SUITE, "csv"),
}, async () => {
  const products = [
    'protein "X", putative',
    "two\nlines",
    " leading space",
    "plain",
    "semi;colon",
  ];
  const run: BaktaRun = {
    mode: "genome",
    genome: {},
    software: {},
    sources: [],
    sequences: [{ id: "c,1", length: 100 }],
    features: products.map((product, i) => ({
      type: "cds",
      sequenceId: "c,1",
      start: 1 + i * 10,
      stop: 9 + i * 10,
      strand: "+",
      edge: false,
      product,
      hypothetical: false,
      pseudo: false,
      dbXrefs: [{ db: "EC", accession: "1.1.1.1" }, { db: "GO", accession: "GO:0000001" }],
      original: { format: "tsv", record: {} },
    })),
  };
  const text = formatFeatureCsv(run);
  assert.equal(csvCell("a,b"), '"a,b"');
  const rows = await readWithPython(text);
  assert.deepStrictEqual(rows.map((r) => r.product), products);
  assert.deepStrictEqual(rows.map((r) => r.sequence), products.map(() => "c,1"));
  assert.equal(rows[0].db_xrefs, "EC:1.1.1.1;GO:GO:0000001");
});
