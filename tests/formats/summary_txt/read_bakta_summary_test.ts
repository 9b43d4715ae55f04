import assert from "node:assert/strict";
import { readBaktaJson } from "../../../src/formats/bakta_json/read_bakta_json.ts";
import { decodeInput } from "../../../src/formats/decode_input.ts";
import { ParseError } from "../../../src/formats/parse_error.ts";
import { formatBaktaSummary } from "../../../src/formats/summary_txt/format_bakta_summary.ts";
import { readBaktaSummary } from "../../../src/formats/summary_txt/read_bakta_summary.ts";
import { summaryToStats } from "../../../src/formats/summary_txt/summary_to_stats.ts";
import { listSamples, readSample, reportSamples } from "../../_samples.ts";

const V1_11 = `Sequence(s):
Length: 73079
Count: 2
GC: 51.7
N50: 70606
N90: 70606
N ratio: 0.0
coding density: 84.1

Annotation:
tRNAs: 0
tmRNAs: 0
rRNAs: 0
ncRNAs: 0
ncRNA regions: 1
CRISPR arrays: 0
CDSs: 92
pseudogenes: 1
hypotheticals: 17
sORFs: 1
gaps: 0
oriCs: 0
oriVs: 1
oriTs: 0

Bakta:
Software: v1.11.4
Database: v6.0, full
DOI: 10.1099/mgen.0.000685
URL: github.com/oschwengers/bakta
`;

/** The layout of Bakta 1.4 (thousands separators, Contigs/replicons, one-line CDSs, no Bakta block). */
const V1_4 = `Sequence(s):
Length: 2,359,987
Contigs/replicons: 74
GC: 38.1
N50: 85,522
N ratio: 0.0
coding density: 87.2

Annotation:
tRNAs: 55
tmRNAs: 1
rRNAs: 6
ncRNAs: 5
ncRNA regions: 26
CRISPR arrays: 0
CDSs: 2302, hypotheticals: 273
sORFs: 0
gaps: 2
oriCs: 3
oriVs: 0
oriTs: 0
`;

Deno.test("readBaktaSummary() reads a 1.11 summary", () => {
  const summary = readBaktaSummary(V1_11);
  assert.deepEqual(summary, {
    sequences: {
      length: 73079,
      count: 2,
      gcPercent: 51.7,
      n50: 70606,
      n90: 70606,
      nRatioPercent: 0,
      codingDensityPercent: 84.1,
    },
    counts: {
      trnas: 0,
      tmrnas: 0,
      rrnas: 0,
      ncrnas: 0,
      ncrnaRegions: 1,
      crisprArrays: 0,
      cdss: 92,
      pseudogenes: 1,
      hypotheticals: 17,
      sorfs: 1,
      gaps: 0,
      oriCs: 0,
      oriVs: 1,
      oriTs: 0,
    },
    software: "1.11.4",
    db: "6.0",
    dbType: "full",
    doi: "10.1099/mgen.0.000685",
    url: "github.com/oschwengers/bakta",
    extra: {},
  });
  assert.equal(formatBaktaSummary(summary), V1_11);
});

Deno.test("readBaktaSummary() reads the 1.4 layout", () => {
  const summary = readBaktaSummary(V1_4);
  assert.equal(summary.sequences.length, 2359987);
  assert.equal(summary.sequences.count, 74);
  assert.equal(summary.sequences.n50, 85522);
  assert.equal(summary.counts.cdss, 2302);
  assert.equal(summary.counts.hypotheticals, 273);
  assert.equal(summary.counts.pseudogenes, undefined);
  assert.equal(summary.software, undefined);
});

Deno.test("readBaktaSummary() keeps unknown lines and tolerates CRLF", () => {
  const summary = readBaktaSummary(
    V1_11.replace("oriTs: 0\n", "oriTs: 0\nterminators: 3\n").replaceAll("\n", "\r\n"),
  );
  assert.deepEqual(summary.extra, { terminators: "3" });
});

