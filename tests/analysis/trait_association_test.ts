import assert from "node:assert/strict";
import type { Kysely } from "kysely";
import type { Database } from "../../src/db/schema.ts";
import { NotFoundError } from "../../src/db/errors.ts";
import type { BaktaRun } from "../../src/formats/model.ts";
import { mantelHaenszel } from "../../src/analysis/mantel_haenszel.ts";
import { traitAssociation } from "../../src/analysis/trait_association.ts";
import { setTraits } from "../../src/store/traits_repository.ts";
import { cohortFixture, familyOf } from "./_cohort.ts";
import { bruteForceFisher } from "./_fisher_brute_force.ts";
import { engineTest } from "../_engines.ts";

/** Brute force: per family, the genomes carrying it (CDSs; pseudogenes only when counted). */
function carriers(runs: Map<string, BaktaRun>, pseudo: boolean): Map<string, Set<string>> {
  const result = new Map<string, Set<string>>();
  for (const [genome, run] of runs) {
    for (const feature of run.features) {
      if (feature.type !== "cds" || (feature.pseudo && !pseudo)) continue;
      const family = familyOf(feature);
      if (family === null) continue;
      if (!result.has(family)) result.set(family, new Set());
      result.get(family)!.add(genome);
    }
  }
  return result;
}

async function setTrait(db: Kysely<Database>, genome: string, traits: Record<string, string>) {
  const { id } = await db.selectFrom("genomes").select("id").where("name", "=", genome)
    .executeTakeFirstOrThrow();
  await setTraits(db, id, traits);
}

const FIXTURE = { seed: 5, genomes: 10, familiesPool: 60, coreFamilies: 20, accessoryRate: 0.5 };

engineTest("traitAssociation() equals a brute-force count and Fisher sum per family", async () => {
  const { db, runs } = await cohortFixture({ ...FIXTURE, run: { pseudoRate: 0.15 } });
  const names = [...runs.keys()];
  const trait = new Map(names.map((name, i) => [name, i % 3 === 0 ? "NA" : i % 2 ? "R" : "S"]));
  for (const [name, value] of trait) await setTrait(db, name, { penicillin: value });
  for (const pseudo of [false, true]) {
    const result = await traitAssociation(db, {
      trait: "penicillin",
      pseudogenes: pseudo ? "present" : "absent",
    });
    const tested = names.filter((n) => trait.get(n) !== "NA");
    assert.deepEqual(result.genomes, tested);
    assert.deepEqual(result.leftOut, names.filter((n) => trait.get(n) === "NA"));
    const positives = new Set(tested.filter((n) => trait.get(n) === "R"));
    assert.equal(result.positives, positives.size);
    const expected = new Map<string, [number, number, number, number, number]>();
    for (const [family, genomes] of carriers(runs, pseudo)) {
      const inTested = tested.filter((n) => genomes.has(n));
      if (inTested.length === 0 || inTested.length === tested.length) continue;
      const a = inTested.filter((n) => positives.has(n)).length;
      const c = inTested.length - a;
      const b = positives.size - a;
      const d = tested.length - positives.size - c;
      expected.set(family, [a, c, b, d, bruteForceFisher(a, b, c, d)]);
    }
    const rows = result.table.objects() as Record<string, number & string>[];
    assert.equal(rows.length, expected.size, `pseudo ${pseudo}`);
    for (const row of rows) {
      const [a, c, b, d, p] = expected.get(row.family)!;
      assert.deepEqual([row.pos_present, row.neg_present, row.pos_absent, row.neg_absent], [
        a,
        c,
        b,
        d,
      ]);
      assert.ok(Math.abs(row.p - p) <= 1e-12 * p, `${row.family}: ${row.p} != ${p}`);
      assert.ok(Math.abs(row.p_bonferroni - Math.min(1, p * rows.length)) <= 1e-12);
      assert.equal(row.sensitivity, a / (a + b));
      assert.equal(row.specificity, d / (c + d));
    }
    // Sorted by p.
    for (let i = 1; i < rows.length; i++) assert.ok(rows[i - 1].p <= rows[i].p + 1e-15);
  }
  await db.destroy();
});

