import assert from "node:assert/strict";
import fc from "fast-check";
import { regionFeatures } from "../../src/query/region_features.ts";
import { featuresInRegion, regionBoxes } from "../../src/query/features_in_region.ts";
import { longFeatureWhere, REGION_SPAN_BOUND } from "../../src/db/region_bound.ts";
import { CompiledQuery } from "kysely";
import { importRun } from "../../src/store/import_run.ts";
import { reportSamples, samplePath } from "../_samples.ts";
import { type FeatureSpec, insertAnnotation, overlapsByPositions } from "./_fixture.ts";
import { engineTest } from "../_engines.ts";
import { freshDatabase } from "../_fresh_database.ts";

interface SeqCase {
  seqId: string;
  length: number;
  topology: "circular" | "linear" | null;
  features: FeatureSpec[];
}

/** A feature on a sequence: on a circular one it may cross the origin. */
function featureArb(seqId: string, length: number, circular: boolean) {
  return fc.record({
    start: fc.integer({ min: 1, max: length }),
    span: fc.integer({ min: 1, max: Math.max(1, Math.min(length - 1, 120)) }),
    strand: fc.constantFrom("+", "-"),
  }).map(({ start, span, strand }): FeatureSpec => {
    const end = start + span - 1;
    if (end <= length) return { seqId, start, stop: end, strand };
    if (circular) return { seqId, start, stop: end - length, strand, edge: true };
    return { seqId, start, stop: length, strand };
  });
}

const sequenceArb = (index: number) =>
  fc.record({
    length: fc.integer({ min: 2, max: 400 }),
    topology: fc.constantFrom<"circular" | "linear" | null>("circular", "circular", "linear", null),
  }).chain(({ length, topology }) =>
    fc.array(featureArb(`s${index}`, length, topology === "circular"), { maxLength: 25 }).map(
      (features): SeqCase => ({ seqId: `s${index}`, length, topology, features }),
    )
  );

const windowArb = (sequences: SeqCase[]) =>
  fc.record({
    which: fc.integer({ min: 0, max: sequences.length - 1 }),
    a: fc.nat(),
    b: fc.nat(),
  }).map(({ which, a, b }) => {
    const sequence = sequences[which];
    let from = (a % sequence.length) + 1;
    let to = (b % sequence.length) + 1;
    if (from > to && sequence.topology !== "circular") [from, to] = [to, from];
    return { sequence, from, to };
  });

const datasetArb = fc.integer({ min: 1, max: 3 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => sequenceArb(i))))
  .chain((sequences) =>
    fc.record({
      sequences: fc.constant(sequences),
      // An older annotation of the same sequences, which the default (latest) must not read.
      older: fc.array(
        fc.integer({ min: 0, max: sequences.length - 1 }).chain((i) =>
          featureArb(sequences[i].seqId, sequences[i].length, sequences[i].topology === "circular")
        ),
        { maxLength: 10 },
      ),
      windows: fc.array(windowArb(sequences), { minLength: 1, maxLength: 12 }),
    })
  );

engineTest(
  "featuresInRegion() equals a brute-force overlap on linear and circular sequences",
  async () => {
    // One database for every run, a genome of its own per run: the other runs' genomes must not
    // leak into an answer (and a fresh database per run made this the suite's slowest test).
    await using db = await freshDatabase();
    let run = 0;
    await fc.assert(
      fc.asyncProperty(datasetArb, async ({ sequences, older, windows }) => {
        const genome = `g${run++}`;
        const specs = sequences.map(({ seqId, length, topology }) => ({
          seqId,
          length,
          topology,
        }));
        const old = await insertAnnotation(db, genome, specs, older);
        const latest = await insertAnnotation(
          db,
          genome,
          specs,
          sequences.flatMap((s) => s.features),
        );
        const allFeatures = sequences.flatMap((s) => s.features);
        for (const { sequence, from, to } of windows) {
          // Brute force: the ids of the features that overlap the window, in id order.
          const overlapping = (features: typeof allFeatures, ids: number[]) =>
            features
              .map((f, i) => ({ f, id: ids[i] }))
              .filter(({ f }) =>
                f.seqId === sequence.seqId &&
                overlapsByPositions(
                  { start: f.start, stop: f.stop, edge: f.edge === true },
                  { from, to },
                  sequence.length,
                )
              )
              .map(({ id }) => id).sort((x, y) => x - y);
          const expected = overlapping(allFeatures, latest.featureIds);
          // The one-statement form: the same rows, in the same order, as each index below.
          const fast = await regionFeatures(db, {
            genome,
            sequence: sequence.seqId,
            from,
            to,
          });
          for (const index of ["auto", "btree"] as const) {
            const query = await featuresInRegion(db, {
              genome,
              sequence: sequence.seqId,
              from,
              to,
              index,
            });
            const rows = await query.execute();
            const got = rows.map((r) => r.id).sort((x, y) => x - y);
            assert.deepEqual(got, expected, `${index} ${sequence.topology} ${from}..${to}`);
            assert.deepEqual(fast, rows, `regionFeatures ${sequence.topology} ${from}..${to}`);
          }
          // The older annotation, chosen by id.
          const expectedOld = overlapping(older, old.featureIds);
          const query = await featuresInRegion(db, {
            genome,
            sequence: sequence.seqId,
            from,
            to,
            annotationId: old.annotationId,
          });
          const rows = await query.execute();
          assert.deepEqual(rows.map((r) => r.id).sort((x, y) => x - y), expectedOld);
          const chosen = { genome, sequence: sequence.seqId, from, to };
          assert.deepEqual(
            await regionFeatures(db, { ...chosen, annotationId: old.annotationId }),
            rows,
          );
        }
      }),
      { seed: 20261129, numRuns: 60 },
    );
  },
);

