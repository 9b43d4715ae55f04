import assert from "node:assert/strict";
import fc from "fast-check";
import { readBaktaJson } from "../../src/formats/bakta_json/read_bakta_json.ts";
import { checkFeatureBounds } from "../../src/formats/check_feature_bounds.ts";
import { readEmbl } from "../../src/formats/embl/read_embl.ts";
import { readGenbank } from "../../src/formats/genbank/read_genbank.ts";
import { readGff3 } from "../../src/formats/gff3/read_gff3.ts";
import type { BaktaRun, Topology } from "../../src/formats/model.ts";
import { ParseError } from "../../src/formats/parse_error.ts";
import { readResultFolder } from "../../src/formats/result_folder.ts";
import { assertParseError } from "./_helpers.ts";

const TESTDATA = new URL("../testdata/", import.meta.url);
const MINI_GFF3 = Deno.readTextFileSync(new URL("bakta_mini.gff3", TESTDATA));
const MINI_GBFF = Deno.readTextFileSync(new URL("bakta_mini.gbff", TESTDATA));
const MINI_EMBL = Deno.readTextFileSync(new URL("bakta_mini.embl", TESTDATA));

/** The 1-based number of the first line of `text` that starts with `prefix`. */
function lineOf(text: string, prefix: string): number {
  return text.split("\n").findIndex((line) => line.startsWith(prefix)) + 1;
}

/** A Bakta JSON document of one sequence and the given features (CDSs unless a type is given). */
function jsonDocument(topology: Topology, features: Record<string, unknown>[]): string {
  return JSON.stringify({
    version: { bakta: "1.9.4", db: { version: "5.1", type: "full" } },
    sequences: [{ id: "contig_1", length: 1330, topology, type: "contig" }],
    features: features.map((f, i) => ({
      type: "cds",
      sequence: "contig_1",
      strand: "+",
      locus: `X_${i + 1}`,
      ...f,
    })),
  });
}

const TSV_HEADER = "#Sequence Id\tType\tStart\tStop\tStrand\tLocus Tag\tGene\tProduct\tDbXrefs\n";
const FNA_1330 = `>contig_1 [topology=linear]\n${"ACGT".repeat(332)}AC\n`;

Deno.test("readBaktaJson() rejects coordinates that do not fit the sequence, naming the path", async (t) => {
  await t.step("a stop past the end (the issue's 999999 on 1,330 bp)", () => {
    const text = jsonDocument("linear", [{ start: 10, stop: 90 }, { start: 1, stop: 999999 }]);
    assertParseError(() => readBaktaJson(text, { file: "x.json" }), "BeyondSequence", {
      message:
        /^Cannot parse x\.json: features\[1\]\.stop: cds X_2 1\.\.999999: stop 999999 lies past the end of linear sequence "contig_1" \(1330 bp\)$/,
    });
  });
  await t.step("a start past the end", () => {
    const text = jsonDocument("circular", [{ start: 1400, stop: 1500 }]);
    assertParseError(() => readBaktaJson(text, { file: "x.json" }), "BeyondSequence", {
      message: /features\[0\]\.start: cds X_1 1400\.\.1500: start 1400 lies past the end/,
    });
  });
  await t.step("an origin-spanning feature on a linear sequence", () => {
    const text = jsonDocument("linear", [{ start: 971, stop: 141, edge: true }]);
    assertParseError(() => readBaktaJson(text, { file: "x.json" }), "LinearOriginSpan", {
      message: /features\[0\]: cds X_1 971\.\.141: crosses the origin of linear sequence/,
    });
  });
  await t.step("a CRISPR spacer past the end", () => {
    const text = jsonDocument("linear", [{
      type: "crispr",
      locus: undefined,
      id: "CR_1",
      start: 1200,
      stop: 1330,
      strand: "?",
      repeats: [{ start: 1200, stop: 1230 }],
      spacers: [{ start: 1231, stop: 1340 }],
    }]);
    assertParseError(() => readBaktaJson(text, { file: "x.json" }), "BeyondSequence", {
      message: /crispr CR_1 1200\.\.1330: its spacer 1231\.\.1340 stop 1340 lies past the end/,
    });
  });
  await t.step("circular wrap stays as it is", () => {
    const run = readBaktaJson(jsonDocument("circular", [{ start: 971, stop: 141, edge: true }]));
    assert.deepEqual([run.features[0].start, run.features[0].stop, run.features[0].edge], [
      971,
      141,
      true,
    ]);
  });
});

