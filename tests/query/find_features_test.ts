import assert from "node:assert/strict";
import fc from "fast-check";
import type { Kysely } from "kysely";
import type { Database } from "../../src/db/schema.ts";
import { insertFeatureXrefs } from "../../src/db/xref_terms.ts";
import type { BaktaRun, Feature } from "../../src/formats/model.ts";
import { countFeatures } from "../../src/formats/run_counts.ts";
import {
  annotationOf,
  featuresByXref,
  findFeatures,
  genomeStatistics,
  hypotheticalFeatures,
  latestAnnotations,
  pseudogenes,
  truncatedFeatures,
  xrefMatch,
} from "../../src/query/mod.ts";
import { importRun } from "../../src/store/import_run.ts";
import { makeRun } from "../../src/testing/factory/mod.ts";
import { engineTest } from "../_engines.ts";
import { freshDatabase } from "../_fresh_database.ts";

/** The circular genome C (annotated twice: the latest is the second run), linear genome L. */
async function cohortDb(): Promise<{ db: Kysely<Database>; runs: Map<string, BaktaRun> }> {
  const db = await freshDatabase();
  const older = makeRun({ seed: 31, sequences: 2, featuresPerSequence: 40 });
  const circular = makeRun({ seed: 32, sequences: 2, featuresPerSequence: 70, pseudoRate: 0.1 });
  const linear = makeRun({ seed: 33, sequences: 3, featuresPerSequence: 50, circular: false });
  await importRun(db, older, { genome: "C" });
  await importRun(db, circular, { genome: "C" });
  await importRun(db, linear, { genome: "L" });
  return { db, runs: new Map([["C", circular], ["L", linear]]) };
}

/** A feature as compared: what identifies it in the model and in a row. */
function key(genome: string, f: Feature): string {
  return [genome, f.sequenceId, f.type, f.start, f.stop, f.strand, f.locusTag ?? ""].join("|");
}

function rowKey(
  r: {
    genome: string;
    sequence: string;
    type: string;
    start: number;
    stop: number;
    strand: string;
    locusTag: string | null;
  },
): string {
  return [r.genome, r.sequence, r.type, r.start, r.stop, r.strand, r.locusTag ?? ""].join("|");
}

engineTest("findFeatures() filters equal a brute-force filter over the runs", async () => {
  const { db, runs } = await cohortDb();
  try {
    const types = [
      "cds",
      "sorf",
      "tRNA",
      "rRNA",
      "ncRNA",
      "ncRNA-region",
      "crispr",
      "gap",
    ] as const;
    const options = fc.record({
      genome: fc.option(fc.constantFrom("C", "L"), { nil: undefined }),
      sequence: fc.option(fc.constantFrom("contig_1", "contig_2", "contig_3"), { nil: undefined }),
      type: fc.option(fc.subarray([...types], { minLength: 1 }), { nil: undefined }),
      strand: fc.option(fc.constantFrom("+", "-", ".") as fc.Arbitrary<"+" | "-" | ".">, {
        nil: undefined,
      }),
      hypothetical: fc.option(fc.boolean(), { nil: undefined }),
      pseudo: fc.option(fc.boolean(), { nil: undefined }),
      truncated: fc.option(fc.constantFrom(true, false, "3-prime" as const), { nil: undefined }),
    }, { requiredKeys: [] });
    await fc.assert(
      fc.asyncProperty(options, async (o) => {
        const rows = await findFeatures(db, o).execute();
        const expected: string[] = [];
        for (const [genome, run] of runs) {
          if (o.genome !== undefined && o.genome !== genome) continue;
          for (const f of run.features) {
            if (o.sequence !== undefined && f.sequenceId !== o.sequence) continue;
            if (o.type !== undefined && !(o.type as readonly string[]).includes(f.type)) continue;
            if (o.strand !== undefined && f.strand !== o.strand) continue;
            if (o.hypothetical !== undefined && f.hypothetical !== o.hypothetical) continue;
            if (o.pseudo !== undefined && f.pseudo !== o.pseudo) continue;
            if (o.truncated === true && f.truncated === undefined) continue;
            if (o.truncated === false && f.truncated !== undefined) continue;
            if (o.truncated === "3-prime" && f.truncated !== "3-prime") continue;
            expected.push(key(genome, f));
          }
        }
        assert.deepEqual(rows.map(rowKey).sort(), expected.sort(), JSON.stringify(o));
      }),
      { seed: 5, numRuns: 150 },
    );
    // Exact look-ups by locus tag and gene.
    const run = runs.get("C")!;
    const withGene = run.features.find((f) => f.gene !== undefined && f.locusTag !== undefined)!;
    const byTag = await findFeatures(db, { locusTag: withGene.locusTag }).execute();
    assert.deepEqual(byTag.map(rowKey), [key("C", withGene)]);
    const byGene = await findFeatures(db, { genome: "C", gene: withGene.gene }).execute();
    assert.deepEqual(
      byGene.map(rowKey).sort(),
      run.features.filter((f) => f.gene === withGene.gene).map((f) => key("C", f)).sort(),
    );
  } finally {
    await db.destroy();
  }
});

