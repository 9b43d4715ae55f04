/**
 * The cohort tables' fast path (schema v10): read from the per-annotation family sets and COG
 * sets the store writes, they equal the answers read from the features (the same database with
 * the sets removed) and a brute force over the runs; an edited set shows that they are read; an
 * annotation written by hand, without sets, sends the family tables back to the features and the
 * COG tables count its CDSs from its cross-references.
 */

import assert from "node:assert/strict";
import type { Kysely } from "kysely";
import type { Database } from "../../src/db/schema.ts";
import type { BaktaRun } from "../../src/formats/model.ts";
import { familyPresence, type GeneFamilyOptions } from "../../src/analysis/gene_families.ts";
import {
  classifyPrevalence,
  pangenomeClasses,
  pangenomeSummary,
} from "../../src/analysis/pangenome_classes.ts";
import { traitAssociation } from "../../src/analysis/trait_association.ts";
import { cogCategoryCounts, cogMatrix } from "../../src/analysis/cog_matrix.ts";
import { insertFeatureXrefs } from "../../src/db/xref_terms.ts";
import { setTraits } from "../../src/store/traits_repository.ts";
import { engineTest } from "../_engines.ts";
import { cohortFixture, familyCopies, presenceCells } from "./_cohort.ts";

const COHORT = { seed: 23, genomes: 5, familiesPool: 50, coreFamilies: 15, accessoryRate: 0.5 };

/** Gives the first genome a second copy of its first CDS with a family (same cross-references). */
function duplicateCds(runs: BaktaRun[]): void {
  const features = runs[0].features;
  const cds = features.find((f) => f.type === "cds" && !f.pseudo && f.dbXrefs.length > 0)!;
  features.push({ ...cds, id: `${cds.id}-copy`, locusTag: `${cds.locusTag}_2` });
}

/** The option sets every table is compared under. */
function cases(names: string[]): GeneFamilyOptions[] {
  return [
    {},
    { pseudogenes: "absent" },
    { types: ["sorf"] },
    { types: ["cds", "sorf"], pseudogenes: "absent" },
    { genomes: [names[0], names[3]] },
    { where: ["penicillin=R"] },
  ];
}

/** Every table's answer under one option set, as plain values. */
async function answers(db: Kysely<Database>, options: GeneFamilyOptions) {
  const presence = await familyPresence(db, options);
  const association = await traitAssociation(db, {
    ...options,
    trait: "penicillin",
    pseudogenes: "present",
  });
  return {
    fast: presence.familyIds !== undefined,
    cells: presenceCells(presence),
    classes: (await pangenomeClasses(db, options)).objects(),
    summary: (await pangenomeSummary(db, options)).objects(),
    association: association.table.objects(),
    cog: (await cogCategoryCounts(db, options)).objects(),
    matrix: (await cogMatrix(db, options)).objects(),
  };
}

engineTest(
  "the cohort tables read from the family and COG sets equal their answers from the features and brute force",
  async (t) => {
    const { db, runs } = await cohortFixture(COHORT, duplicateCds);
    try {
      const names = [...runs.keys()];
      const genomes = await db.selectFrom("genomes").select(["id", "name"]).orderBy("name")
        .execute();
      for (const [i, genome] of genomes.entries()) {
        await setTraits(db, genome.id, { penicillin: i % 2 === 0 ? "R" : "S" });
      }
      const fast: Awaited<ReturnType<typeof answers>>[] = [];
      for (const options of cases(names)) fast.push(await answers(db, options));
      await db.deleteFrom("annotation_families").execute();
      for (const [k, options] of cases(names).entries()) {
        await t.step(JSON.stringify(options), async () => {
          const slow = await answers(db, options);
          assert.equal(fast[k].fast, true, "read from the sets");
          assert.equal(slow.fast, false, "read from the features");
          const genomes = options.where === undefined
            ? options.genomes && [...options.genomes]
            : names.filter((_, i) => i % 2 === 0);
          const brute = familyCopies(runs, {
            types: options.types as string[] | undefined,
            pseudogenes: options.pseudogenes,
            genomes,
          });
          assert.deepEqual(fast[k].cells, brute);
          assert.deepEqual(slow.cells, brute);
          assert.deepEqual(fast[k].summary, slow.summary);
          const cohortSize = genomes?.length ?? names.length;
          const bruteSummary = new Map<string, number>();
          for (const cells of brute.values()) {
            const name = classifyPrevalence(cells.size, cohortSize);
            bruteSummary.set(name, (bruteSummary.get(name) ?? 0) + 1);
          }
          for (const row of fast[k].summary as { class: string; families: number }[]) {
            const expected = row.class === "total" ? brute.size : bruteSummary.get(row.class) ?? 0;
            assert.equal(row.families, expected, `${row.class} families`);
          }
          assert.deepEqual(fast[k].cog, slow.cog);
          assert.deepEqual(fast[k].matrix, slow.matrix);
          if (options.genomes === undefined && options.where === undefined) {
            // A whole-store cohort: each family named by the same (lowest) member both ways.
            assert.deepEqual(fast[k].classes, slow.classes);
            assert.deepEqual(fast[k].association, slow.association);
          }
        });
      }
      // The cases meet copies, pseudogenes and sORFs.
      const all = familyCopies(runs, { types: ["cds", "sorf"] });
      assert.ok([...all.values()].some((cells) => [...cells.values()].some((n) => n > 1)));
      assert.ok([...runs.values()].some((run) => run.features.some((f) => f.pseudo)));
      assert.ok(familyCopies(runs, { types: ["sorf"] }).size > 0);
    } finally {
      await db.destroy();
    }
  },
);