Deno.test("readGff3() rejects an end past a linear sequence instead of wrapping it (issue #20)", async (t) => {
  // mini_1 made linear: the CDS 971..1471 that crossed its origin no longer fits.
  const linear = MINI_GFF3.replace("Name=mini_1;Is_circular=true", "Name=mini_1");
  await t.step("the origin-spanning form on a linear sequence", () => {
    assertParseError(() => readGff3(linear, { file: "x.gff3" }), "BeyondSequence", {
      line: lineOf(linear, "mini_1\tPyrodigal\tCDS\t971\t1471"),
      message:
        /^Cannot parse x\.gff3 line \d+: cds MINI_005 971\.\.1471: stop 1471 lies past the end of linear sequence "mini_1" \(1330 bp\)$/,
    });
  });
  await t.step("the issue's end 1400 is not stored as 413..70", () => {
    const text = linear.replace(
      "mini_1\tPyrodigal\tCDS\t971\t1471",
      "mini_1\tPyrodigal\tCDS\t413\t1400",
    );
    assertParseError(() => readGff3(text, { file: "x.gff3" }), "BeyondSequence", {
      message: /cds MINI_005 413\.\.1400: stop 1400 lies past the end of linear sequence/,
    });
  });
  await t.step("a CRISPR part past the end of a linear sequence", () => {
    const text = linear.replace(/(\tcrispr-spacer\t\d+\t)\d+/, "$11400");
    assertParseError(() => readGff3(text, { file: "x.gff3" }), "BeyondSequence", {
      message: /crispr MININBEGN_2 .*: its spacer \d+\.\.1400 stop 1400 lies past the end/,
    });
  });
  await t.step("the circular original still reads its origin-spanning CDS", () => {
    const cds = readGff3(MINI_GFF3).features.find((f) => f.locusTag === "MINI_005")!;
    assert.deepEqual([cds.start, cds.stop, cds.edge], [971, 141, true]);
  });
});

Deno.test("readGenbank() and readEmbl() reject locations that do not fit their record", async (t) => {
  await t.step("GenBank: a join across the origin of a linear record", () => {
    const text = MINI_GBFF.replace(/^(LOCUS .*)circular/m, "$1linear  ");
    assertParseError(() => readGenbank(text, { file: "x.gbff" }), "LinearOriginSpan", {
      line: lineOf(text, "     CDS             complement(join(971..1330,"),
      message: /cds MINI_005 971\.\.141: crosses the origin of linear sequence "mini_1"/,
    });
  });
  await t.step("EMBL: a location past the end, named by its locus tag", () => {
    const text = MINI_EMBL.replace(
      "FT   tRNA            120..200",
      "FT   tRNA            120..260",
    );
    assertParseError(() => readEmbl(text, { file: "x.embl" }), "BeyondSequence", {
      line: lineOf(text, "FT   tRNA "),
      message: /^Cannot parse x\.embl line \d+: tRNA EMB_002 120\.\.260: stop 260 lies past/,
    });
  });
  await t.step("EMBL: a join across the origin of a linear record", () => {
    const text = MINI_EMBL.replace(
      "FT   oriT            210..240",
      "FT   oriT            join(210..250,1..5)",
    );
    assertParseError(() => readEmbl(text, { file: "x.embl" }), "LinearOriginSpan", {
      line: lineOf(text, "FT   oriT "),
      message: /oriT #3 210\.\.5: crosses the origin of linear sequence "mini_e" \(250 bp\)/,
    });
  });
});