/**
 * Brute force: a feature's place in genome order seen from a window's first base — how far its
 * start lies after `from` walking along the sequence, or before `from` (negative) when the feature
 * covers `from` without starting there.
 */
function genomeOrderKey(
  f: FeatureSpec,
  from: number,
  sequence: { length: number; topology: string | null },
): number {
  if (sequence.topology !== "circular") return f.start;
  const ahead = (f.start - from + sequence.length) % sequence.length;
  const coversFrom = f.start !== from &&
    overlapsByPositions(
      { start: f.start, stop: f.stop, edge: f.edge === true },
      { from, to: from },
      sequence.length,
    );
  return coversFrom ? ahead - sequence.length : ahead;
}

engineTest(
  "featuresInRegion() lists features in genome order from the window's first base",
  async () => {
    await using db = await freshDatabase(); // one database, a genome per run, as above
    let run = 0;
    await fc.assert(
      fc.asyncProperty(datasetArb, async ({ sequences, windows }) => {
        const genome = `g${run++}`;
        const specs = sequences.map(({ seqId, length, topology }) => ({
          seqId,
          length,
          topology,
        }));
        const all = sequences.flatMap((s) => s.features);
        const { featureIds } = await insertAnnotation(db, genome, specs, all);
        for (const { sequence, from, to } of windows) {
          const expected = all
            .map((f, i) => ({ f, id: featureIds[i] }))
            .filter(({ f }) =>
              f.seqId === sequence.seqId &&
              overlapsByPositions(
                { start: f.start, stop: f.stop, edge: f.edge === true },
                { from, to },
                sequence.length,
              )
            )
            .map(({ f, id }) => ({ key: genomeOrderKey(f, from, sequence), id }))
            .sort((a, b) => a.key - b.key || a.id - b.id)
            .map(({ id }) => id);
          for (const index of ["auto", "btree"] as const) {
            const query = await featuresInRegion(db, {
              genome,
              sequence: sequence.seqId,
              from,
              to,
              index,
            });
            const got = (await query.execute()).map((r) => r.id);
            assert.deepEqual(got, expected, `${index} ${sequence.topology} ${from}..${to}`);
          }
        }
      }),
      { seed: 20261206, numRuns: 60 },
    );
  },
);

engineTest(
  "featuresInRegion() finds an origin-spanning feature from both sides of the origin",
  async () => {
    await using db = await freshDatabase();
    const { featureIds } = await insertAnnotation(
      db,
      "p",
      [{ seqId: "pA", length: 1000, topology: "circular" }],
      [
        { seqId: "pA", start: 950, stop: 30, edge: true, locusTag: "EDGE" },
        { seqId: "pA", start: 400, stop: 600, locusTag: "MID" },
        { seqId: "pA", start: 990, stop: 1000, locusTag: "END" },
      ],
    );
    const tags = async (from: number, to: number) =>
      (await (await featuresInRegion(db, { genome: "p", sequence: "pA", from, to })).execute())
        .map((r) => r.locusTag);
    assert.deepEqual(await tags(10, 20), ["EDGE"]); // after the origin
    assert.deepEqual(await tags(960, 970), ["EDGE"]); // before the origin
    assert.deepEqual(await tags(995, 5), ["EDGE", "END"]); // a window across the origin
    assert.deepEqual(await tags(31, 399), []);
    assert.deepEqual(await tags(31, 949), ["MID"]);
    const rows = await (await featuresInRegion(db, { genome: "p", sequence: "pA", from: 1, to: 1 }))
      .execute();
    assert.equal(rows[0].id, featureIds[0]);
    assert.equal(rows[0].edge, true);
    assert.ok(rows[0].start > rows[0].stop);
  },
);

