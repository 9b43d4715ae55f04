import assert from "node:assert/strict";
import fc from "fast-check";
import type { Kysely } from "kysely";
import type { Database } from "../../src/db/schema.ts";
import { searchFeatures, toFtsQuery } from "../../src/query/search_features.ts";
import { findFeatures } from "../../src/query/find_features.ts";
import { importRun } from "../../src/store/import_run.ts";
import { makeRun } from "../../src/testing/factory/mod.ts";
import { insertAnnotation, matchesWords, tokens } from "./_fixture.ts";
import { currentEngine, engineTest } from "../_engines.ts";
import { toTsQuery } from "../../src/query/to_ts_query.ts";
import { freshDatabase } from "../_fresh_database.ts";

type Row = { id: number; locusTag: string | null; gene: string | null; product: string | null };

/** Two factory genomes (one annotated twice) and one genome with hostile text. */
async function searchDb(): Promise<{ db: Kysely<Database>; latest: Row[] }> {
  const db = await freshDatabase();
  await importRun(db, makeRun({ seed: 11, sequences: 1, featuresPerSequence: 60 }), {
    genome: "A",
  });
  await importRun(db, makeRun({ seed: 12, sequences: 1, featuresPerSequence: 60 }), {
    genome: "B",
  });
  await importRun(db, makeRun({ seed: 13, sequences: 1, featuresPerSequence: 40 }), {
    genome: "B",
  });
  const hostile = [
    'protein "quoted" (partial',
    "AND OR NOT NEAR",
    "beta-lactamase class-A: TEM-1*",
    "^start) unbalanced ((",
    "near/3 col:value -minus +plus",
    "under_score_token",
  ];
  await insertAnnotation(
    db,
    "H",
    [{ seqId: "h1", length: 5000 }],
    hostile.map((product, i) => ({
      seqId: "h1",
      start: 1 + i * 100,
      stop: 90 + i * 100,
      locusTag: `HOST_${i}`,
      gene: i % 2 === 0 ? `hst${i}` : null,
      product,
    })),
  );
  const latest = await findFeatures(db).execute();
  return { db, latest };
}

/** Brute force for FTS5 semantics: each word is a phrase of its tokens, in one column. */
function phraseMatch(row: Row, text: string, prefix: boolean): boolean {
  const words = text.split(/\s+/u).filter((w) => w.length > 0);
  const phrases = words.map((w, i) => ({ tokens: tokens(w), last: i === words.length - 1 }))
    .filter((p) => p.tokens.length > 0);
  if (phrases.length === 0) return false;
  const columns = [tokens(row.locusTag), tokens(row.gene), tokens(row.product)];
  return phrases.every(({ tokens: phrase, last }) =>
    columns.some((column) => {
      for (let at = 0; at + phrase.length <= column.length; at++) {
        const ok = phrase.every((token, k) =>
          prefix && last && k === phrase.length - 1
            ? column[at + k].startsWith(token)
            : column[at + k] === token
        );
        if (ok) return true;
      }
      return false;
    })
  );
}

engineTest(
  "searchFeatures() never throws on hostile input and matches like FTS5 phrases",
  async () => {
    const { db, latest } = await searchDb();
    try {
      const hostileChar = fc.constantFrom(
        ..."\"'()*:^-+/{}[],.;!?#%&_\\ \t\n",
        ..."aAbBdDnNoOpPrRtT019",
        "AND",
        "OR",
        "NOT",
        "NEAR",
        "NEAR/2",
        "dna",
        "protein",
      );
      const hostile = fc.array(hostileChar, { maxLength: 20 }).map((parts) => parts.join(""));
      await fc.assert(
        fc.asyncProperty(hostile, fc.boolean(), async (text, prefix) => {
          const hits = await searchFeatures(db, text, { prefix }).execute();
          const got = hits.map((h) => h.id).sort((a, b) => a - b);
          const expected = latest.filter((row) => phraseMatch(row, text, prefix)).map((r) => r.id)
            .sort((a, b) => a - b);
          assert.deepEqual(got, expected, JSON.stringify(text));
        }),
        { seed: 7, numRuns: 300 },
      );
      // Any Unicode at all: never an error.
      await fc.assert(
        fc.asyncProperty(
          fc.string({ unit: "grapheme", maxLength: 30 }),
          fc.boolean(),
          async (text, prefix) => {
            await searchFeatures(db, text, { prefix }).execute();
          },
        ),
        { seed: 8, numRuns: 200 },
      );
    } finally {
      await db.destroy();
    }
  },
);

engineTest(
  "searchFeatures() returns what a brute-force word match says for plain words",
  async () => {
    const { db, latest } = await searchDb();
    try {
      const vocabulary = [
        ...new Set(
          latest.flatMap((r) => [...tokens(r.locusTag), ...tokens(r.gene), ...tokens(r.product)]),
        ),
      ].filter((t) => /^[a-z0-9]+$/.test(t)).sort();
      assert.ok(vocabulary.length > 20, "the fixture has words to search");
      const word = fc.oneof(
        fc.constantFrom(...vocabulary),
        fc.constantFrom(...vocabulary).chain((w) =>
          fc.integer({ min: 1, max: w.length }).map((n) => w.slice(0, n))
        ),
        fc.stringMatching(/^[a-z0-9]{1,6}$/),
      );
      const casing = fc.constantFrom("lower", "upper", "as-is");
      await fc.assert(
        fc.asyncProperty(
          fc.array(word, { minLength: 1, maxLength: 3 }),
          fc.boolean(),
          casing,
          async (words, prefix, how) => {
            const shown = words.map((w) =>
              how === "upper" ? w.toUpperCase() : how === "lower" ? w.toLowerCase() : w
            );
            const hits = await searchFeatures(db, `  ${shown.join("  ")} `, { prefix }).execute();
            const expected = latest.filter((r) => matchesWords(r, words, prefix)).map((r) => r.id)
              .sort((a, b) => a - b);
            assert.deepEqual(hits.map((h) => h.id).sort((a, b) => a - b), expected);
          },
        ),
        { seed: 9, numRuns: 300 },
      );
    } finally {
      await db.destroy();
    }
  },
);

