import assert from "node:assert/strict";
import { readSampleSheet } from "../../src/formats/sample_sheet/read_sample_sheet.ts";
import { createGenome, deleteGenome } from "../../src/store/genomes_repository.ts";
import { importSampleSheet, listTraits, setTraits } from "../../src/store/traits_repository.ts";
import { freshDatabase } from "../_fresh_database.ts";

Deno.test("importSampleSheet() sets matched genomes' traits and reports the others", async () => {
  await using db = await freshDatabase();
  const g1 = await createGenome(db, { name: "G1" });
  await createGenome(db, { name: "G2" });
  await setTraits(db, g1.id, { penicillin: "0", source: "lab" });
  const sheet = readSampleSheet("sample,penicillin,lineage\nG1,1,2\nX,0,3\nG2,,1\n", {
    key: "sample",
  });
  const result = await importSampleSheet(db, sheet);
  assert.deepEqual(result.matched, [
    { genome: "G1", line: 2, traits: 2 },
    { genome: "G2", line: 4, traits: 1 },
  ]);
  assert.deepEqual(result.unmatched, [{ key: "X", line: 3 }]);
  // The sheet's value replaces the old one; keys the sheet does not name are kept.
  const rows = await db.selectFrom("genome_traits").innerJoin("genomes", "genomes.id", "genome_id")
    .select(["name", "key", "value"]).orderBy("name").orderBy("key").execute();
  assert.deepEqual(rows.map((r) => `${r.name} ${r.key}=${r.value}`), [
    "G1 lineage=2",
    "G1 penicillin=1",
    "G1 source=lab",
    "G2 lineage=1",
  ]);
  assert.deepEqual(await listTraits(db, { genomes: ["G2"] }), [
    { genome: "G2", key: "lineage", value: "1" },
  ]);
  assert.deepEqual(await listTraits(db, { keys: [] }), []);
});

Deno.test("setTraits() traits go with their genome", async () => {
  await using db = await freshDatabase();
  const g = await createGenome(db, { name: "G1" });
  await setTraits(db, g.id, { st: "180" });
  await deleteGenome(db, g.id);
  assert.deepEqual(await listTraits(db), []);
  await assert.rejects(() => setTraits(db, 1, { "": "x" }), {
    name: "TypeError",
    message: /empty key/,
  });
});