engineTest(
  "hypotheticalFeatures(), pseudogenes() and truncatedFeatures() return the flagged features",
  async () => {
    const { db, runs } = await cohortDb();
    try {
      for (const [genome, run] of runs) {
        const hypotheticals = await hypotheticalFeatures(db, { genome, type: "cds" }).execute();
        assert.equal(hypotheticals.length, countFeatures(run).hypotheticals);
        const pseudo = await pseudogenes(db, { genome, type: "cds" }).execute();
        assert.equal(pseudo.length, countFeatures(run).pseudogenes);
        const truncated = await truncatedFeatures(db, { genome }).execute();
        assert.deepEqual(
          truncated.map(rowKey).sort(),
          run.features.filter((f) => f.truncated !== undefined).map((f) => key(genome, f)).sort(),
        );
      }
      assert.ok(
        (await pseudogenes(db, { genome: "C" }).execute()).length > 0,
        "the fixture has pseudogenes",
      );
      assert.ok(
        (await truncatedFeatures(db, { genome: "L" }).execute()).length > 0,
        "and truncated CDSs",
      );
    } finally {
      await db.destroy();
    }
  },
);

engineTest("featuresByXref() equals a brute-force look-up in the runs' db_xrefs", async (t) => {
  const { db, runs } = await cohortDb();
  try {
    const run = runs.get("C")!;
    const cds = run.features.find((f) => f.dbXrefs.some((x) => x.db === "EC"))!;
    const of = (db: string, test: (accession: string) => boolean) => {
      const found: string[] = [];
      for (const [genome, r] of runs) {
        for (const f of r.features) {
          if (f.dbXrefs.some((x) => x.db === db && test(x.accession))) found.push(key(genome, f));
        }
      }
      return found.sort();
    };
    const xref = (name: string) => cds.dbXrefs.find((x) => x.db === name)!.accession;
    const uniref90 = cds.dbXrefs.find((x) => x.accession.startsWith("UniRef90_"))!.accession;
    const uniref50 = cds.dbXrefs.find((x) => x.accession.startsWith("UniRef50_"))!.accession;
    const cogId = cds.dbXrefs.find((x) => x.db === "COG" && x.accession.startsWith("COG"))!
      .accession;
    const category = cds.dbXrefs.find((x) => x.db === "COG" && !x.accession.startsWith("COG"))!
      .accession;
    const cases: [string, { db: string; accession: string }, string[]][] = [
      ["COG id", { db: "COG", accession: cogId }, of("COG", (a) => a === cogId)],
      [
        "COG category",
        { db: "cog", accession: category },
        of("COG", (a) => !a.startsWith("COG") && a.includes(category)),
      ],
      ["EC", { db: "EC", accession: xref("EC") }, of("EC", (a) => a === xref("EC"))],
      ["GO bare", { db: "GO", accession: xref("GO") }, of("GO", (a) => a === xref("GO"))],
      [
        "GO prefixed",
        { db: "GO", accession: `GO:${xref("GO")}` },
        of("GO", (a) => a === xref("GO")),
      ],
      [
        "RefSeq",
        { db: "refseq", accession: xref("RefSeq") },
        of("RefSeq", (a) => a === xref("RefSeq")),
      ],
      ["UniRef90", { db: "UniRef90", accession: uniref90 }, of("UniRef", (a) => a === uniref90)],
      [
        "UniRef90 without prefix",
        { db: "UniRef90", accession: uniref90.slice(9) },
        of("UniRef", (a) => a === uniref90),
      ],
      ["UniRef50", { db: "UniRef50", accession: uniref50 }, of("UniRef", (a) => a === uniref50)],
      ["nothing", { db: "KEGG", accession: "K99999" }, []],
    ];
    for (const [name, options, expected] of cases) {
      await t.step(name, async () => {
        const rows = await featuresByXref(db, options).execute();
        assert.deepEqual(rows.map(rowKey).sort(), expected);
        if (name !== "nothing") assert.ok(expected.length > 0);
      });
    }
    await t.step("several categories in one accession", async () => {
      await using db2 = await freshDatabase();
      const g = await db2.insertInto("genomes").values({ name: "x" }).returning("id")
        .executeTakeFirstOrThrow();
      const s = await db2.insertInto("sequences").values({
        genome_id: g.id,
        version: 1,
        seq_id: "c",
        length: 99,
      })
        .returning("id").executeTakeFirstOrThrow();
      const a = await db2.insertInto("annotations").values({
        genome_id: g.id,
        sequence_version: 1,
        source: "files",
        fingerprint: "f",
      }).returning("id").executeTakeFirstOrThrow();
      const f = await db2.insertInto("features").values({
        annotation_id: a.id,
        sequence_id: s.id,
        type: "cds",
        start: 1,
        stop: 9,
        strand: "+",
        original_json: "{}",
      }).returning("id").executeTakeFirstOrThrow();
      await insertFeatureXrefs(db2, [[f.id, "COG", "COG0745"], [f.id, "COG", "KT"]]);
      for (const [accession, n] of [["K", 1], ["T", 1], ["C", 0], ["O", 0]] as const) {
        assert.equal(
          (await featuresByXref(db2, { db: "COG", accession }).execute()).length,
          n,
          accession,
        );
      }
    });
  } finally {
    await db.destroy();
  }
});

