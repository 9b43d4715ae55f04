/**
 * The 14 result keys, their extensions, and the file names presigned links announce.
 */

import assert from "node:assert/strict";
import {
  BAKTA_RESULT_FILE_EXTENSIONS,
  BAKTA_RESULT_FILE_KEYS,
  fileNameFromDownloadUrl,
  isFinalJobStatus,
  normalizeJobStatus,
  resultFileKeyOf,
} from "../../src/client/mod.ts";
import { sampleFolder } from "./_helpers.ts";

const assembly = await sampleFolder("v1.11.4-assembly");

Deno.test("BAKTA_RESULT_FILE_KEYS holds the contract's 14 keys, the ten old ones first", () => {
  assert.equal(new Set(BAKTA_RESULT_FILE_KEYS).size, 14);
  assert.deepEqual(
    Object.keys(BAKTA_RESULT_FILE_EXTENSIONS).sort(),
    [...BAKTA_RESULT_FILE_KEYS].sort(),
  );
  assert.ok(
    !BAKTA_RESULT_FILE_KEYS.slice(0, 10).some((key) =>
      ["TSVInference", "TXTLogs", "PNGCircularPlot", "SVGCircularPlot"].includes(key)
    ),
  );
});

Deno.test({
  name: "resultFileKeyOf() maps a real Bakta output folder to one file per key",
  ignore: !assembly.present,
  async fn() {
    const byKey = new Map<string, string>();
    for await (const entry of Deno.readDir(assembly.url)) {
      const key = resultFileKeyOf(entry.name);
      if (key) {
        assert.ok(!byKey.has(key), `${key}: ${byKey.get(key)} and ${entry.name}`);
        byKey.set(key, entry.name);
      }
    }
    assert.deepEqual(Object.fromEntries([...byKey].sort()), {
      EMBL: "assembly.embl",
      FAA: "assembly.faa",
      FAAHypothetical: "assembly.hypotheticals.faa",
      FFN: "assembly.ffn",
      FNA: "assembly.fna",
      GBFF: "assembly.gbff",
      GFF3: "assembly.gff3",
      JSON: "assembly.json",
      SVGCircularPlot: "assembly.svg",
      TSV: "assembly.tsv",
      TSVHypothetical: "assembly.hypotheticals.tsv",
      TSVInference: "assembly.inference.tsv",
      TXTLogs: "assembly.txt",
    });
  },
});

Deno.test("fileNameFromDownloadUrl() reads the form-encoded content disposition", () => {
  const url = "https://bucket.s3.example/jobs/1/results/result.gff3?response-content-disposition=" +
    "attachment%3B+filename%3D%22my_genome.gff3%22&X-Amz-Signature=ab";
  assert.equal(fileNameFromDownloadUrl(url), "my_genome.gff3");
  assert.equal(
    fileNameFromDownloadUrl("https://b/x?response-content-disposition=attachment"),
    undefined,
  );
  assert.equal(fileNameFromDownloadUrl("not a url"), undefined);
});

Deno.test("normalizeJobStatus() accepts SUCCESSFULL; isFinalJobStatus() knows the end states", () => {
  assert.deepEqual(
    ["INIT", "RUNNING", "SUCCESSFUL", "SUCCESSFULL", "ERROR", "successful", 3].map(
      normalizeJobStatus,
    ),
    ["INIT", "RUNNING", "SUCCESSFUL", "SUCCESSFUL", "ERROR", undefined, undefined],
  );
  assert.deepEqual(
    (["INIT", "RUNNING", "SUCCESSFUL", "ERROR"] as const).map(isFinalJobStatus),
    [false, false, true, true],
  );
});