engineTest("searchFeatures() scopes to a genome, an annotation and columns", async (t) => {
  const { db } = await searchDb();
  try {
    await t.step("the hostile genome's text is searchable as text", async () => {
      const hits = await searchFeatures(db, '"quoted" (partial', { genome: "H" }).execute();
      assert.deepEqual(hits.map((h) => h.locusTag), ["HOST_0"]);
      const operators = await searchFeatures(db, "NOT near", { genome: "H" }).execute();
      assert.deepEqual(operators.map((h) => h.locusTag), ["HOST_1"]);
      const locus = await searchFeatures(db, "host_4").execute();
      assert.deepEqual(locus.map((h) => h.locusTag), ["HOST_4"]);
    });
    await t.step("a locus tag is one token (underscore kept)", async () => {
      assert.deepEqual(await searchFeatures(db, "host").execute(), []);
      const prefixed = await searchFeatures(db, "host", { prefix: true, genome: "H" }).execute();
      assert.equal(prefixed.length, 6);
    });
    await t.step("columns restrict where words are looked for", async () => {
      const inGene = await searchFeatures(db, "hst2", { columns: ["gene"] }).execute();
      assert.deepEqual(inGene.map((h) => h.locusTag), ["HOST_2"]);
      const inProduct = await searchFeatures(db, "hst2", { columns: ["product"] }).execute();
      assert.deepEqual(inProduct, []);
      assert.throws(
        // deno-lint-ignore no-explicit-any
        () => searchFeatures(db, "x", { columns: ["nt" as any] }),
        (e: unknown) => e instanceof RangeError && /"nt"/.test(e.message),
      );
    });
    await t.step(
      "stored order (the default): the same hits as by rank, in id order, not scored, limit first",
      async () => {
        const ranked = await searchFeatures(db, "protein", { order: "rank" }).execute();
        const stored = await searchFeatures(db, "protein").execute();
        assert.ok(ranked.length > 10);
        const ids = stored.map((h) => h.id);
        assert.deepEqual(ids, ranked.map((h) => h.id).sort((a, b) => a - b));
        assert.deepEqual(
          await searchFeatures(db, "protein", { order: "feature" }).execute(),
          stored,
          '"feature" is the default',
        );
        assert.ok(stored.every((h) => h.rank === null), "stored hits are not scored");
        assert.ok(ranked.every((h) => typeof h.rank === "number"), "ranked hits are");
        const first = await searchFeatures(db, "protein").limit(5).execute();
        assert.deepEqual(first.map((h) => h.id), ids.slice(0, 5));
        assert.throws(
          // deno-lint-ignore no-explicit-any
          () => searchFeatures(db, "x", { order: "best" as any }),
          (e: unknown) =>
            e instanceof RangeError &&
            /option "order".*"rank" or "feature".*"best"/.test(e.message),
        );
      },
    );
    await t.step("the latest annotation by default, another by id", async () => {
      const annotations = await db.selectFrom("annotations").innerJoin(
        "genomes",
        "genomes.id",
        "annotations.genome_id",
      )
        .select(["annotations.id", "genomes.name"]).where("genomes.name", "=", "B").orderBy(
          "annotations.id",
        )
        .execute();
      const all = await searchFeatures(db, "protein", { genome: "B" }).execute();
      assert.ok(all.length > 0);
      assert.ok(all.every((h) => h.annotationId === annotations[1].id));
      const older = await searchFeatures(db, "protein", { annotationId: annotations[0].id })
        .execute();
      assert.ok(older.length > 0);
      assert.ok(older.every((h) => h.annotationId === annotations[0].id));
    });
    await t.step('order "rank": hits are ordered by rank and carry it', async () => {
      const hits = await searchFeatures(db, "protein", { order: "rank" }).execute();
      for (let i = 1; i < hits.length; i++) assert.ok(hits[i - 1].rank! <= hits[i].rank!);
    });
    await t.step("the text is bound, never spliced into the SQL", () => {
      const { sql, parameters } = searchFeatures(db, "x'); drop table features; --").compile();
      assert.ok(!sql.includes("drop table"));
      assert.ok(parameters.includes(
        currentEngine() === "sqlite"
          ? `"x');" "drop" "table" "features;" "--"`
          : toTsQuery(["x');", "drop", "table", "features;", "--"], [
            "locus_tag",
            "gene",
            "product",
          ], false),
      ));
    });
    await t.step("a non-string text is a TypeError", () => {
      // deno-lint-ignore no-explicit-any
      assert.throws(() => searchFeatures(db, 42 as any), {
        name: "TypeError",
        message: /Invalid search text/,
      });
    });
  } finally {
    await db.destroy();
  }
});

Deno.test("toFtsQuery() quotes every word", () => {
  assert.equal(toFtsQuery('a "b" c*'), '"a" """b""" "c*"');
  assert.equal(toFtsQuery("NEAR(a b)", { prefix: true }), '"NEAR(a" "b)"*');
  assert.equal(toFtsQuery("x", { columns: ["gene", "product"] }), '{gene product} : ("x")');
  assert.equal(toFtsQuery(""), undefined);
});