Deno.test("xrefMatch() normalizes names and accessions", () => {
  assert.deepEqual(xrefMatch("uniref50", "UniRef50_X"), {
    db: "UniRef",
    accessions: ["UniRef50_X"],
  });
  assert.deepEqual(xrefMatch("go", "GO:0005737"), {
    db: "GO",
    accessions: ["GO:0005737", "0005737"],
  });
  assert.deepEqual(xrefMatch("COG", "COG0001"), { db: "COG", accessions: ["COG0001"] });
  assert.deepEqual(xrefMatch("MyDB", "k"), { db: "MyDB", accessions: ["k"] });
  assert.throws(() => xrefMatch("", "x"), {
    name: "TypeError",
    message: 'Invalid option "db": expected a non-empty string, got ""',
  });
});

engineTest(
  "genomeStatistics() counts like Bakta's .txt (countFeatures) and uses the run's statistics",
  async () => {
    const { db, runs } = await cohortDb();
    try {
      const rows = await genomeStatistics(db).execute();
      assert.deepEqual(rows.map((r) => r.genome), ["C", "L"]);
      for (const row of rows) {
        const run = runs.get(row.genome)!;
        const counts = countFeatures(run);
        assert.deepEqual(
          [
            row.trnas,
            row.tmrnas,
            row.rrnas,
            row.ncrnas,
            row.ncrna_regions,
            row.crispr_arrays,
            row.cdss,
            row.pseudogenes,
            row.hypotheticals,
            row.sorfs,
            row.gaps,
            row.orics,
            row.orivs,
            row.orits,
          ],
          [
            counts.trnas,
            counts.tmrnas,
            counts.rrnas,
            counts.ncrnas,
            counts.ncrnaRegions,
            counts.crisprArrays,
            counts.cdss,
            counts.pseudogenes,
            counts.hypotheticals,
            counts.sorfs,
            counts.gaps,
            counts.oriCs,
            counts.oriVs,
            counts.oriTs,
          ],
        );
        assert.equal(row.features, run.features.length);
        assert.equal(row.length, run.sequences.reduce((sum, s) => sum + s.length, 0));
        assert.equal(row.count, run.sequences.length);
        assert.equal(row.gc, run.stats!.gc);
        assert.equal(row.n50, run.stats!.n50);
        assert.equal(row.coding_density, run.stats!.codingRatio);
      }
      const only = await genomeStatistics(db, { genomes: ["L"] }).execute();
      assert.deepEqual(only.map((r) => r.genome), ["L"]);
      assert.deepEqual(await genomeStatistics(db, { genomes: [] }).execute(), []);
    } finally {
      await db.destroy();
    }
  },
);

