import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { readBaktaJson } from "../../../src/formats/bakta_json/read_bakta_json.ts";
import { normalizeBaktaJson } from "../../../src/formats/bakta_json/normalize_bakta_json.ts";
import { decodeInput } from "../../../src/formats/decode_input.ts";
import { reverseComplement } from "../../../src/export/reverse_complement.ts";
import type { ParseErrorKind } from "../../../src/formats/parse_error.ts";
import { listSamples, readSample, reportSamples } from "../../_samples.ts";
import { assertParseError } from "../_helpers.ts";

/** A Bakta 1.7-style document: `contig`, `sequence`, string db, no hypothetical flags. */
function oldDocument() {
  return {
    genome: {
      genus: "Escherichia",
      species: "coli",
      strain: null,
      complete: false,
      gram: "?",
      translation_table: 11,
    },
    stats: { no_sequences: 1, size: 20, gc: 0.5, n_ratio: 0.0, n50: 20, coding_ratio: 0.45 },
    features: [
      {
        type: "cds",
        contig: "c1",
        start: 1,
        stop: 9,
        strand: "+",
        locus: "X_00005",
        product: "hypothetical protein",
        db_xrefs: ["SO:0001217"],
        id: "XID_1",
        start_type: "ATG",
        psc: { uniref90_id: "UniRef90_A" },
      },
      {
        type: "cds",
        contig: "c1",
        start: 12,
        stop: 4,
        strand: "-",
        locus: "X_00010",
        product: "Transposase",
        pseudo: true,
        edge: true,
        db_xrefs: [],
      },
      {
        type: "tRNA",
        contig: "c1",
        start: 10,
        stop: 15,
        strand: "+",
        locus: "X_00015",
        product: "tRNA-Xxx",
        pseudogene: true,
      },
    ],
    sequences: [{
      id: "c1",
      description: "demo",
      sequence: "ACGTACGTACGTACGTACGT",
      length: 20,
      complete: false,
      type: "contig",
      topology: "circular",
    }],
    run: { start: "2023-06-05 14:18:40", end: "2023-06-05 14:23:24" },
    version: { bakta: "1.7.0", db: "5.0" },
  };
}

/** A Bakta 1.10-style document: `sequence`, `nt`, object db, flags, CRISPR. */
function newDocument() {
  return {
    genome: {
      genus: null,
      species: null,
      strain: null,
      taxon: null,
      complete: true,
      gram: "?",
      translation_table: 11,
    },
    stats: { size: 60, gc: 0.4, n_ratio: 0.0, n50: 60, n90: 60, coding_ratio: 0.5 },
    features: [
      {
        type: "crispr",
        sequence: "contig_1",
        start: 5,
        stop: 30,
        strand: "?",
        product: "CRISPR array with 2 repeats",
        db_xrefs: ["SO:0001459"],
        repeat_consensus: "AC",
        repeats: [{ strand: "?", start: 5, stop: 10 }, { strand: "?", start: 25, stop: 30 }],
        spacers: [{ strand: "?", start: 11, stop: 24, sequence: "GGGGGGGGGGGGGG" }],
      },
      {
        type: "cds",
        sequence: "contig_1",
        start: 31,
        stop: 60,
        strand: "+",
        locus: "Y_0001",
        gene: "abc",
        genes: ["abc"],
        product: "hypothetical protein",
        hypothetical: true,
        truncated: "3-prime",
        pseudogene: { inference: "x" },
        frame: 1,
        aa: "MK",
        aa_hexdigest: "d41d8cd98f00b204e9800998ecf8427e",
        db_xrefs: ["GO:GO:0005737", "UniRef:UniRef90_P12345"],
      },
    ],
    sequences: [{
      id: "contig_1",
      description: "[topology=linear]",
      nt: "A".repeat(60),
      length: 60,
      complete: true,
      type: "sequence",
      topology: "linear",
      orig_id: "orig1",
      orig_description: "orig desc",
      name: "unnamed1",
    }],
    run: { start: "s", end: "e", duration: "1.00 min" },
    version: { bakta: "1.10.1", db: { version: "5.1", type: "full" } },
  };
}

