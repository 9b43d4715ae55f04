import assert from "node:assert/strict";
import { type Kysely, sql } from "kysely";
import { migrateTo, migrateToLatest } from "../../src/db/mod.ts";
import type { Database } from "../../src/db/schema.ts";
import { readFeatureTermIds } from "../../src/db/feature_term_ids.ts";
import { familyKey } from "../../src/analysis/gene_families.ts";
import { cogMatrix } from "../../src/analysis/cog_matrix.ts";
import { featuresByXref } from "../../src/query/features_by_xref.ts";
import { listGenomeFeatures } from "../../src/query/list_genome_features.ts";
import { genomeMapData } from "../../src/report/genome_map_data.ts";
import { familyXrefs } from "../../src/report/_family_xrefs.ts";
import { annotationFeatureStats } from "../../src/store/annotations_repository.ts";
import { getFeatureXrefs } from "../../src/store/features_repository.ts";
import { deleteGenome } from "../../src/store/genomes_repository.ts";
import { importRun } from "../../src/store/import_run.ts";
import { loadRun } from "../../src/store/load_run.ts";
import { makeRun } from "../../src/testing/factory/mod.ts";
import type { BaktaRun } from "../../src/formats/model.ts";
import { engineTest } from "../_engines.ts";
import { freshDatabase } from "../_fresh_database.ts";

const GENOMES = ["g1", "g2"];

/** Every link as the runs give them: `genome sequence type start stop db:accession`, sorted. */
function truthOf(runs: readonly BaktaRun[]): string[] {
  return runs.flatMap((run, k) =>
    run.features.flatMap((f) =>
      [...new Set(f.dbXrefs.map((x) => `${x.db}:${x.accession}`))].map((x) =>
        `${GENOMES[k]} ${f.sequenceId} ${f.type} ${f.start} ${f.stop} ${x}`
      )
    )
  ).sort();
}

/** The same, from the rows of a links table (`feature_xrefs` at 11, `xref_term_features` at 12). */
async function linksIn(db: Kysely<Database>, table: string): Promise<string[]> {
  const { rows } = await sql<{ k: string }>`select g.name || ' ' || s.seq_id || ' ' || f.type ||
      ' ' || f.start || ' ' || f.stop || ' ' || t.db || ':' || t.accession as k
    from ${sql.table(table)} l join xref_terms t on t.id = l.term_id
    join features f on f.id = l.feature_id join sequences s on s.id = f.sequence_id
    join annotations a on a.id = f.annotation_id join genomes g on g.id = a.genome_id`.execute(db);
  return rows.map((r) => r.k).sort();
}

/** Every feature's `xref_ids`, decoded, by id (null column: none). */
async function packedIds(db: Kysely<Database>): Promise<Record<number, number[]>> {
  const rows = await db.selectFrom("features").select(["id", "xref_ids"]).orderBy("id").execute();
  return Object.fromEntries(rows.map((r) => [r.id, readFeatureTermIds(r.xref_ids)]));
}

/** The answers of every reader of a feature's cross-references. */
async function answers(db: Kysely<Database>, annotations: readonly number[]) {
  const families = await db.selectFrom("features").select(["id", familyKey(db).as("family")])
    .where("type", "in", ["cds", "sorf"]).orderBy("id").execute();
  const features = await db.selectFrom("features").select("id").orderBy("id").execute();
  const byFeature = [];
  for (const { id } of features) byFeature.push(await getFeatureXrefs(db, id));
  const terms = await db.selectFrom("xref_terms").select(["db", "accession"]).orderBy("id")
    .execute();
  const lookups: Record<string, number[]> = {};
  for (const t of terms.filter((_, i) => i % 11 === 0)) {
    const found = await featuresByXref(db, { db: t.db, accession: t.accession }).execute();
    lookups[`${t.db}:${t.accession}`] = found.map((f) => f.id);
  }
  const perGenome = [];
  for (const [k, genome] of GENOMES.entries()) {
    const listed = await listGenomeFeatures(db, { genome });
    const map = await genomeMapData(db, genome, { residues: false });
    const run = await loadRun(db, annotations[k]);
    perGenome.push({
      listed: listed.map((f) => [f.id, f.dbXrefs]),
      map: map.features.map((f) => [f.cogCategory, f.xrefs]),
      loaded: run.features.map((f) => f.dbXrefs),
      stats: await annotationFeatureStats(db, annotations[k]),
    });
  }
  const names = new Set(families.map((f) => f.family).filter((f) => f !== null) as string[]);
  return {
    families,
    byFeature,
    lookups,
    perGenome,
    familyXrefs: [...await familyXrefs(db, GENOMES, names)],
    cog: (await cogMatrix(db)).objects(),
  };
}

engineTest(
  "migration 0012 packs every feature's term ids, keeps every cross-reference answer, and goes down again",
  async () => {
    await using db = await freshDatabase();
    const runs = [21, 22].map((seed) => makeRun({ seed, sequences: 1, featuresPerSequence: 30 }));
    const annotations: number[] = [];
    for (const [k, run] of runs.entries()) {
      annotations.push((await importRun(db, run, { genome: GENOMES[k] })).annotationId);
    }
    const truth = truthOf(runs);
    assert.ok(truth.length > 100);
    assert.deepEqual(await linksIn(db, "xref_term_features"), truth);
    const imported = await packedIds(db);
    const before = await answers(db, annotations);

    // Schema 11, with the same links in `feature_xrefs`.
    await migrateTo(db, "0011_partial_gene_index");
    assert.deepEqual(await linksIn(db, "feature_xrefs"), truth);
    const tables = (await db.introspection.getTables()).map((t) => t.name);
    assert.ok(!tables.includes("xref_term_features"));
    const columns = (await db.introspection.getTables()).find((t) => t.name === "features")!;
    assert.ok(!columns.columns.some((c) => c.name === "xref_ids"));

    const steps = await migrateToLatest(db);
    assert.deepEqual(steps.map((s) => [s.name, s.status]), [
      ["0012_packed_xrefs", "Success"],
      ["0013_fewer_feature_indexes", "Success"],
    ]);
    assert.deepEqual(await linksIn(db, "xref_term_features"), truth);
    assert.deepEqual(await packedIds(db), imported, "the ids the import wrote");
    assert.deepEqual(await answers(db, annotations), before);
    // Both stores of the links agree, feature by feature.
    const byTerm = await db.selectFrom("xref_term_features").select(["feature_id", "term_id"])
      .orderBy("feature_id").orderBy("term_id").execute();
    const unpacked = Object.entries(imported).flatMap(([id, ids]) =>
      ids.map((term_id) => ({ feature_id: Number(id), term_id }))
    );
    assert.deepEqual(byTerm, unpacked);

    // rm: the trigger deletes the genome's links, and its terms no other genome has go.
    await deleteGenome(db, "g1");
    const left = await linksIn(db, "xref_term_features");
    assert.deepEqual(left, truth.filter((k) => k.startsWith("g2 ")));
    const { rows } = await sql<{ n: number }>`select count(*) as n from xref_terms t
      where not exists (select 1 from xref_term_features l where l.term_id = t.id)`.execute(db);
    assert.equal(Number(rows[0].n), 0);
  },
);