Deno.test("readResultFolder() checks a TSV's coordinates against the sequences of its .fna", async (t) => {
  const dir = await Deno.makeTempDir();
  try {
    const cases: [string, string, "BeyondSequence" | "LinearOriginSpan", RegExp][] = [
      [
        "a stop past the end",
        "contig_1\tcds\t10\t1400\t+\tX_1\t\tsome protein\t\n",
        "BeyondSequence",
        /x\.tsv line 2: cds X_1 10\.\.1400: stop 1400 lies past the end of linear/,
      ],
      [
        "an origin-spanning row on a linear sequence",
        "contig_1\tcds\t971\t141\t-\tX_1\t\tsome protein\t\n",
        "LinearOriginSpan",
        /x\.tsv line 2: cds X_1 971\.\.141: crosses the origin of linear sequence "contig_1"/,
      ],
    ];
    for (const [name, row, kind, message] of cases) {
      await t.step(name, async () => {
        await Deno.writeTextFile(`${dir}/x.tsv`, TSV_HEADER + row);
        await Deno.writeTextFile(`${dir}/x.fna`, FNA_1330);
        const error = await readResultFolder(dir).then(() => undefined, (e) => e);
        assert.ok(error instanceof ParseError, String(error));
        assert.equal(error.kind, kind, error.message);
        assert.match(error.message, message);
      });
    }
    await t.step("the same rows with a circular .fna read", async () => {
      await Deno.writeTextFile(
        `${dir}/x.tsv`,
        TSV_HEADER + "contig_1\tcds\t971\t141\t-\tX_1\t\tsome protein\t\n",
      );
      await Deno.writeTextFile(`${dir}/x.fna`, FNA_1330.replace("linear", "circular"));
      const run = await readResultFolder(dir);
      assert.equal(run.features[0].edge, true);
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

/** What a call throws, or undefined when it returns. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** Independent truth: walk the model's span base by base from start; every base must exist. */
function fitsBruteForce(start: number, stop: number, length: number, circular: boolean): boolean {
  let at = start;
  for (let steps = 0; steps < length; steps++) {
    if (at > length) return false;
    if (at === stop) return true;
    at = at === length && circular ? 1 : at + 1;
  }
  return false;
}

/** Independent truth for GFF3 columns: walk start..end, wrapping on circular, no base twice. */
function gff3FitsBruteForce(start: number, end: number, length: number, circular: boolean) {
  const seen = new Set<number>();
  let at = start;
  for (let i = start; i <= end; i++) {
    if (at > length || seen.has(at)) return false;
    seen.add(at);
    at = at === length && circular ? 1 : at + 1;
  }
  return true;
}

Deno.test("checkFeatureBounds() accepts exactly the spans a base-by-base walk finds on the sequence", () => {
  const span = fc.record({
    length: fc.integer({ min: 1, max: 60 }),
    circular: fc.boolean(),
    start: fc.integer({ min: 1, max: 130 }),
    stop: fc.integer({ min: 1, max: 130 }),
  });
  fc.assert(
    fc.property(span, ({ length, circular, start, stop }) => {
      const run: BaktaRun = {
        mode: "genome",
        genome: {},
        software: {},
        sources: [],
        sequences: [{ id: "c", length, topology: circular ? "circular" : "linear" }],
        features: [{
          type: "gap",
          sequenceId: "c",
          start,
          stop,
          strand: ".",
          edge: start > stop,
          hypothetical: false,
          pseudo: false,
          dbXrefs: [],
          original: { format: "tsv", record: { line: 7, text: "" } },
        }],
      };
      const expected = fitsBruteForce(start, stop, length, circular);
      const error = thrown(() => checkFeatureBounds(run, "x.tsv"));
      assert.equal(error === undefined, expected, `${start}..${stop} on ${length} (${circular})`);
      if (error !== undefined) {
        assert.ok(error instanceof ParseError);
        assert.equal(error.line, 7);
        assert.ok(["BeyondSequence", "LinearOriginSpan"].includes(error.kind), error.kind);
      }
    }),
    { seed: 2026_12_06, numRuns: 2000 },
  );
});

Deno.test("readGff3() agrees with the base-by-base walk on random ends, circular or linear", () => {
  const line = fc.record({
    length: fc.integer({ min: 5, max: 60 }),
    circular: fc.boolean(),
    start: fc.integer({ min: 1, max: 130 }),
    width: fc.integer({ min: 0, max: 130 }),
  });
  fc.assert(
    fc.property(line, ({ length, circular, start, width }) => {
      const end = start + width;
      const text = `##gff-version 3\n##sequence-region c 1 ${length}\n` +
        `c\tBakta\tregion\t1\t${length}\t.\t+\t.\tID=c${circular ? ";Is_circular=true" : ""}\n` +
        `c\tPyrodigal\tCDS\t${start}\t${end}\t.\t+\t0\tID=X_1;locus_tag=X_1\n`;
      const error = thrown(() => readGff3(text, { file: "x.gff3" }));
      const expected = gff3FitsBruteForce(start, end, length, circular);
      assert.equal(error === undefined, expected, `${start}..${end} on ${length} (${circular})`);
      if (error !== undefined) assert.ok(error instanceof ParseError && error.line === 4);
    }),
    { seed: 2026_12_06, numRuns: 1000 },
  );
});

Deno.test("readGff3() names the line of a feature on a sequence the file does not declare", () => {
  const lines = [
    "##gff-version 3",
    "##sequence-region c1 1 100",
    "c1\tBakta\tregion\t1\t100\t.\t+\t.\tID=c1;Name=c1",
    "c1\tProdigal\tCDS\t1\t9\t.\t+\t0\tID=X_1;locus_tag=X_1",
    "c2\tProdigal\tCDS\t1\t9\t.\t+\t0\tID=X_2;locus_tag=X_2",
  ];
  assert.throws(() => readGff3(lines.join("\n"), { file: "x.gff3" }), (error: unknown) => {
    assert.ok(error instanceof ParseError);
    assert.equal(error.kind, "UnknownSequence");
    assert.equal(error.line, lines.findIndex((l) => l.startsWith("c2")) + 1);
    assert.match(
      error.message,
      /^Cannot parse x\.gff3 line 5: .*"c2", which the run does not list/,
    );
    return true;
  });
});
