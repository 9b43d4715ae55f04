import assert from "node:assert/strict";
import { parse } from "csv-parse/sync";
import {
  formatRoaryCsv,
  ROARY_COLUMNS,
  roaryPresenceAbsence,
} from "../../src/analysis/roary_presence_absence.ts";
import { cohortFixture, familyOf } from "./_cohort.ts";

Deno.test("roaryPresenceAbsence() lists each family's locus tags per genome, as brute force", async () => {
  const { db, runs } = await cohortFixture({
    seed: 4,
    genomes: 5,
    familiesPool: 50,
    coreFamilies: 15,
  });
  const table = await roaryPresenceAbsence(db);
  assert.deepEqual(table.genomes, [...runs.keys()]);
  const expected = new Map<string, Map<string, string[]>>();
  const lengths = new Map<string, number[]>();
  for (const [genome, run] of runs) {
    for (const f of run.features) {
      const family = f.type === "cds" ? familyOf(f) : null;
      if (family === null) continue;
      if (!expected.has(family)) expected.set(family, new Map());
      const tags = expected.get(family)!.get(genome) ?? [];
      tags.push(f.locusTag!);
      expected.get(family)!.set(genome, tags);
      const sequence = run.sequences.find((q) => q.id === f.sequenceId)!;
      const length = f.start <= f.stop
        ? f.stop - f.start + 1
        : sequence.length - f.start + 1 + f.stop;
      lengths.set(family, [...(lengths.get(family) ?? []), length]);
    }
  }
  assert.equal(table.rows.length, expected.size);
  for (const row of table.rows) {
    const members = expected.get(row.family)!;
    assert.deepEqual(
      new Map([...row.members].map(([g, t]) => [g, [...t].sort()])),
      new Map([...members].map(([g, t]) => [g, [...t].sort()])),
    );
    assert.equal(row.isolates, members.size);
    assert.equal(row.sequences, [...members.values()].flat().length);
    assert.equal(row.minLength, Math.min(...lengths.get(row.family)!));
    assert.equal(row.maxLength, Math.max(...lengths.get(row.family)!));
  }
  // Gene names are unique: Scoary and Roary consumers key rows by them.
  assert.equal(new Set(table.rows.map((r) => r.gene)).size, table.rows.length);
  await db.destroy();
});

Deno.test("formatRoaryCsv() writes Roary's columns, read back by a CSV parser", async () => {
  const { db, runs } = await cohortFixture({
    seed: 4,
    genomes: 3,
    familiesPool: 30,
    coreFamilies: 10,
  });
  const table = await roaryPresenceAbsence(db);
  const records = parse(formatRoaryCsv(table)) as string[][];
  assert.deepEqual(records[0], [...ROARY_COLUMNS, ...runs.keys()]);
  assert.equal(records.length, table.rows.length + 1);
  records.slice(1).forEach((record, i) => {
    const row = table.rows[i];
    assert.equal(record[0], row.gene);
    assert.equal(Number(record[3]), row.isolates);
    assert.equal(record.slice(14).filter((c) => c !== "").length, row.isolates);
    assert.deepEqual(
      record.slice(14).flatMap((c) => (c === "" ? [] : c.split("\t"))).length,
      row.sequences,
    );
  });
  await db.destroy();
});
