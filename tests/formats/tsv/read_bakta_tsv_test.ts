import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { readBaktaJson } from "../../../src/formats/bakta_json/read_bakta_json.ts";
import { decodeInput } from "../../../src/formats/decode_input.ts";
import type { ParseErrorKind } from "../../../src/formats/parse_error.ts";
import { formatBaktaTsv } from "../../../src/formats/tsv/format_bakta_tsv.ts";
import { readBaktaTsv, type TsvOriginalRecord } from "../../../src/formats/tsv/read_bakta_tsv.ts";
import { listSamples, readSample, reportSamples } from "../../_samples.ts";
import { assertParseError } from "../_helpers.ts";

const HEADER = "#Sequence Id\tType\tStart\tStop\tStrand\tLocus Tag\tGene\tProduct\tDbXrefs\n";
const NEW_STYLE = "# Annotated with Bakta\n# Software: v1.9.4\n# Database: v5.1, full\n" +
  "# DOI: 10.1099/mgen.0.000685\n# URL: github.com/oschwengers/bakta\n" + HEADER;
const OLD_STYLE = "#Annotated with Bakta (v1.4.0): https://github.com/oschwengers/bakta\n" +
  "#Database (v3.1): https://doi.org/10.5281/zenodo.4247252\n" + HEADER;

Deno.test("readBaktaTsv() reads both header styles", () => {
  const row = "c1\tcds\t1\t9\t+\tX_00005\t\thypothetical protein\t\n";
  assert.deepEqual(readBaktaTsv(NEW_STYLE + row).software, {
    bakta: "1.9.4",
    db: "5.1",
    dbType: "full",
  });
  assert.deepEqual(readBaktaTsv(OLD_STYLE + row).software, { bakta: "1.4.0", db: "3.1" });
});

Deno.test("readBaktaTsv() turns product prefixes into flags and strips them", async (t) => {
  const cases: [product: string, pseudo: boolean, truncated: string | undefined, rest: string][] = [
    ["(pseudo) ABC transporter", true, undefined, "ABC transporter"],
    ["(5' truncated) RepB", false, "5-prime", "RepB"],
    ["(3' truncated) Erm(C)", false, "3-prime", "Erm(C)"],
    ["(partial) DnaA", false, "both", "DnaA"],
    ["(p)ppGpp synthetase", false, undefined, "(p)ppGpp synthetase"],
    ["(pseudo) (partial) x", true, undefined, "(partial) x"],
  ];
  for (const [product, pseudo, truncated, rest] of cases) {
    await t.step(product, () => {
      const [feature] =
        readBaktaTsv(NEW_STYLE + `c1\tcds\t1\t9\t+\tX_1\t\t${product}\t\n`).features;
      assert.deepEqual([feature.pseudo, feature.truncated, feature.product], [
        pseudo,
        truncated,
        rest,
      ]);
    });
  }
});

Deno.test("readBaktaTsv() reads types, origin-spanning rows, xrefs and empty cells", () => {
  const text = NEW_STYLE +
    "c1\tcds\t971\t141\t-\tX_00010\tabc\thypothetical protein\tGO:GO:0005737, SO:0001217\n" +
    "c1\tassembly_gap\t200\t399\t?\t\t\tgap\t\n" +
    "c1\tgap\t500\t509\t?\t\t\t\t\n" +
    "c1\tncRNA-region\t600\t700\t+\t\t\tsome region\tRFAM:RF00001\n" +
    "c2\tsorf\t10\t60\t-\tX_00015\t\tsmall protein\t\n";
  const run = readBaktaTsv(text, { file: "a.tsv" });
  const [cds, bigGap, gap, region, sorf] = run.features;
  assert.deepEqual(
    [cds.start, cds.stop, cds.edge, cds.hypothetical, cds.gene, cds.locusTag],
    [971, 141, true, true, "abc", "X_00010"],
  );
  assert.deepEqual(cds.dbXrefs, [
    { db: "GO", accession: "GO:0005737" },
    { db: "SO", accession: "0001217" },
  ]);
  assert.equal(bigGap.type, "gap");
  assert.equal(gap.type, "gap");
  assert.equal(gap.product, undefined);
  assert.equal(gap.locusTag, undefined);
  assert.equal(region.type, "ncRNA-region");
  assert.equal(sorf.sequenceId, "c2");
  assert.equal(sorf.hypothetical, false);
  assert.deepEqual(run.sequences, []);
  assert.deepEqual(run.sources, [{ file: "a.tsv", format: "tsv", used: ["features", "software"] }]);
  const record = cds.original.record as TsvOriginalRecord;
  assert.equal(record.line, 7);
  assert.equal(record.text.split("\t").length, 9);
});

