import assert from "node:assert/strict";
import type { Kysely } from "kysely";
import type { Database } from "../../src/db/schema.ts";
import { familyKey } from "../../src/analysis/gene_families.ts";
import { importRun, importRuns } from "../../src/store/mod.ts";
import { featureFamily } from "../../src/store/_feature_family.ts";
import { makeRun } from "../../src/testing/factory/mod.ts";
import { reportSamples, samplePath } from "../_samples.ts";
import { engineTest } from "../_engines.ts";
import { freshDatabase } from "../_fresh_database.ts";

const present = reportSamples("tests/store/feature_family_test.ts");

/** Every feature's stored family next to `familyKey()` computed by SQL over its rows. */
async function storedAndComputed(db: Kysely<Database>) {
  return await db.selectFrom("features")
    .select(["features.id", "features.type", "features.family", familyKey(db).as("computed")])
    .orderBy("features.id")
    .execute();
}

function assertSame(rows: Awaited<ReturnType<typeof storedAndComputed>>): void {
  const differing = rows.filter((row) => row.family !== row.computed);
  assert.deepEqual(differing.slice(0, 5), [], `${differing.length} features differ`);
}

engineTest(
  "importRun() stores each feature's family as familyKey() computes it, on factory runs",
  async () => {
    await using db = await freshDatabase();
    // Tricky cross-references: several clusters of one level, UniRef50 only, look-alikes.
    const run = makeRun({ seed: 11, genomeSize: 40_000 });
    const cdss = run.features.filter((f) => f.type === "cds" && f.aaHexdigest !== undefined);
    assert.ok(cdss.length >= 4);
    cdss[0].dbXrefs = [
      { db: "UniRef", accession: "UniRef90_Z9" },
      { db: "UniRef", accession: "UniRef90_A1" },
      { db: "UniRef", accession: "UniRef50_A0" },
    ];
    cdss[1].dbXrefs = [
      { db: "UniRef", accession: "UniRef50_Q2" },
      { db: "UniRef", accession: "UniRef50_B7" },
      { db: "UniRef", accession: "UniRef100_A" },
    ];
    cdss[2].dbXrefs = [
      { db: "UniParc", accession: "UniRef90_X" },
      { db: "UniRef", accession: "UniRef90" },
      { db: "UniRef", accession: "uniref90_lower" },
    ];
    delete cdss[3].aaHexdigest;
    delete cdss[3].aa;
    cdss[3].dbXrefs = [];
    await importRun(db, run, { genome: "tricky" });
    for (let seed = 1; seed <= 3; seed++) {
      await importRun(db, makeRun({ seed, genomeSize: 60_000 }), { genome: `g${seed}` });
    }
    const rows = await storedAndComputed(db);
    assertSame(rows);
    const families = rows.map((row) => row.family);
    assert.ok(families.includes("UniRef90_A1"));
    assert.ok(families.includes("UniRef50_B7"));
    assert.ok(families.includes(`MD5:${cdss[2].aaHexdigest}`));
    assert.ok(families.some((f) => f?.startsWith("UniRef90_") && f !== "UniRef90_A1"));
    // Features without a protein (tRNAs, …) have no family.
    assert.ok(rows.some((row) => row.type === "tRNA" && row.family === null));
  },
);

Deno.test("featureFamily() prefers the smallest UniRef90, then UniRef50, then the MD5", () => {
  const uniref = (accession: string) => ({ db: "UniRef", accession });
  assert.equal(featureFamily("d", [uniref("UniRef90_B"), uniref("UniRef90_A")]), "UniRef90_A");
  assert.equal(featureFamily("d", [uniref("UniRef50_B"), uniref("UniRef100_A")]), "UniRef50_B");
  assert.equal(featureFamily("d", [{ db: "UniParc", accession: "UniRef90_A" }]), "MD5:d");
  assert.equal(featureFamily("", []), "MD5:");
  assert.equal(featureFamily(null, [uniref("UniRef90")]), null);
});

Deno.test({
  name: "importRuns() stores families equal to familyKey() on real Bakta runs",
  ignore: !present,
  async fn() {
    await using db = await freshDatabase();
    await importRuns(
      db,
      ["v1.9.4-efaecalis-CI-8050", "v1.9.2-spneumoniae-cohort"].map(samplePath),
    );
    const rows = await storedAndComputed(db);
    assertSame(rows);
    const cds = rows.filter((row) => row.type === "cds");
    assert.ok(cds.length > 1000, `only ${cds.length} CDSs imported`);
    assert.ok(cds.some((row) => row.family?.startsWith("UniRef90_")));
    assert.ok(cds.some((row) => row.family?.startsWith("MD5:")));
  },
});