engineTest(
  "traitAssociation() counts a family carried only as a pseudogene as absent by default",
  async () => {
    const { db, runs } = await cohortFixture({ ...FIXTURE, run: { pseudoRate: 0 } });
    const names = [...runs.keys()];
    for (const [i, name] of names.entries()) {
      await setTrait(db, name, { penicillin: i < 5 ? "1" : "0" });
    }
    // A core family: carried by every genome, so untested; make its copy in G1 a pseudogene.
    const families = carriers(runs, true);
    const [core] = [...families].find(([, g]) => g.size === names.length)!;
    const copies = await db.selectFrom("features").select("features.id")
      .where("family", "=", core).where("annotation_id", "=", 1).execute();
    await db.updateTable("features").set({ pseudo: 1 }).where("id", "in", copies.map((c) => c.id))
      .execute();
    // Edited outside the store: without its family sets, G1 is read from its features.
    await db.deleteFrom("annotation_families").where("annotation_id", "=", 1).execute();
    const absent = await traitAssociation(db, { trait: "penicillin" });
    const row = (absent.table.objects() as Record<string, number & string>[])
      .find((r) => r.family === core)!;
    assert.ok(row !== undefined, "the core family is tested once G1 loses it");
    assert.equal(row.pos_present + row.neg_present, names.length - 1);
    const present = await traitAssociation(db, { trait: "penicillin", pseudogenes: "present" });
    assert.equal(present.table.array("family").includes(core), false);
    await db.destroy();
  },
);

engineTest(
  "traitAssociation() stratifies by lineage with the Cochran-Mantel-Haenszel test",
  async () => {
    const { db, runs } = await cohortFixture(FIXTURE);
    const names = [...runs.keys()];
    const lineage = (i: number) => String(i % 3);
    for (const [i, name] of names.entries()) {
      await setTrait(db, name, { penicillin: i % 2 ? "R" : "S", lineage: lineage(i) });
    }
    const result = await traitAssociation(db, { trait: "penicillin", strata: "lineage" });
    const families = carriers(runs, false);
    for (const row of result.table.objects() as Record<string, number & string>[]) {
      const carrying = families.get(row.family)!;
      const strata = ["0", "1", "2"].map((s) => {
        const table = { a: 0, b: 0, c: 0, d: 0 };
        names.forEach((name, i) => {
          if (lineage(i) !== s) return;
          const key = i % 2 ? (carrying.has(name) ? "a" : "b") : (carrying.has(name) ? "c" : "d");
          table[key]++;
        });
        return table;
      });
      assert.deepEqual(row.cmh_p, mantelHaenszel(strata).p);
    }
    // When the trait follows the lineage, no family is associated within lineages.
    for (const [i, name] of names.entries()) {
      await setTrait(db, name, {
        lineage: i % 2 ? "a" : "b",
      });
    }
    const confounded = await traitAssociation(db, { trait: "penicillin", strata: "lineage" });
    assert.ok(confounded.table.numRows() > 0);
    assert.ok(confounded.table.array("cmh_p").every((p: unknown) => p === null));
    await db.destroy();
  },
);

engineTest(
  "traitAssociation() selects genomes, reads thresholds and names bad values",
  async () => {
    const { db, runs } = await cohortFixture({ ...FIXTURE, genomes: 6 });
    const names = [...runs.keys()];
    for (const [i, name] of names.entries()) {
      await setTrait(db, name, { mic: String(i * 0.5), group: i < 4 ? "x" : "y" });
    }
    const result = await traitAssociation(db, { trait: "mic", threshold: 1, where: ["group=x"] });
    assert.deepEqual(result.genomes, names.slice(0, 4));
    assert.equal(result.positives, 2); // 1.0 and 1.5
    assert.equal(result.threshold, 1);
    await assert.rejects(
      () => traitAssociation(db, { trait: "group" }),
      (e) =>
        e instanceof RangeError && e.message.includes(`genome "${names[0]}"`) &&
        e.message.includes('"x"'),
    );
    await assert.rejects(
      () => traitAssociation(db, { trait: "mic", threshold: NaN }),
      (e) => e instanceof RangeError && e.message.includes('"threshold"'),
    );
    await assert.rejects(() => traitAssociation(db, { trait: "" }), /"trait"/);
    await assert.rejects(
      () => traitAssociation(db, { trait: "mic", pseudogenes: "maybe" as "absent" }),
      /"pseudogenes"/,
    );
    await assert.rejects(
      () => traitAssociation(db, { trait: "mic", genomes: ["nope"] }),
      (error: unknown) => error instanceof NotFoundError && error.message === 'No genome "nope"',
    );
    await db.destroy();
  },
);