Deno.test('readBaktaTsv() splits DbXrefs at ", " only, as Bakta joins them', () => {
  const run = readBaktaTsv(
    NEW_STYLE + "c1\tcds\t1\t9\t+\tX_1\t\tp\tEC:1.1.1,2, GO:0005737,x, SO:0001217,\n",
  );
  assert.deepEqual(run.features[0].dbXrefs, [
    { db: "EC", accession: "1.1.1,2" },
    { db: "GO", accession: "0005737,x" },
    { db: "SO", accession: "0001217," },
  ]);
});

Deno.test("readBaktaTsv() attaches CRISPR repeat and spacer rows to their array", () => {
  const text = NEW_STYLE +
    "c1\tcrispr\t10\t40\t?\t\t\tCRISPR array with 2 repeats\tSO:0001459\n" +
    "c1\tcrispr-repeat\t10\t15\t?\t\t\tCRISPR repeat\t\n" +
    "c1\tcrispr-spacer\t16\t34\t?\t\t\tCRISPR spacer, sequence ACGTACGTACGTACGTACG\t\n" +
    "c1\tcrispr-repeat\t35\t40\t?\t\t\tCRISPR repeat\t\n" +
    "c1\tcds\t50\t90\t+\tX_1\t\tp\t\n";
  const run = readBaktaTsv(text);
  assert.equal(run.features.length, 2);
  assert.deepEqual(run.features[0].crisprParts, [
    { kind: "repeat", start: 10, stop: 15, strand: "?" },
    { kind: "spacer", start: 16, stop: 34, strand: "?", nt: "ACGTACGTACGTACGTACG" },
    { kind: "repeat", start: 35, stop: 40, strand: "?" },
  ]);
  assert.equal((run.features[0].original.record as TsvOriginalRecord).parts?.length, 3);
});

Deno.test("readBaktaTsv() reads gzipped bytes and CRLF line ends", () => {
  const text = (NEW_STYLE + "c1\tcds\t1\t9\t+\tX_1\t\tp\tSO:1\n").replaceAll("\n", "\r\n");
  const run = readBaktaTsv(gzipSync(new TextEncoder().encode(text)));
  assert.equal(run.features[0].dbXrefs[0].accession, "1");
  assert.equal(run.software.dbType, "full");
});

Deno.test("readBaktaTsv() reads the bakta_proteins TSV as a proteins run", () => {
  const text = "#Annotated with Bakta (v1.12.0): https://github.com/oschwengers/bakta\n" +
    "#Database (v6.0): https://doi.org/10.5281/zenodo.4247252\n" +
    "ID\tLength\tGene\tProduct\tEC\tGO\tCOG\tRefSeq\tUniParc\tUniRef\n" +
    "P1\t297\tdnaA\tDnaA\t1.1.1.1\tGO:0005737\tCOG0593,L\tWP_1.1\tUPI1\tUniRef90_A,UniRef50_B\n";
  const run = readBaktaTsv(text);
  assert.equal(run.mode, "proteins");
  assert.deepEqual(run.proteins, [{
    id: "P1",
    locus: "P1",
    length: 297,
    gene: "dnaA",
    product: "DnaA",
    db_xrefs: [
      "EC:1.1.1.1",
      "GO:0005737",
      "COG:COG0593",
      "COG:L",
      "RefSeq:WP_1.1",
      "UniParc:UPI1",
      "UniRef:UniRef90_A",
      "UniRef:UniRef50_B",
    ],
  }]);
});

