import assert from "node:assert/strict";
import { transaction } from "../../src/db/transaction.ts";
import { xrefTermHash, xrefTermKey, xrefTermOfKey } from "../../src/db/xref_terms.ts";
import { runTermIds } from "../../src/store/_run_term_ids.ts";
import { engineTest } from "../_engines.ts";
import { freshDatabase } from "../_fresh_database.ts";

type Db = Awaited<ReturnType<typeof freshDatabase>>;

/** Every stored term, by id. */
async function storedTerms(db: Db): Promise<Map<number, string>> {
  const rows = await db.selectFrom("xref_terms").select(["id", "db", "accession", "key"]).execute();
  for (const row of rows) assert.equal(row.key, xrefTermHash(row.db, row.accession), "key");
  return new Map(rows.map((row) => [Number(row.id), xrefTermKey(row.db, row.accession)]));
}

/** Keys sorted as `PreparedRun.xrefTermKeys` are. */
function sortedKeys(pairs: readonly [string, string][]): string[] {
  return pairs.map(([d, accession]) => xrefTermKey(d, accession)).sort();
}

engineTest(
  "runTermIds() gives each key its stored term: added, cached or looked up, never a collision",
  async () => {
    await using db = await freshDatabase();
    const first = sortedKeys([["GO", "GO:0005524"], ["EC", "1.1.1.1"], ["UniRef", "UniRef90_A"]]);
    const added = await transaction(db, (trx) => runTermIds(trx, first, new Map()));
    // New terms are numbered in key order (database, then accession), from 1.
    assert.deepEqual([...added.ids], [1, 2, 3]);
    assert.deepEqual(added.freshKeys, first);
    assert.deepEqual(added.freshIds, [1, 2, 3]);
    const second = sortedKeys([["EC", "1.1.1.1"], ["COG", "J"], ["UniRef", "UniRef90_A"]]);
    // One of them cached: it is neither looked up nor reported fresh.
    const cached = new Map([[xrefTermKey("UniRef", "UniRef90_A"), 3]]);
    const again = await transaction(db, (trx) => runTermIds(trx, second, cached));
    const stored = await storedTerms(db);
    assert.equal(stored.size, 4);
    // Independent truth: every id returned names, in the table, the key it was returned for.
    second.forEach((key, k) => assert.equal(stored.get(again.ids[k]), key, key));
    assert.deepEqual(again.freshKeys, second.filter((key) => !cached.has(key)));
    assert.equal(stored.get(4), xrefTermKey("COG", "J"));
    // Another pair stored under a new key's hash (a collision, planted) is not taken for it.
    const key = xrefTermKey("EC", "9.9.9.9");
    await db.insertInto("xref_terms").values({
      id: 7,
      db: "XX",
      accession: "other",
      key: xrefTermHash("EC", "9.9.9.9"),
    }).execute();
    const { ids } = await transaction(db, (trx) => runTermIds(trx, [key], new Map()));
    assert.equal(ids[0], 8);
    const row = await db.selectFrom("xref_terms").select(["db", "accession"]).where("id", "=", 8)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, xrefTermOfKey(key));
  },
);