Deno.test("readBaktaSummary() rejects broken summaries naming the line", async (t) => {
  const cases: [text: string, kind: string, line: number | undefined][] = [
    ["hello\n", "InvalidHeader", 1],
    ["", "InvalidHeader", 1],
    [V1_11.replace("GC: 51.7", "GC: lots"), "InvalidNumber", 4],
    [V1_11.replace("CDSs: 92", "CDSs: 9.2"), "InvalidNumber", 17],
    [V1_11.replace("CDSs: 92", "CDSs 92"), "Unexpected", 17],
    [V1_11.replace("tmRNAs: 0\n", ""), "MissingColumn", undefined],
    [V1_11.replace("N50: 70606\n", ""), "MissingColumn", undefined],
  ];
  for (const [text, kind, line] of cases) {
    await t.step(`${kind} ${line}`, () => {
      assert.throws(
        () => readBaktaSummary(text, { file: "s.txt" }),
        (e: unknown) =>
          e instanceof ParseError && e.kind === kind && (line === undefined || e.line === line),
      );
    });
  }
});

Deno.test("summaryToStats() turns percentages into fractions", () => {
  const stats = summaryToStats(readBaktaSummary(V1_11));
  assert.deepEqual(stats, {
    size: 73079,
    sequenceCount: 2,
    gc: 0.517,
    nRatio: 0,
    n50: 70606,
    n90: 70606,
    codingRatio: 0.841,
  });
});

const present = reportSamples("read_bakta_summary_test");

Deno.test({
  name: "readBaktaSummary() reads every sample summary with plausible numbers and writes it back",
  ignore: !present,
  fn: async (t) => {
    const files = listSamples(/\.txt$/);
    assert.ok(files.length >= 18, `found ${files.length}`);
    for (const relative of files) {
      await t.step(relative, () => {
        const text = decodeInput(readSample(relative));
        const summary = readBaktaSummary(text, { file: relative });
        const { sequences: s, counts: c } = summary;
        assert.ok(s.length > 0 && s.count > 0 && s.count <= s.length);
        assert.ok(s.n50 > 0 && s.n50 <= s.length);
        if (s.n90 !== undefined) assert.ok(s.n90 <= s.n50);
        assert.ok(s.gcPercent > 20 && s.gcPercent < 80, `GC ${s.gcPercent}`);
        assert.ok(s.codingDensityPercent > 0 && s.codingDensityPercent <= 100);
        assert.ok(s.nRatioPercent >= 0 && s.nRatioPercent <= 100);
        assert.ok(c.cdss > 0);
        assert.ok(c.hypotheticals <= c.cdss && (c.pseudogenes ?? 0) <= c.cdss);
        // Roughly one gene per kilobase in bacteria.
        assert.ok(c.cdss > s.length / 3000 && c.cdss < s.length / 300, `${c.cdss} CDSs`);
        assert.match(summary.software ?? "", /^1\.\d+\.\d+$/);
        assert.match(summary.db ?? "", /^\d+\.\d+$/);
        assert.deepEqual(summary.extra, {});
        assert.equal(formatBaktaSummary(summary), text, "byte-identical round trip");
      });
    }
  },
});

Deno.test({
  name: "readBaktaSummary() agrees with the JSON stats of the same run",
  ignore: !present,
  fn: async (t) => {
    for (const prefix of ["v1.11.4-assembly/assembly", "v1.8.1-origin-spanning/TEST_6"]) {
      await t.step(prefix, () => {
        const summary = readBaktaSummary(readSample(prefix + ".txt"));
        const json = readBaktaJson(readSample(prefix + ".json"));
        const stats = json.stats!;
        assert.equal(summary.sequences.length, stats.size);
        assert.equal(summary.sequences.count, stats.sequenceCount);
        assert.equal(summary.sequences.n50, stats.n50);
        assert.equal(summary.sequences.n90, stats.n90);
        assert.equal(summary.sequences.gcPercent, Number((stats.gc * 100).toFixed(1)));
        assert.equal(
          summary.sequences.codingDensityPercent,
          Number((stats.codingRatio * 100).toFixed(1)),
        );
        assert.equal(summary.software, json.software.bakta);
        assert.equal(summary.db, json.software.db);
        assert.equal(summary.dbType, json.software.dbType);
      });
    }
  },
});