Deno.test("readBaktaTsv() names the line of each problem", async (t) => {
  const cases: [row: string, kind: ParseErrorKind][] = [
    ["c1\tcds\t1\t9\t+\tX_1\t\tp", "MissingColumn"],
    ["c1\tcds\t1\t9\t+\tX_1\t\tp\t\textra", "Unexpected"],
    ["c1\tcds\tx\t9\t+\tX_1\t\tp\t", "InvalidStart"],
    ["c1\tcds\t0\t9\t+\tX_1\t\tp\t", "InvalidStart"],
    ["c1\tcds\t1\t-9\t+\tX_1\t\tp\t", "InvalidStop"],
    ["c1\tcds\t1\t9\t++\tX_1\t\tp\t", "InvalidStrand"],
    ["c1\tgene\t1\t9\t+\tX_1\t\tp\t", "Unexpected"],
    ["c1\tconstructor\t1\t9\t+\tX_1\t\tp\t", "Unexpected"],
    ["c1\tcds\t1\t9\t+\tX_1\t\tp\tnocolon", "InvalidAttribute"],
    ["c1\tcds\t1\t9\t+\tX_1\t\tp\tSO:1, ", "InvalidAttribute"],
    ["\tcds\t1\t9\t+\tX_1\t\tp\t", "MissingColumn"],
    ["c1\tcrispr-repeat\t1\t9\t?\t\t\tCRISPR repeat\t", "Unexpected"],
  ];
  for (const [row, kind] of cases) {
    await t.step(JSON.stringify(row), () => {
      const error = assertParseError(
        () =>
          readBaktaTsv(NEW_STYLE + "c1\tcds\t1\t9\t+\tX_0\t\tp\t\n" + row + "\n", {
            file: "f.tsv",
          }),
        kind,
        { line: 8 },
      );
      assert.match(error.message, /^Cannot parse f\.tsv line 8/);
    });
  }
  await t.step("no header", () => {
    assertParseError(() => readBaktaTsv("c1\tcds\t1\t9\t+\tX_1\t\tp\t\n"), "InvalidHeader", {
      line: 1,
    });
    assertParseError(() => readBaktaTsv("# Software: v1.9.4\n"), "InvalidHeader");
    assertParseError(() => readBaktaTsv(""), "InvalidHeader");
  });
});

Deno.test("formatBaktaTsv() round-trips readBaktaTsv() text", () => {
  const text = NEW_STYLE +
    "c1\tcrispr\t10\t40\t?\t\t\tCRISPR array\tSO:0001459\n" +
    "c1\tcrispr-repeat\t10\t15\t?\t\t\tCRISPR repeat\t\n" +
    "c1\tcrispr-spacer\t16\t34\t?\t\t\tCRISPR spacer, sequence ACGTACGTACGTACGTACG\t\n" +
    "c1\tcrispr-repeat\t35\t40\t?\t\t\tCRISPR repeat\t\n" +
    "c1\tcds\t971\t141\t-\tX_2\tabc\t(3' truncated) p\tGO:0005737, SO:0001217\n" +
    "c1\tassembly_gap\t200\t399\t?\t\t\tgap\t\n" +
    "c1\tgap\t500\t509\t?\t\t\t\t\n";
  assert.equal(formatBaktaTsv(readBaktaTsv(text)), text);
});

// ---------------------------------------------------------------------------------------------
// Real Bakta outputs.

const present = reportSamples("read_bakta_tsv_test");

