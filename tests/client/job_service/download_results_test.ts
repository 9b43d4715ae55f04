import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import {
  downloadJobResults,
  JobServiceError,
  verifyResultFile,
} from "../../../src/client/job_service/mod.ts";
import { BAKTA_RESULT_FILE_KEYS } from "../../../src/client/result_files.ts";
import { startBaktaStandIn } from "../../../src/testing/bakta_stand_in/mod.ts";
import { fastClient } from "../_helpers.ts";

Deno.test("verifyResultFile() catches truncated JSON, damaged gzip and wrong headers", async (t) => {
  const dir = await Deno.makeTempDir();
  const check = async (
    name: string,
    bytes: Uint8Array | string,
    key: Parameters<typeof verifyResultFile>[1],
  ) => {
    const path = `${dir}/${name}`;
    if (typeof bytes === "string") await Deno.writeTextFile(path, bytes);
    else await Deno.writeFile(path, bytes);
    return await verifyResultFile(path, key).then(() => undefined, (e) => e);
  };
  try {
    await t.step("good files pass", async () => {
      assert.equal(await check("a.json", '{"features": []}', "JSON"), undefined);
      assert.equal(await check("a.gff3", "##gff-version 3\n", "GFF3"), undefined);
      assert.equal(
        await check("a.json.gz", gzipSync(new TextEncoder().encode("{}")), "JSON"),
        undefined,
      );
      assert.equal(await check("a.tsv", "#x\ty\n", "TSV"), undefined);
    });
    await t.step("truncated JSON", async () => {
      const error = await check("b.json", '{"features": [', "JSON");
      assert.ok(error instanceof JobServiceError);
      assert.equal(error.kind, "DamagedDownload");
      assert.match(error.message, /b\.json" is not valid JSON/);
    });
    await t.step("a JSON array is not a result", async () => {
      assert.match((await check("c.json", "[]", "JSON")).message, /JSON object/);
    });
    await t.step("damaged gzip", async () => {
      const gz = gzipSync(new TextEncoder().encode("##gff-version 3\n".repeat(100)));
      const error = await check("d.gff3", gz.subarray(0, gz.length - 9), "GFF3");
      assert.match(error.message, /damaged gzip/);
    });
    await t.step("GFF3 without its header, PNG without signature, not UTF-8", async () => {
      assert.match((await check("e.gff3", "<html>", "GFF3")).message, /##gff-version/);
      assert.match((await check("f.png", "PNG", "PNGCircularPlot")).message, /not a PNG/);
      assert.match(
        (await check("g.tsv", new Uint8Array([0xff, 0xfe, 0x00]), "TSV")).message,
        /not UTF-8/,
      );
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("downloadJobResults() writes each offered file, notes missing ones, accepts the older ten keys", async () => {
  const results = await Deno.makeTempDir();
  const out = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${results}/r.json`, '{"features": []}');
    await Deno.writeTextFile(`${results}/r.gff3`, "##gff-version 3\n");
    await Deno.writeTextFile(`${results}/r.hypotheticals.tsv`, "#\n");
    await using standIn = await startBaktaStandIn({
      resultsDir: results,
      runningMs: 0,
      resultKeys: BAKTA_RESULT_FILE_KEYS.slice(0, 10),
    });
    const { client } = fastClient(standIn.baseUrl);
    const init = await client.init("my genome", "TSV");
    await client.upload(init.uploadLinkFasta, ">c\nACGT\n");
    await client.start(init.job, {
      translationTable: 11,
      completeGenome: false,
      keepContigHeaders: false,
      minContigLength: 1,
      compliant: false,
      hasReplicons: false,
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const got = await downloadJobResults(client, init.job, out, { prefix: "my_genome" });
    assert.deepEqual(got.files.map((f) => f.key), ["GFF3", "TSVHypothetical", "JSON"]);
    assert.deepEqual(
      got.missing.map((m) => m.key),
      ["TSV", "GBFF", "EMBL", "FNA", "FFN", "FAA", "FAAHypothetical"],
    );
    assert.match(got.missing[0].reason, /^HTTP 404/);
    assert.equal(await Deno.readTextFile(`${out}/my_genome.gff3`), "##gff-version 3\n");
    assert.equal(got.files.find((f) => f.key === "JSON")!.bytes, 16);
    const names = [...Deno.readDirSync(out)].map((e) => e.name).sort();
    assert.deepEqual(names, ["my_genome.gff3", "my_genome.hypotheticals.tsv", "my_genome.json"]);
  } finally {
    await Deno.remove(results, { recursive: true });
    await Deno.remove(out, { recursive: true });
  }
});