Deno.test("readBaktaJson() reads the old schema (contig, sequence, string db, pseudo flag)", () => {
  const doc = oldDocument();
  const run = readBaktaJson(JSON.stringify(doc), { file: "old.json" });
  assert.equal(run.mode, "genome");
  assert.deepEqual(run.software, { bakta: "1.7.0", db: "5.0" });
  assert.deepEqual(run.stats, {
    size: 20,
    sequenceCount: 1,
    gc: 0.5,
    nRatio: 0,
    n50: 20,
    codingRatio: 0.45,
  });
  assert.deepEqual(run.genome, {
    genus: "Escherichia",
    species: "coli",
    complete: false,
    gram: "?",
    translationTable: 11,
  });
  assert.deepEqual(run.run, { start: "2023-06-05 14:18:40", end: "2023-06-05 14:23:24" });
  assert.deepEqual(run.sources, [{
    file: "old.json",
    format: "json",
    used: ["features", "sequences", "stats", "genome", "software", "run"],
  }]);
  const [sequence] = run.sequences;
  assert.equal(sequence.nt, "ACGTACGTACGTACGTACGT");
  assert.equal(sequence.topology, "circular");
  const [cds, edge, trna] = run.features;
  assert.equal(cds.sequenceId, "c1");
  assert.equal(cds.hypothetical, true, "derived from the product when no feature has the flag");
  assert.equal(cds.pseudo, false);
  assert.deepEqual(cds.evidence, { start_type: "ATG", psc: { uniref90_id: "UniRef90_A" } });
  assert.equal(edge.edge, true);
  assert.equal(edge.start > edge.stop, true);
  assert.equal(edge.pseudo, true, "the pre-1.10 pseudo flag");
  assert.equal(edge.hypothetical, false);
  assert.equal(trna.pseudo, true, "a tRNA's pseudogene: true");
  assert.equal(trna.evidence?.pseudogene, true);
});

Deno.test("readBaktaJson() reads the new schema (sequence, nt, db object, CRISPR parts)", () => {
  const doc = newDocument();
  const run = readBaktaJson(JSON.stringify(doc));
  assert.deepEqual(run.software, { bakta: "1.10.1", db: "5.1", dbType: "full" });
  assert.equal(run.stats?.n90, 60);
  assert.equal(run.stats?.sequenceCount, 1, "from the sequences when no_sequences is absent");
  assert.equal(run.genome.taxon, undefined);
  const [sequence] = run.sequences;
  assert.deepEqual(sequence, {
    id: "contig_1",
    description: "[topology=linear]",
    length: 60,
    type: "contig",
    topology: "linear",
    complete: true,
    nt: "A".repeat(60),
    name: "unnamed1",
    origId: "orig1",
    origDescription: "orig desc",
  });
  const [crispr, cds] = run.features;
  assert.deepEqual(crispr.crisprParts, [
    { kind: "repeat", start: 5, stop: 10, strand: "?" },
    { kind: "spacer", start: 11, stop: 24, strand: "?", nt: "GGGGGGGGGGGGGG" },
    { kind: "repeat", start: 25, stop: 30, strand: "?" },
  ]);
  assert.deepEqual(crispr.evidence, { repeat_consensus: "AC" });
  assert.equal(cds.pseudo, true);
  assert.equal(cds.hypothetical, true);
  assert.equal(cds.truncated, "3-prime");
  assert.equal(cds.locusTag, "Y_0001");
  assert.deepEqual(cds.genes, ["abc"]);
  assert.equal(cds.frame, 1);
  assert.equal(cds.aa, "MK");
  assert.deepEqual(cds.dbXrefs, [
    { db: "GO", accession: "GO:0005737" },
    { db: "UniRef", accession: "UniRef90_P12345" },
  ]);
  assert.equal(cds.original.format, "json");
  assert.deepEqual(cds.original.record, doc.features[1]);
});

Deno.test("readBaktaJson() trusts the hypothetical flag when the document has flags", () => {
  const doc = newDocument();
  doc.features.push({
    ...doc.features[1],
    start: 40,
    product: "hypothetical protein",
    hypothetical: undefined,
  } as never);
  const run = readBaktaJson(JSON.stringify(doc));
  assert.equal(run.features[2].hypothetical, false);
});

Deno.test("readBaktaJson() keeps the original record object itself", () => {
  const doc = newDocument();
  const run = normalizeBaktaJson(doc);
  assert.equal(run.features[1].original.record, doc.features[1]);
});

Deno.test("readBaktaJson() tolerates bare NaN and Infinity but not inside strings", () => {
  const text = JSON.stringify(newDocument())
    .replace('"gc":0.4', '"gc":NaN')
    .replace('"n_ratio":0', '"n_ratio":-Infinity')
    .replace('"coding_ratio":0.5', '"coding_ratio":Infinity')
    .replace('"product":"hypothetical protein"', '"product":"NaN Infinity \\"NaN\\" protein"');
  const run = readBaktaJson(text);
  assert.ok(Number.isNaN(run.stats!.gc));
  assert.ok(Number.isNaN(run.stats!.nRatio));
  assert.ok(Number.isNaN(run.stats!.codingRatio));
  assert.equal(run.features[1].product, 'NaN Infinity "NaN" protein');
  assert.equal(run.stats!.size, 60);
});