Deno.test({
  name: "readBaktaTsv() reads every sample feature TSV and formatBaktaTsv() writes it back",
  ignore: !present,
  fn: async (t) => {
    const files = listSamples(/(?<!inference|hypotheticals)\.tsv(\.gz)?$/);
    assert.ok(files.length >= 4, `found ${files.join(", ")}`);
    for (const relative of files) {
      await t.step(relative, () => {
        const text = decodeInput(readSample(relative));
        const run = readBaktaTsv(text, { file: relative });
        const rows = text.split("\n").filter((l) => l !== "" && !l.startsWith("#"));
        if (run.mode === "proteins") {
          assert.equal(run.proteins?.length, rows.length - 1); // minus the ID header
          return;
        }
        const parts = run.features.reduce((n, f) => n + (f.crisprParts?.length ?? 0), 0);
        assert.equal(run.features.length + parts, rows.length);
        assert.equal(formatBaktaTsv(run), text, "byte-identical round trip");
      });
    }
  },
});

// The same Bakta run written as JSON and as TSV.
const SAME_RUN = ["v1.11.4-assembly/assembly", "v1.8.1-origin-spanning/TEST_6"];

Deno.test({
  name: "readBaktaTsv() agrees with readBaktaJson() of the same run on every feature",
  ignore: !present,
  fn: async (t) => {
    for (const prefix of SAME_RUN) {
      await t.step(prefix, () => {
        const json = readBaktaJson(readSample(prefix + ".json"));
        const tsv = readBaktaTsv(readSample(prefix + ".tsv"));
        assert.equal(tsv.features.length, json.features.length);
        assert.deepEqual(tsv.software, json.software);
        const fields = (f: (typeof json.features)[number]) => ({
          type: f.type,
          sequenceId: f.sequenceId,
          start: f.start,
          stop: f.stop,
          strand: f.strand,
          edge: f.edge,
          locusTag: f.locusTag,
          gene: f.gene,
          product: f.product,
          hypothetical: f.hypothetical,
          pseudo: f.pseudo,
          // The TSV hides the truncation of a pseudogene behind "(pseudo)".
          truncated: f.pseudo ? undefined : f.truncated,
          dbXrefs: f.dbXrefs.map((x) => `${x.db}:${x.accession}`).sort(),
        });
        for (const [i, feature] of json.features.entries()) {
          assert.deepEqual(fields(tsv.features[i]), fields(feature), `feature ${i}`);
        }
        assert.ok(json.features.some((f) => f.pseudo || f.truncated || f.edge));
      });
    }
  },
});

Deno.test({
  name: "formatBaktaTsv() of a JSON run writes exactly the TSV Bakta wrote",
  ignore: !present,
  fn: async (t) => {
    for (const prefix of SAME_RUN) {
      await t.step(prefix, () => {
        const json = readBaktaJson(readSample(prefix + ".json"));
        assert.equal(formatBaktaTsv(json), decodeInput(readSample(prefix + ".tsv")));
      });
    }
  },
});

Deno.test({
  name: "readBaktaTsv() reads the CRISPR array of CI-8050 with its 17 repeats",
  ignore: !present,
  fn: () => {
    const run = readBaktaTsv(readSample("v1.9.4-efaecalis-CI-8050/CI-8050.tsv"));
    const arrays = run.features.filter((f) => f.type === "crispr");
    assert.equal(arrays.length, 1);
    const parts = arrays[0].crisprParts!;
    const repeats = parts.filter((p) => p.kind === "repeat");
    assert.match(arrays[0].product!, /with 17 repeats of length 36/);
    assert.equal(repeats.length, 17);
    assert.ok(repeats.every((r) => r.stop - r.start + 1 === 36));
    const spacers = parts.filter((p) => p.kind === "spacer");
    // As many as the file's crispr-spacer rows: a non-empty list, so that every() below can fail.
    const text = new TextDecoder().decode(readSample("v1.9.4-efaecalis-CI-8050/CI-8050.tsv"));
    const spacerRows = text.split("\n").filter((row) => row.split("\t")[1] === "crispr-spacer");
    assert.ok(spacerRows.length > 0);
    assert.equal(spacers.length, spacerRows.length);
    assert.ok(spacers.every((s) => s.nt?.length === s.stop - s.start + 1));
    assert.ok(parts.every((p) => p.start >= arrays[0].start && p.stop <= arrays[0].stop));
  },
});