engineTest("featuresInRegion() rejects bad windows with RangeError", async (t) => {
  await using db = await freshDatabase();
  await insertAnnotation(db, "g", [
    { seqId: "lin", length: 500, topology: "linear" },
    { seqId: "unk", length: 500, topology: null },
    { seqId: "circ", length: 500, topology: "circular" },
  ], []);
  const cases: [string, Record<string, unknown>, RegExp][] = [
    [
      "from > to on a linear sequence",
      { sequence: "lin", from: 400, to: 100 },
      /crosses the origin.*linear/,
    ],
    [
      "from > to on a sequence of unknown topology",
      { sequence: "unk", from: 400, to: 100 },
      /not known to be circular/,
    ],
    [
      "a position beyond the end",
      { sequence: "circ", from: 1, to: 501 },
      /"to": 501 is beyond the end/,
    ],
    ["a position 0", { sequence: "circ", from: 0, to: 10 }, /"from"/],
    ["a fractional position", { sequence: "circ", from: 1.5, to: 10 }, /"from"/],
    ["an unknown sequence", { sequence: "nope", from: 1, to: 10 }, /no sequence "nope"/],
    [
      "an unknown genome",
      { genome: "nobody", sequence: "circ", from: 1, to: 10 },
      /"nobody" has no annotation/,
    ],
    [
      "an annotation of another genome",
      { sequence: "circ", from: 1, to: 2, annotationId: 99 },
      /no annotation 99/,
    ],
  ];
  for (const [name, options, message] of cases) {
    await t.step(name, async () => {
      await assert.rejects(
        // deno-lint-ignore no-explicit-any
        featuresInRegion(db, { genome: "g", ...options } as any),
        (error: unknown) => error instanceof RangeError && message.test(error.message),
      );
    });
  }
  await t.step("a window across the origin of a circular sequence is fine", async () => {
    const query = await featuresInRegion(db, {
      genome: "g",
      sequence: "circ",
      from: 400,
      to: 100,
    });
    assert.deepEqual(await query.execute(), []);
  });
  await t.step("a missing genome name is a TypeError", async () => {
    await assert.rejects(
      // deno-lint-ignore no-explicit-any
      featuresInRegion(db, { sequence: "circ", from: 1, to: 2 } as any),
      {
        name: "TypeError",
        message: 'Invalid option "genome": expected a non-empty string, got undefined',
      },
    );
  });
});

Deno.test("featuresInRegion() binds every value and scans bounded b-tree ranges on SQLite", async () => {
  await using db = await freshDatabase();
  await insertAnnotation(db, "g", [{ seqId: "c", length: 100, topology: "circular" }], []);
  const query = await featuresInRegion(db, { genome: "g", sequence: "c", from: 90, to: 10 });
  const { sql, parameters } = query.compile();
  assert.ok(sql.includes(longFeatureWhere('"features".')), "the partial index's condition");
  assert.match(sql, / union /);
  assert.ok(!/\b90\b|\b110\b/.test(sql), "no literal coordinates in the SQL");
  assert.ok(parameters.includes(110) && parameters.includes(-10));
  assert.ok(parameters.includes(90 - REGION_SPAN_BOUND), "the scan starts one bound early");
  const { rows } = await db.executeQuery(
    CompiledQuery.raw(`explain query plan ${sql}`, [...parameters]),
  );
  const plan = rows.map((r) => (r as { detail: string }).detail).join("; ");
  assert.match(plan, /features_sequence_start_idx \(sequence_id=\? AND start>\? AND start<\?\)/);
  assert.match(plan, /features_long_idx/);
  const portable = await featuresInRegion(db, {
    genome: "g",
    sequence: "c",
    from: 90,
    to: 10,
    index: "btree",
  });
  assert.ok(!portable.compile().sql.includes(longFeatureWhere('"features".')));
});

