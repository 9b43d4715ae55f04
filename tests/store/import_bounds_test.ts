import assert from "node:assert/strict";
import { ParseError } from "../../src/formats/parse_error.ts";
import { importRuns } from "../../src/store/import_runs.ts";
import { listGenomes } from "../../src/store/genomes_repository.ts";
import { freshDatabase } from "../_fresh_database.ts";

/** A Bakta JSON run of one linear 1,330 bp contig with one CDS. */
function jsonRun(start: number, stop: number): string {
  return JSON.stringify({
    version: { bakta: "1.9.4", db: { version: "5.1", type: "full" } },
    sequences: [{ id: "contig_1", length: 1330, topology: "linear", type: "contig" }],
    features: [{
      type: "cds",
      sequence: "contig_1",
      start,
      stop,
      strand: "+",
      locus: "X_1",
      product: "some protein",
    }],
  });
}

Deno.test("importRuns(): a run with a feature past its linear sequence fails whole; the others go in", async () => {
  const dir = await Deno.makeTempDir();
  await using db = await freshDatabase();
  try {
    await Deno.writeTextFile(`${dir}/good.json`, jsonRun(10, 99));
    await Deno.writeTextFile(`${dir}/past.json`, jsonRun(1, 999999));
    await Deno.writeTextFile(`${dir}/wraps.json`, jsonRun(971, 141));
    const result = await importRuns(db, [
      `${dir}/good.json`,
      `${dir}/past.json`,
      `${dir}/wraps.json`,
    ]);
    assert.deepStrictEqual(result.items.map((i) => [i.prefix, i.status]), [
      ["good", "imported"],
      ["past", "failed"],
      ["wraps", "failed"],
    ]);
    const [, past, wraps] = result.items;
    assert.ok(past.error instanceof ParseError && past.error.kind === "BeyondSequence");
    assert.match(past.error.message, /past\.json: features\[0\]\.stop: cds X_1 1\.\.999999/);
    assert.ok(wraps.error instanceof ParseError && wraps.error.kind === "LinearOriginSpan");
    assert.deepStrictEqual((await listGenomes(db)).map((g) => g.name), ["good"]);
    const features = await db.selectFrom("features").select("locus_tag").execute();
    assert.equal(features.length, 1);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