Deno.test("readBaktaJson() names a bare NaN or Infinity in a coordinate as such, with its path", async (t) => {
  const cases: [word: string, field: "start" | "stop", kind: "InvalidStart" | "InvalidStop"][] = [
    ["NaN", "start", "InvalidStart"],
    ["Infinity", "stop", "InvalidStop"],
    ["-Infinity", "start", "InvalidStart"],
  ];
  for (const [word, field, kind] of cases) {
    await t.step(`${field} ${word}`, () => {
      const doc = newDocument();
      (doc.features[1] as Record<string, unknown>)[field] = 12345;
      const text = JSON.stringify(doc).replace(`"${field}":12345`, `"${field}":${word}`);
      assert.ok(text.includes(word));
      const error = assertParseError(() => readBaktaJson(text, { file: "x.json" }), kind, {
        message: new RegExp(`x\\.json: features\\[1\\]\\.${field} is ${word}: expected a positive`),
      });
      assert.doesNotMatch(error.message, /null/);
    });
  }
  // A real null is still called null.
  const doc = newDocument();
  (doc.features[0] as Record<string, unknown>).start = null;
  assertParseError(() => readBaktaJson(JSON.stringify(doc), { file: "x.json" }), "InvalidStart", {
    message: /features\[0\]\.start is null/,
  });
});

Deno.test("readBaktaJson() reads gzipped bytes", () => {
  const bytes = gzipSync(new TextEncoder().encode(JSON.stringify(newDocument())));
  assert.equal(readBaktaJson(bytes).features.length, 2);
});

Deno.test("readBaktaJson() recognizes a bakta_proteins document", () => {
  const doc = {
    features: [{
      id: "P1",
      description: "hypothetical protein",
      aa: "MK",
      length: 2,
      type: "cds",
      locus: "P1",
      product: "hypothetical protein",
      hypothetical: true,
      db_xrefs: [],
    }],
    version: { bakta: "1.12.0", db: { version: "6.0", type: "full" } },
  };
  const run = readBaktaJson(JSON.stringify(doc), { file: "p.json" });
  assert.equal(run.mode, "proteins");
  assert.deepEqual(run.features, []);
  assert.deepEqual(run.sequences, []);
  assert.deepEqual(run.proteins, doc.features);
  assert.deepEqual(run.software, { bakta: "1.12.0", db: "6.0", dbType: "full" });
  assert.deepEqual(run.sources, [{
    file: "p.json",
    format: "json",
    used: ["proteins", "software"],
  }]);
});

Deno.test("readBaktaJson() rejects JSON that is not a Bakta document", () => {
  for (const text of ["{}", "[]", "[1, 2]", '"text"', "42", "null", '{"features": {}}']) {
    assertParseError(() => readBaktaJson(text, { file: "x.json" }), "UnknownFormat", {
      message: /x\.json/,
    });
  }
});

Deno.test("readBaktaJson() reports syntax errors with offset, line and column", async (t) => {
  const cases: [text: string, offset: number, line: number, column: number][] = [
    ['{"a": 1,}', 8, 1, 9],
    ['{\n  "features": [\n    {"type": tru}\n  ]\n}', 34, 3, 17],
    ['{"features": [1 2]}', 16, 1, 17],
    ['{"a": "b\n"}', 8, 1, 9],
    ['{"a": NaN, "b": x}', 16, 1, 17],
    ["", 0, 1, 1],
  ];
  for (const [text, offset, line, column] of cases) {
    await t.step(JSON.stringify(text), () => {
      const error = assertParseError(() => readBaktaJson(text), "InvalidJson");
      assert.deepEqual([error.offset, error.line, error.column], [offset, line, column]);
    });
  }
  await t.step("truncated document", () => {
    const text = JSON.stringify(newDocument());
    const error = assertParseError(() => readBaktaJson(text.slice(0, 100)), "InvalidJson");
    assert.equal(error.offset, 100);
    assert.match(error.message, /unexpected end of input/);
  });
});

