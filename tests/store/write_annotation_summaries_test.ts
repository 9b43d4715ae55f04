/**
 * The per-annotation summaries of schema v10 stay exactly in step with the features: after an
 * import, a re-import of the same run, `rm` of an annotation (representatives re-picked) and of a
 * genome, and after migration 0010 fills a schema-9 database with data, the dictionary, the family
 * sets and the COG sets equal a brute force computed in TypeScript from the stored features and
 * their cross-references.
 */

import assert from "node:assert/strict";
import type { Kysely } from "kysely";
import type { Database } from "../../src/db/schema.ts";
import { importRun } from "../../src/store/import_run.ts";
import { deleteAnnotation } from "../../src/store/annotations_repository.ts";
import { deleteGenome } from "../../src/store/genomes_repository.ts";
import { migrateTo, migrateToLatest, migrationStatus } from "../../src/db/migrator.ts";
import { makeCohort } from "../../src/testing/factory/mod.ts";
import { unpackFamilySet } from "../../migrations/_annotation_summaries.ts";
import { freshDatabase } from "../_fresh_database.ts";
import { engineTest } from "../_engines.ts";

/** The summaries in comparable form: family names instead of ids. */
interface Summaries {
  /** name → [feature_id, gene, product]. */
  dictionary: Map<string, [number, string | null, string | null]>;
  /** "annotation type" → name → [intact, pseudo]. */
  sets: Map<string, Map<string, [number, number]>>;
  /** "annotation categories" → cdss (categories as sorted letters, "-" for none). */
  cog: Map<string, number>;
}

/** What the store wrote. */
async function stored(db: Kysely<Database>): Promise<Summaries> {
  const families = await db.selectFrom("families").selectAll().execute();
  const names = new Map(families.map((f) => [Number(f.id), f.name]));
  const dictionary = new Map(
    families.map((f) => [f.name, [Number(f.feature_id), f.gene, f.product]] as const),
  ) as Summaries["dictionary"];
  const sets = new Map<string, Map<string, [number, number]>>();
  for (const row of await db.selectFrom("annotation_families").selectAll().execute()) {
    const { families: ids, intact, pseudo } = unpackFamilySet(row.families);
    const set = new Map<string, [number, number]>();
    ids.forEach((id, i) => set.set(names.get(id)!, [intact[i], pseudo[i]]));
    for (let i = 1; i < ids.length; i++) assert.ok(ids[i - 1] < ids[i], "ids ascending");
    sets.set(`${row.annotation_id} ${row.type}`, set);
  }
  const cog = new Map<string, number>();
  for (const row of await db.selectFrom("annotation_cog_sets").selectAll().execute()) {
    const key = `${row.annotation_id} ${[...(row.categories ?? "-")].sort().join("")}`;
    cog.set(key, (cog.get(key) ?? 0) + Number(row.cdss));
  }
  return { dictionary, sets, cog };
}

/** Brute force from the stored features and cross-references, in TypeScript. */
async function bruteForce(db: Kysely<Database>): Promise<Summaries> {
  const features = await db.selectFrom("features")
    .select(["id", "annotation_id", "type", "family", "pseudo", "gene", "product"])
    .where("type", "in", ["cds", "sorf"]).orderBy("id").execute();
  const annotations = await db.selectFrom("annotations").select("id").execute();
  const dictionary: Summaries["dictionary"] = new Map();
  const sets: Summaries["sets"] = new Map();
  for (const a of annotations) {
    for (const type of ["cds", "sorf"]) sets.set(`${a.id} ${type}`, new Map());
  }
  for (const f of features) {
    if (f.family === null) continue;
    if (!dictionary.has(f.family)) dictionary.set(f.family, [Number(f.id), f.gene, f.product]);
    const set = sets.get(`${f.annotation_id} ${f.type}`)!;
    const cell = set.get(f.family) ?? [0, 0];
    cell[Number(f.pseudo) === 0 ? 0 : 1]++;
    set.set(f.family, cell);
  }
  const links = await db.selectFrom("xref_term_features")
    .innerJoin("xref_terms", "xref_terms.id", "xref_term_features.term_id")
    .select(["xref_term_features.feature_id", "xref_terms.db", "xref_terms.accession"]).execute();
  const letters = new Map<number, string[]>();
  for (const l of links) {
    if (l.db !== "COG" || l.accession.startsWith("COG")) continue;
    letters.set(Number(l.feature_id), [...(letters.get(Number(l.feature_id)) ?? []), l.accession]);
  }
  const cog = new Map<string, number>();
  for (const f of features) {
    if (f.type !== "cds") continue;
    const categories = [...(letters.get(Number(f.id))?.join("") ?? "-")].sort().join("");
    const key = `${f.annotation_id} ${categories}`;
    cog.set(key, (cog.get(key) ?? 0) + 1);
  }
  return { dictionary, sets, cog };
}

const COHORT = { seed: 31, genomes: 4, familiesPool: 40, coreFamilies: 12, accessoryRate: 0.5 };

engineTest(
  "the summaries equal a brute force after import, re-import, rm of an annotation and of a genome",
  async (t) => {
    const db = await freshDatabase();
    try {
      const cohort = makeCohort(COHORT);
      for (const member of cohort.members) {
        await importRun(db, member.run, { genome: member.name });
      }
      await t.step("import", async () => {
        const brute = await bruteForce(db);
        assert.deepEqual(await stored(db), brute);
        assert.ok([...brute.sets.values()].some((s) => [...s.values()].some(([, p]) => p > 0)));
        assert.ok(brute.cog.size > cohort.members.length, "COG categories met");
      });
      await t.step("re-import of the same run", async () => {
        const before = await stored(db);
        const again = await importRun(db, cohort.members[1].run, {
          genome: cohort.members[1].name,
        });
        assert.equal(again.status, "skipped");
        assert.deepEqual(await stored(db), before);
      });
      await t.step("rm of the first annotation: its families get their next member", async () => {
        const before = await stored(db);
        const first = await db.selectFrom("annotations").select("id").orderBy("id")
          .executeTakeFirstOrThrow();
        await deleteAnnotation(db, first.id);
        const after = await stored(db);
        assert.deepEqual(after, await bruteForce(db));
        const moved = [...after.dictionary].filter(([name, [id]]) =>
          before.dictionary.get(name)![0] !== id
        );
        assert.ok(moved.length > 0, "representatives re-picked");
        assert.ok(after.dictionary.size < before.dictionary.size, "families left empty dropped");
      });
      await t.step("rm of a genome", async () => {
        await deleteGenome(db, cohort.members[2].name);
        assert.deepEqual(await stored(db), await bruteForce(db));
      });
    } finally {
      await db.destroy();
    }
  },
);

engineTest("migration 0010 fills a schema-9 database with data as the store writes", async () => {
  const db = await freshDatabase();
  try {
    for (const member of makeCohort({ ...COHORT, seed: 32 }).members) {
      await importRun(db, member.run, { genome: member.name });
    }
    const written = await stored(db);
    await migrateTo(db, "0009_postgres_fts5_folding");
    assert.equal((await migrationStatus(db)).current, "0009_postgres_fts5_folding");
    await migrateToLatest(db);
    const migrated = await stored(db);
    assert.deepEqual(migrated, written);
    assert.deepEqual(migrated, await bruteForce(db));
  } finally {
    await db.destroy();
  }
});