engineTest(
  "the cohort tables read the stored sets: an edited set changes their answer",
  async () => {
    const { db, runs } = await cohortFixture({ ...COHORT, genomes: 3 });
    try {
      const [first] = runs.keys();
      const annotation = await db.selectFrom("annotations").innerJoin(
        "genomes",
        "genomes.id",
        "annotations.genome_id",
      ).select("annotations.id").where("genomes.name", "=", first).executeTakeFirstOrThrow();
      await db.updateTable("annotation_families").set({ families: new Uint8Array(0) })
        .where("annotation_id", "=", annotation.id).where("type", "=", "cds").execute();
      const presence = await familyPresence(db);
      assert.equal(presence.genome.includes(0), false, `${first} carries no family any more`);
      const before = (await cogCategoryCounts(db)).objects() as { genome: string; cdss: number }[];
      await db.updateTable("annotation_cog_sets").set({ cdss: 1000 })
        .where("annotation_id", "=", annotation.id).execute();
      const after = (await cogCategoryCounts(db)).objects() as { genome: string; cdss: number }[];
      const sets = await db.selectFrom("annotation_cog_sets").select("cdss")
        .where("annotation_id", "=", annotation.id).execute();
      assert.ok(sets.length > 0);
      for (const [i, row] of after.entries()) {
        assert.equal(row.cdss, row.genome === first ? 1000 * sets.length : before[i].cdss);
      }
    } finally {
      await db.destroy();
    }
  },
);

engineTest(
  "an annotation written without the store: family tables read the features, COG tables its CDSs",
  async () => {
    const { db, runs } = await cohortFixture({ ...COHORT, genomes: 3 });
    try {
      const withSets = await familyPresence(db);
      const cogBefore = (await cogCategoryCounts(db)).objects();
      const g = await db.insertInto("genomes").values({ name: "Z-by-hand" }).returning("id")
        .executeTakeFirstOrThrow();
      const s = await db.insertInto("sequences").values({
        genome_id: g.id,
        version: 1,
        seq_id: "c1",
        length: 1000,
      }).returning("id").executeTakeFirstOrThrow();
      const a = await db.insertInto("annotations").values({
        genome_id: g.id,
        sequence_version: 1,
        source: "files",
        fingerprint: "by-hand",
      }).returning("id").executeTakeFirstOrThrow();
      const base = { annotation_id: a.id, sequence_id: s.id, original_json: "{}", strand: "+" };
      const [f1] = await db.insertInto("features").values([
        { ...base, type: "cds", start: 1, stop: 90, family: withSets.families[0] },
        { ...base, type: "cds", start: 100, stop: 190, family: withSets.families[0] },
      ]).returning("id").execute();
      await insertFeatureXrefs(db, [[f1.id, "COG", "KT"]]);
      const mixed = await familyPresence(db);
      assert.equal(mixed.familyIds, undefined, "read from the features");
      const brute = familyCopies(runs);
      brute.get(withSets.families[0])!.set("Z-by-hand", 2);
      assert.deepEqual(presenceCells(mixed), brute);
      const cog = (await cogCategoryCounts(db)).objects();
      assert.deepEqual(cog.slice(0, cogBefore.length), cogBefore);
      assert.deepEqual(cog.slice(cogBefore.length), [
        { genome: "Z-by-hand", category: "K", count: 1, fraction: 1, assigned: 1, cdss: 2 },
        { genome: "Z-by-hand", category: "T", count: 1, fraction: 1, assigned: 1, cdss: 2 },
      ]);
    } finally {
      await db.destroy();
    }
  },
);
