import assert from "node:assert/strict";
import { traitTable } from "../../src/analysis/trait_table.ts";
import { setTraits } from "../../src/store/traits_repository.ts";
import { engineTest } from "../_engines.ts";
import { freshDatabase } from "../_fresh_database.ts";

engineTest("traitTable() has one row per selected genome and one column per trait", async () => {
  await using db = await freshDatabase();
  const values: Record<string, Record<string, string>> = {
    G1: { penicillin: "R", "mlst.sequence_type": "180" },
    G2: { penicillin: "S" },
    G3: {},
  };
  for (const [name, traits] of Object.entries(values)) {
    const { id } = await db.insertInto("genomes").values({ name }).returning("id")
      .executeTakeFirstOrThrow();
    await setTraits(db, id, traits);
  }
  const table = await traitTable(db, { traits: ["penicillin", "st"] });
  assert.deepEqual(table.columnNames(), ["genome", "penicillin", "st"]);
  assert.deepEqual(
    table.objects(),
    Object.entries(values).map(([genome, t]) => ({
      genome,
      penicillin: t.penicillin ?? null,
      st: t["mlst.sequence_type"] ?? null,
    })),
  );
  const resistant = await traitTable(db, { traits: ["st"], where: ["penicillin=R"] });
  assert.deepEqual(resistant.objects(), [{ genome: "G1", st: "180" }]);
  await assert.rejects(() => traitTable(db, { traits: [] }), /"traits"/);
  await assert.rejects(() => traitTable(db, { traits: ["genome"] }), /"traits"/);
});