engineTest(
  "featuresInRegion() and regionFeatures() find features longer than the scan's bound",
  async () => {
    await using db = await freshDatabase();
    const length = 4 * REGION_SPAN_BOUND;
    // Spans from 1 base to 2.5 bounds, on a circular sequence: some cross the origin.
    const features = Array.from({ length: 60 }, (_, i): FeatureSpec => {
      const start = 1 + ((i * 7919) % length);
      const end = start + ((i * 104729) % (2.5 * REGION_SPAN_BOUND));
      return end <= length
        ? { seqId: "c", start, stop: end }
        : { seqId: "c", start, stop: end - length, edge: true };
    });
    assert.ok(features.filter((f) => !f.edge && f.stop - f.start >= REGION_SPAN_BOUND).length > 5);
    assert.ok(features.some((f) => f.edge));
    const { featureIds } = await insertAnnotation(
      db,
      "g",
      [{ seqId: "c", length, topology: "circular" }],
      features,
    );
    // Per feature, how many of the positions 1 … p it covers (brute force, position by position).
    const covered = features.map((f) => {
      const sums = new Int32Array(length + 1);
      for (let p = 1; p <= length; p++) {
        const inside = f.edge ? p >= f.start || p <= f.stop : p >= f.start && p <= f.stop;
        sums[p] = sums[p - 1] + (inside ? 1 : 0);
      }
      return sums;
    });
    const meets = (sums: Int32Array, from: number, to: number) =>
      from <= to ? sums[to] - sums[from - 1] > 0 : sums[length] - sums[from - 1] + sums[to] > 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: length }),
        fc.integer({ min: 1, max: length }),
        async (from, to) => {
          const expected = featureIds.filter((_, i) => meets(covered[i], from, to));
          const options = { genome: "g", sequence: "c", from, to };
          const query = await featuresInRegion(db, options);
          const got = (await query.execute()).map((r) => r.id).sort((a, b) => a - b);
          assert.deepEqual(got, expected);
          const fast = (await regionFeatures(db, options)).map((r) => r.id);
          assert.deepEqual(fast.sort((a, b) => a - b), expected);
        },
      ),
      { numRuns: 60 },
    );
  },
);

Deno.test("regionBoxes() unrolls windows as docs/schema.md says", () => {
  assert.deepEqual(regionBoxes(10, 20, 100, false), [{ lo: 10, hi: 20 }]);
  assert.deepEqual(regionBoxes(10, 20, 100, true), [{ lo: 10, hi: 20 }, { lo: 110, hi: 120 }]);
  assert.deepEqual(regionBoxes(90, 10, 100, true), [{ lo: 90, hi: 110 }, { lo: -10, hi: 10 }]);
});

const present = reportSamples("query/features_in_region");

engineTest(
  "featuresInRegion() finds the real origin-spanning CDS of Bakta 1.8.1 (TEST_6)",
  async () => {
    await using db = await freshDatabase();
    await importRun(db, samplePath("v1.8.1-origin-spanning"), { genome: "TEST_6" });
    // The JSON has the CDS at start 971, stop 141 with edge: true on a 1,330 bp circular plasmid.
    const edge = await db.selectFrom("features").selectAll().where("edge", "=", 1).execute();
    assert.equal(edge.length, 1);
    assert.deepEqual([edge[0].start, edge[0].stop], [971, 141]);
    const ids = async (from: number, to: number) =>
      (await (await featuresInRegion(db, { genome: "TEST_6", sequence: "contig_1", from, to }))
        .execute()).map((r) => r.id);
    const sequence = await db.selectFrom("sequences").select("seq_id").executeTakeFirstOrThrow();
    assert.equal(sequence.seq_id, "contig_1");
    assert.ok((await ids(100, 120)).includes(edge[0].id), "after the origin");
    assert.ok((await ids(1300, 20)).includes(edge[0].id), "across the origin");
    assert.ok(!(await ids(142, 970)).includes(edge[0].id), "between its ends");
    // Every feature against brute force on every 50 bp window and a window across the origin.
    const all = await db.selectFrom("features").select(["id", "start", "stop", "edge"]).execute();
    for (const [from, to] of [[1, 50], [100, 200], [900, 1000], [1200, 100], [1330, 1]]) {
      const expected = all.filter((f) =>
        overlapsByPositions(
          { start: f.start, stop: f.stop, edge: f.edge === 1 },
          { from, to },
          1330,
        )
      ).map((f) => f.id).sort((a, b) => a - b);
      assert.deepEqual((await ids(from, to)).sort((a, b) => a - b), expected, `${from}..${to}`);
    }
  },
  { ignore: !present },
);