engineTest(
  "genomeStatistics() computes N50, N90, GC and length from the sequences when the run had none",
  async () => {
    await using db = await freshDatabase();
    const g = await db.insertInto("genomes").values({ name: "g" }).returning("id")
      .executeTakeFirstOrThrow();
    const lengths = [500, 300, 100, 80, 20];
    await db.insertInto("sequences").values(lengths.map((length, i) => ({
      genome_id: g.id,
      version: 1,
      seq_id: `c${i}`,
      length,
      gc: i === 4 ? null : 0.5 + i / 100,
    }))).execute();
    await db.insertInto("annotations").values({
      genome_id: g.id,
      sequence_version: 1,
      source: "files",
      fingerprint: "f",
    }).execute();
    const [row] = await genomeStatistics(db).execute();
    // Brute force: sorted lengths, the first whose cumulative sum reaches 50 % / 90 %.
    const total = lengths.reduce((a, b) => a + b, 0);
    const nx = (share: number) => {
      let sum = 0;
      for (const length of [...lengths].sort((a, b) => b - a)) {
        sum += length;
        if (sum >= total * share) return length;
      }
    };
    const known = lengths.slice(0, 4);
    const gc = known.reduce((sum, l, i) => sum + l * (0.5 + i / 100), 0) /
      known.reduce((a, b) => a + b, 0);
    assert.deepEqual([row.length, row.count, row.n50, row.n90], [total, 5, nx(0.5), nx(0.9)]);
    assert.ok(Math.abs(row.gc! - gc) < 1e-12);
    assert.equal(row.n_ratio, null);
    assert.equal(row.cdss, 0);
  },
);

engineTest(
  "annotationOf() and latestAnnotations() pick the latest assembly version, then import",
  async () => {
    const { db } = await cohortDb();
    try {
      const latest = await annotationOf(db, "C").executeTakeFirstOrThrow();
      const all = await db.selectFrom("annotations").selectAll().orderBy("id").execute();
      const ofC = all.filter((a) => a.genome_id === latest.genome_id);
      assert.equal(ofC.length, 2);
      const expected = [...ofC].sort((a, b) =>
        b.sequence_version - a.sequence_version || b.id - a.id
      )[0];
      assert.equal(latest.id, expected.id);
      assert.equal(latest.genome, "C");
      const chosen = await annotationOf(db, "C", { annotationId: ofC[0].id })
        .executeTakeFirstOrThrow();
      assert.equal(chosen.id, ofC[0].id);
      assert.equal(
        await annotationOf(db, "L", { annotationId: ofC[0].id }).executeTakeFirst(),
        undefined,
      );
      const rows = await latestAnnotations(db).execute();
      assert.deepEqual(rows.map((r) => [r.genome, r.id]), [["C", expected.id], [
        "L",
        all.at(-1)!.id,
      ]]);
      assert.throws(() => annotationOf(db, ""), { name: "TypeError", message: /"genome"/ });
      assert.throws(() => annotationOf(db, "C", { annotationId: 0 }), {
        name: "RangeError",
        message: /"annotationId"/,
      });
    } finally {
      await db.destroy();
    }
  },
);
