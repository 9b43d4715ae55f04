import assert from "node:assert/strict";
import { NotFoundError } from "../../src/db/errors.ts";
import { checkWhere, selectGenomes } from "../../src/query/select_genomes.ts";
import { traitKeyOf, type WhereClause } from "../../src/query/where_clause.ts";
import { setTraits } from "../../src/store/traits_repository.ts";
import { makeRun } from "../../src/testing/factory/mod.ts";
import { formatGff3 } from "../../src/formats/gff3/format_gff3.ts";
import { readGff3 } from "../../src/formats/gff3/read_gff3.ts";
import { importRun } from "../../src/store/import_run.ts";
import { engineTest } from "../_engines.ts";
import { freshDatabase } from "../_fresh_database.ts";

/** A tiny seeded generator (xorshift), so the random cases repeat. */
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

const VALUES = ["1", "2", "10", "36", "180", "-", "95.5", "R", "S", "r", "Strep pneumoniae", "abc"];
const FIELDS = ["st", "completeness", "penicillin", "species"];
const OPS = ["=", "!=", "<", "<=", ">", ">=", "~"] as const;

/** Brute force: one clause on one genome's values, as the module documents it. */
function holds(values: Map<string, string>, clause: WhereClause): boolean {
  const stored = values.get(traitKeyOf(clause.field));
  if (stored === undefined) return false;
  if (clause.op === "~") return stored.toLowerCase().includes(clause.value.toLowerCase());
  const isNumber = (s: string) => /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s);
  const [a, b]: [number | string, number | string] = isNumber(stored) && isNumber(clause.value)
    ? [Number(stored), Number(clause.value)]
    : [stored, clause.value];
  switch (clause.op) {
    case "=":
      return a === b;
    case "!=":
      return a !== b;
    case "<":
      return a < b;
    case "<=":
      return a <= b;
    case ">":
      return a > b;
    case ">=":
      return a >= b;
  }
}

engineTest(
  "selectGenomes() agrees with a brute-force reading of random where clauses",
  async () => {
    await using db = await freshDatabase();
    const next = random(7);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
    const genomes = new Map<string, Map<string, string>>();
    for (let g = 0; g < 40; g++) {
      const name = `G${String(g).padStart(2, "0")}`;
      const { id } = await db.insertInto("genomes").values({ name }).returning("id")
        .executeTakeFirstOrThrow();
      const values = new Map<string, string>();
      for (const field of FIELDS) if (next() < 0.8) values.set(traitKeyOf(field), pick(VALUES));
      await setTraits(db, id, Object.fromEntries(values));
      genomes.set(name, values);
    }
    for (let round = 0; round < 200; round++) {
      const clauses = Array.from({ length: 1 + Math.floor(next() * 2) }, () => ({
        field: pick(FIELDS),
        op: pick(OPS),
        value: pick(VALUES),
      }));
      const expected = [...genomes].filter(([, v]) => clauses.every((c) => holds(v, c)))
        .map(([name]) => name);
      const got = (await selectGenomes(db, { where: clauses })).map((g) => g.name);
      assert.deepEqual(got, expected, JSON.stringify(clauses));
    }
  },
);

engineTest("selectGenomes() falls back to Bakta's organism for species and genus", async () => {
  await using db = await freshDatabase();
  await db.insertInto("genomes").values([
    { name: "bakta", genus: "Streptococcus", species: "pneumoniae" },
    { name: "gtdb", genus: "Streptococcus", species: "pneumoniae" },
    { name: "none" },
  ]).execute();
  const gtdb = await db.selectFrom("genomes").select("id").where("name", "=", "gtdb")
    .executeTakeFirstOrThrow();
  await setTraits(db, gtdb.id, { "gtdbtk.species": "Streptococcus mitis" });
  const names = async (where: string[]) => (await selectGenomes(db, { where })).map((g) => g.name);
  assert.deepEqual(await names(["species=Streptococcus pneumoniae"]), ["bakta"]);
  assert.deepEqual(await names(["species~MITIS"]), ["gtdb"]);
  assert.deepEqual(await names(["genus=Streptococcus"]), ["bakta", "gtdb"]);
  assert.deepEqual(await names(["species!=x"]), ["bakta", "gtdb"]);
});

engineTest("selectGenomes() combines names and clauses, and names a missing genome", async () => {
  await using db = await freshDatabase();
  for (const [name, st] of [["A", "1"], ["B", "1"], ["C", "2"]]) {
    const { id } = await db.insertInto("genomes").values({ name }).returning("id")
      .executeTakeFirstOrThrow();
    await setTraits(db, id, { "mlst.sequence_type": st });
  }
  assert.deepEqual(
    (await selectGenomes(db, { genomes: ["A", "C"], where: ["st=1"] })).map((g) => g.name),
    ["A"],
  );
  assert.deepEqual(await selectGenomes(db, { genomes: [] }), []);
  await assert.rejects(
    () => selectGenomes(db, { genomes: ["A", "Z"] }),
    (e) => e instanceof NotFoundError && e.message === 'No genome "Z"',
  );
});

Deno.test("checkWhere() rejects malformed clauses naming the option", () => {
  assert.throws(
    () => checkWhere(["st"]),
    (e) => e instanceof SyntaxError && /FIELD OP VALUE/.test(e.message),
  );
  assert.throws(
    () => checkWhere([{ field: "st", op: "<>", value: "1" }]),
    (e) => e instanceof RangeError && e.message.includes('"where"'),
  );
  assert.throws(
    () => checkWhere("st=1"),
    (e) => e instanceof RangeError && e.message.includes('"where"'),
  );
});

engineTest(
  "a genome named only by its GFF3's `# organism` line is found by species and genus",
  async () => {
    await using db = await freshDatabase();
    const made = makeRun({ seed: 11, sequences: 1, featuresPerSequence: 5 });
    const gff3 = formatGff3({
      ...made,
      genome: { taxon: "Streptococcus pneumoniae" },
    });
    assert.match(gff3, /^# organism Streptococcus pneumoniae$/m);
    const read = readGff3(gff3);
    assert.equal(read.genome.genus, undefined, "the GFF3 reader gives the taxon only");
    await importRun(db, read, { genome: "from-gff3" });
    const names = async (where: string[]) =>
      (await selectGenomes(db, { where })).map((g) => g.name);
    assert.deepEqual(await names(["species~pneumoniae"]), ["from-gff3"]);
    assert.deepEqual(await names(["species=Streptococcus pneumoniae"]), ["from-gff3"]);
    assert.deepEqual(await names(["genus=Streptococcus"]), ["from-gff3"]);
    assert.deepEqual(await names(["species~mitis"]), []);
  },
);
