import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { ParseError } from "../../src/formats/parse_error.ts";
import {
  bakrepMetadata,
  readAssemblyScanJson,
  readBakrepDataset,
  readCheckm2Json,
  readGtdbtkJson,
  readMlstJson,
} from "../../src/formats/bakrep/mod.ts";
import {
  BAKREP_SAMPLE_ID,
  BAKREP_SAMPLE_PRESENT,
  bakrepSamplePath,
  reportBakrepSample,
} from "../_bakrep_samples.ts";

reportBakrepSample("formats/bakrep_test.ts");

/** The real file, gunzipped and parsed by the platform's JSON.parse: the independent reading. */
async function rawJson(suffix: string): Promise<unknown> {
  const stream = (await Deno.open(bakrepSamplePath(suffix))).readable
    .pipeThrough(new DecompressionStream("gzip"));
  return JSON.parse(await new Response(stream).text());
}

Deno.test({
  name: "BakRep readers read the real SAMEA3231284 side files",
  ignore: !BAKREP_SAMPLE_PRESENT,
  async fn() {
    const file = (suffix: string) => Deno.readFileSync(bakrepSamplePath(suffix));
    const gtdb = await rawJson(".gtdbtk.json.gz") as {
      classification: Record<string, string>;
      fastani_reference: string;
    };
    const classification = readGtdbtkJson(file(".gtdbtk.json.gz"));
    assert.deepEqual(classification.taxonomy, gtdb.classification);
    assert.equal(classification.reference, gtdb.fastani_reference);
    assert.equal(classification.method, "ani_screen");

    const checkm2 = await rawJson(".checkm2.json.gz") as { quality: Record<string, number> };
    const quality = readCheckm2Json(file(".checkm2.json.gz"));
    assert.equal(quality.completeness, checkm2.quality.completeness);
    assert.equal(quality.contamination, checkm2.quality.contamination);

    const mlst = (await rawJson(".mlst.json.gz") as {
      scheme: string;
      sequence_type: string;
      alleles: Record<string, string>;
    }[])[0];
    const typing = readMlstJson(file(".mlst.json.gz"));
    assert.equal(typing.scheme, mlst.scheme);
    assert.equal(typing.sequenceType, mlst.sequence_type);
    assert.deepEqual(Object.fromEntries(typing.alleles), mlst.alleles);

    const scan = await rawJson(".assemblyscan.json.gz") as Record<string, string | number>;
    const stats = readAssemblyScanJson(file(".assemblyscan.json.gz"));
    assert.equal(stats.contigs, scan.total_contig);
    assert.equal(stats.length, scan.total_contig_length);
    assert.equal(stats.n50, scan.n50_contig_length);
    assert.ok(Math.abs(stats.gc - 42.9) < 1e-9);
  },
});

Deno.test({
  name: "readBakrepDataset() lists the files whose MD5 and size the real side files have",
  ignore: !BAKREP_SAMPLE_PRESENT,
  fn() {
    const dataset = readBakrepDataset(Deno.readFileSync(bakrepSamplePath(".json")));
    assert.equal(dataset.id, BAKREP_SAMPLE_ID);
    assert.equal(dataset.files.length, 9);
    const present = dataset.files.filter((f) => f.tool !== "bakta");
    assert.equal(present.length, 4);
    for (const entry of present) {
      const bytes = Deno.readFileSync(
        `${bakrepSamplePath("")}${entry.name.slice(BAKREP_SAMPLE_ID.length)}`,
      );
      assert.equal(bytes.length, entry.size, entry.name);
      assert.equal(createHash("md5").update(bytes).digest("hex"), entry.md5, entry.name);
    }
    assert.deepEqual(
      dataset.files.filter((f) => f.tool === "bakta").map((f) => f.filetype).sort(),
      ["faa", "ffn", "gbff", "gff3", "json"],
    );
  },
});