Deno.test("readBaktaJson() names the JSON path of a bad field", async (t) => {
  const cases: [
    mutate: (doc: ReturnType<typeof newDocument>) => void,
    kind: ParseErrorKind,
    detail: RegExp,
  ][] = [
    [
      (d) => ((d.features[1] as Record<string, unknown>).start = "1"),
      "InvalidStart",
      /features\[1\]\.start/,
    ],
    [
      (d) => ((d.features[1] as Record<string, unknown>).stop = 0),
      "InvalidStop",
      /features\[1\]\.stop/,
    ],
    [
      (d) => ((d.features[1] as Record<string, unknown>).strand = "x"),
      "InvalidStrand",
      /features\[1\]\.strand/,
    ],
    [
      (d) => ((d.features[1] as Record<string, unknown>).type = "gene"),
      "Unexpected",
      /features\[1\]\.type/,
    ],
    [
      (d) => ((d.features[1] as Record<string, unknown>).sequence = "nope"),
      "UnknownSequence",
      /features\[1\]\.sequence/,
    ],
    [
      (d) => (d.features[1].db_xrefs = ["GO0005737"]),
      "InvalidAttribute",
      /features\[1\]\.db_xrefs\[0\]/,
    ],
    [(d) => d.sequences.push({ ...d.sequences[0] }), "Unexpected", /duplicate sequence id/],
    [
      (d) => ((d.sequences[0] as Record<string, unknown>).topology = "round"),
      "Unexpected",
      /sequences\[0\]\.topology/,
    ],
    [
      (d) => ((d.features[1] as Record<string, unknown>).truncated = "middle"),
      "Unexpected",
      /truncated/,
    ],
  ];
  for (const [mutate, kind, detail] of cases) {
    await t.step(`${kind} ${detail.source}`, () => {
      const doc = newDocument();
      mutate(doc);
      assertParseError(() => readBaktaJson(JSON.stringify(doc), { file: "f.json" }), kind, {
        message: detail,
      });
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Real Bakta outputs from ../shared/bakta-samples (skipped, with a message, when absent).

const present = reportSamples("read_bakta_json_test");
const jsonSamples = listSamples(/\.json(\.gz)?$/);

Deno.test({
  name: "readBaktaJson() reads every sample JSON in agreement with a plain JSON.parse",
  ignore: !present,
  fn: async (t) => {
    assert.ok(jsonSamples.length >= 9, `expected the 9 sample JSONs, found ${jsonSamples.length}`);
    for (const relative of jsonSamples) {
      await t.step(relative, () => {
        const bytes = readSample(relative);
        const run = readBaktaJson(bytes, { file: relative });
        const raw = JSON.parse(decodeInput(bytes));
        assert.equal(run.sources[0].file, relative);
        assert.equal(run.software.bakta, raw.version.bakta);
        assert.equal(
          run.software.db,
          typeof raw.version.db === "string" ? raw.version.db : raw.version.db.version,
        );
        if (run.mode === "proteins") {
          assert.equal(raw.sequences, undefined);
          assert.equal(run.proteins?.length, raw.features.length);
          return;
        }
        assert.equal(run.features.length, raw.features.length);
        assert.equal(run.sequences.length, raw.sequences.length);
        for (const [i, sequence] of run.sequences.entries()) {
          const rawSequence = raw.sequences[i];
          assert.equal(sequence.id, rawSequence.id);
          assert.equal(sequence.nt, rawSequence.nt ?? rawSequence.sequence);
          assert.equal(sequence.length, sequence.nt?.length, "length matches the nucleotides");
          assert.ok(["chromosome", "plasmid", "contig"].includes(sequence.type!));
        }
        for (const [i, feature] of run.features.entries()) {
          const f = raw.features[i];
          assert.deepEqual(feature.original.record, f);
          assert.deepEqual(
            [feature.type, feature.sequenceId, feature.start, feature.stop, feature.strand],
            [f.type, f.sequence ?? f.contig, f.start, f.stop, f.strand],
          );
          assert.deepEqual(
            feature.dbXrefs.map((x) => `${x.db}:${x.accession}`),
            f.db_xrefs ?? [],
          );
          assert.equal(feature.edge, f.edge === true, "edge only where Bakta says so");
          assert.equal(feature.locusTag, f.locus ?? undefined);
          assert.equal(feature.product, f.product ?? undefined);
          // The documented fallback (product "hypothetical protein" on CDS/sORF) agrees with
          // the flag wherever Bakta wrote flags.
          if (feature.type === "cds" || feature.type === "sorf") {
            assert.equal(feature.hypothetical, f.product === "hypothetical protein");
          }
        }
        if (raw.stats) {
          assert.equal(run.stats?.size, raw.stats.size);
          assert.equal(run.stats?.sequenceCount, raw.stats.no_sequences ?? raw.sequences.length);
        }
      });
    }
  },
});

Deno.test({
  name: "readBaktaJson() reads the 1.10.0–1.10.1 sequence type 'sequence' as contig",
  ignore: !present,
  fn: () => {
    const raw = JSON.parse(
      decodeInput(readSample("json-schema-versions/bakta-result-post-1_10.json")),
    );
    assert.ok(raw.sequences.every((s: { type: string }) => s.type === "sequence"));
    const run = readBaktaJson(readSample("json-schema-versions/bakta-result-post-1_10.json"));
    assert.ok(run.sequences.every((s) => s.type === "contig"));
  },
});

Deno.test({
  name: "readBaktaJson() reads the origin-spanning CDS of v1.8.1 with edge and start > stop",
  ignore: !present,
  fn: () => {
    const run = readBaktaJson(readSample("v1.8.1-origin-spanning/TEST_6.json"));
    const edge = run.features.filter((f) => f.edge);
    assert.equal(edge.length, 1);
    assert.deepEqual([edge[0].start, edge[0].stop, edge[0].strand], [971, 141, "-"]);
    const length = run.sequences[0].length;
    // Independent check: the feature's nucleotides are the reverse complement of the sequence
    // from 971 over the origin to 141.
    const nt = run.sequences[0].nt!;
    const forward = nt.slice(970) + nt.slice(0, 141);
    assert.equal(forward.length, length - 971 + 1 + 141);
    assert.equal(edge[0].nt, reverseComplement(forward));
  },
});

Deno.test({
  name: "readBaktaJson() gives the same features for the pre-1.9 and post-1.10 JSON of one input",
  ignore: !present,
  fn: () => {
    // bakta-result-pre-1_9.json (Bakta 1.7.0, DB 5.0) and bakta-result-post-1_10.json (Bakta
    // 1.10.1, DB 5.1) annotate the same 5 contigs. Real differences Bakta made between them:
    // - 1.10 renames sequences to contig_N (the old id is kept in orig_id);
    // - 1.10 numbers locus tags by 1 with 4 digits (CPJIDC_0002), 1.7 by 5 with 5 digits
    //   (CPJIDC_00010);
    // - DB 5.1 changed some CDS/sORF annotations: product, gene, hypothetical and db_xrefs.
    // Everything else must be identical.
    const pre = readBaktaJson(readSample("json-schema-versions/bakta-result-pre-1_9.json"));
    const post = readBaktaJson(readSample("json-schema-versions/bakta-result-post-1_10.json"));
    const renamed = new Map(post.sequences.map((s) => [s.origId!, s.id]));
    assert.equal(renamed.size, pre.sequences.length);
    for (const sequence of pre.sequences) {
      const twin = post.sequences.find((s) => s.id === renamed.get(sequence.id))!;
      assert.equal(twin.nt, sequence.nt);
      assert.equal(twin.length, sequence.length);
      assert.equal(twin.topology, sequence.topology);
      assert.equal(twin.type, sequence.type);
    }
    assert.equal(pre.features.length, post.features.length);
    const changed = { product: 0, gene: 0, hypothetical: 0, dbXrefs: 0 };
    for (const [i, a] of pre.features.entries()) {
      const b = post.features[i];
      assert.deepEqual(
        [renamed.get(a.sequenceId), a.type, a.start, a.stop, a.strand, a.edge, a.pseudo],
        [b.sequenceId, b.type, b.start, b.stop, b.strand, b.edge, b.pseudo],
      );
      assert.equal(a.nt, b.nt);
      assert.equal(a.aa, b.aa);
      assert.equal(a.aaHexdigest, b.aaHexdigest);
      assert.equal(a.locusTag === undefined, b.locusTag === undefined);
      if (a.locusTag && b.locusTag) {
        const [prefixA, numberA] = a.locusTag.split("_");
        const [prefixB, numberB] = b.locusTag.split("_");
        assert.equal(prefixA, prefixB);
        assert.equal(Number(numberA), Number(numberB) * 5, `${a.locusTag} vs ${b.locusTag}`);
      }
      if (a.type !== "cds" && a.type !== "sorf") {
        assert.deepEqual([a.product, a.gene, a.dbXrefs], [b.product, b.gene, b.dbXrefs]);
      }
      if (a.product !== b.product) changed.product++;
      if (a.gene !== b.gene) changed.gene++;
      if (a.hypothetical !== b.hypothetical) changed.hypothetical++;
      if (JSON.stringify(a.dbXrefs) !== JSON.stringify(b.dbXrefs)) changed.dbXrefs++;
    }
    assert.deepEqual(changed, { product: 25, gene: 4, hypothetical: 5, dbXrefs: 55 });
  },
});