Deno.test("bakrepMetadata() names every fact under the genome metadata keys", () => {
  const metadata = bakrepMetadata({
    id: "S9",
    gtdbtk: { taxonomy: { domain: "Bacteria", species: "Streptococcus pneumoniae" }, method: "m" },
    checkm2: { completeness: 98.25, contamination: 1.5 },
    mlst: { scheme: "spneumoniae", sequenceType: "-", alleles: [["aroE", "~7"]] },
    assembly: { length: 2_000_000, contigs: 40, n50: 90_000, gc: 39.7 },
  });
  assert.deepEqual(metadata, {
    "source": "bakrep",
    "bakrep.id": "S9",
    "gtdbtk.domain": "Bacteria",
    "gtdbtk.species": "Streptococcus pneumoniae",
    "gtdbtk.method": "m",
    "checkm2.completeness": "98.25",
    "checkm2.contamination": "1.5",
    "mlst.scheme": "spneumoniae",
    "mlst.sequence_type": "-",
    "mlst.alleles": "aroE(~7)",
    "assembly.length": "2000000",
    "assembly.contigs": "40",
    "assembly.n50": "90000",
    "assembly.gc": "39.7",
  });
});

Deno.test("BakRep readers refuse bad input with the file, the JSON path and a kind", async (t) => {
  const cases: [string, () => unknown, string, RegExp][] = [
    [
      "syntax",
      () => readCheckm2Json('{"quality": ', { file: "a.checkm2.json" }),
      "InvalidJson",
      /a\.checkm2\.json line 1/,
    ],
    [
      "missing",
      () => readCheckm2Json('{"quality": {"completeness": 1}}', { file: "a.checkm2.json" }),
      "MissingField",
      /\$\.quality\.contamination is missing/,
    ],
    [
      "not a number",
      () => readCheckm2Json('{"quality": {"completeness": "lots", "contamination": 1}}'),
      "InvalidNumber",
      /\$\.quality\.completeness is string "lots": expected a number/,
    ],
    [
      "classification not an object",
      () => readGtdbtkJson('{"classification": []}', { file: "g.json" }),
      "Unexpected",
      /g\.json: \$\.classification is an array: expected an object/,
    ],
    ["two MLST results", () => readMlstJson("[{}, {}]"), "Unexpected", /\$ holds 2 MLST results/],
    [
      "allele not text",
      () => readMlstJson('[{"scheme": "x", "sequence_type": "1", "alleles": {"gdh": {}}}]'),
      "Unexpected",
      /\$\[0\]\.alleles\.gdh is an object/,
    ],
    [
      "scan field missing",
      () => readAssemblyScanJson('{"total_contig": 3}'),
      "MissingField",
      /\$\.total_contig_length is missing/,
    ],
    [
      "bad md5",
      () =>
        readBakrepDataset(
          '{"id": "S", "results": [{"url": "https://x/S.json", "md5": "zz", "size": 1}]}',
        ),
      "Unexpected",
      /\$\.results\[0\]\.md5 "zz" is not an MD5/,
    ],
    [
      "truncated gzip",
      () => readCheckm2Json(gzipSync('{"quality": {}}').subarray(0, 12), { file: "t.json.gz" }),
      "Truncated",
      /t\.json\.gz/,
    ],
  ];
  for (const [name, fn, kind, message] of cases) {
    await t.step(name, () => {
      assert.throws(fn as () => void, (e: unknown) => {
        assert.ok(e instanceof ParseError);
        assert.equal(e.kind, kind);
        assert.match(e.message, message);
        return true;
      });
    });
  }
});

Deno.test("readGtdbtkJson() round-trips the real record's shape from a gzipped buffer", () => {
  const text = JSON.stringify({
    classification: { domain: "Bacteria", phylum: "NaN", species: "" },
    classification_method: "taxonomic classification fully defined by topology",
    warnings: "NaN",
  });
  const c = readGtdbtkJson(gzipSync(text));
  assert.deepEqual(c.taxonomy, { domain: "Bacteria" });
  assert.equal(c.reference, undefined);
});
