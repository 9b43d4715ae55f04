import assert from "node:assert/strict";
import { BakrepClient } from "../../src/bakrep/bakrep_client.ts";
import { BakrepQueryError } from "../../src/bakrep/bakrep_error.ts";
import { searchBakrep } from "../../src/bakrep/search_bakrep.ts";
import { rowsToTable } from "../../src/analysis/to_table.ts";
import { startBakrepStandIn } from "../../src/testing/bakrep_stand_in/bakrep_stand_in.ts";
import type { BakrepFields } from "../../src/testing/bakrep_stand_in/make_bakrep_dataset.ts";
import { catalogue } from "./_catalogue.ts";

/** The fields the short names stand for, written out for the brute-force filter. */
const FIELD: Record<string, string> = {
  species: "gtdbtk.classification.species",
  genus: "gtdbtk.classification.genus",
  st: "mlst.sequence_type",
  completeness: "checkm2.quality.completeness",
  contamination: "checkm2.quality.contamination",
  size: "bakta.stats.size",
  contigs: "bakta.stats.no_sequences",
  country: "metadata.country",
};

/** Brute force: every clause `FIELD OP VALUE` checked directly on a dataset's fields. */
function bruteForce(fields: BakrepFields, clauses: string[]): boolean {
  return clauses.every((clause) => {
    const [, name, op, value] = /^(\w[\w.]*)(>=|<=|!=|=|<|>|~)(.*)$/.exec(clause)!;
    const actual = fields[FIELD[name] ?? name];
    if (op === "~") return String(actual).toLowerCase().includes(value.toLowerCase());
    const a = typeof actual === "number" ? actual : String(actual);
    const b = typeof actual === "number" ? Number(value) : value;
    return op === "="
      ? a === b
      : op === "!="
      ? a !== b
      : op === "<"
      ? a < b
      : op === "<="
      ? a <= b
      : op === ">"
      ? a > b
      : a >= b;
  });
}

Deno.test("searchBakrep() finds what a brute-force filter of the stand-in's catalogue finds", async (t) => {
  const datasets = catalogue(30);
  await using standIn = await startBakrepStandIn({ datasets });
  const client = new BakrepClient({ baseUrl: standIn.url });
  const cases = [
    ["species~Streptococcus pneumoniae"],
    ["species~pneumoniae", "completeness>=95"],
    ["species=Escherichia coli", "st!=-"],
    ["st=180"],
    ["contamination<2.5", "country=Kenya"],
    ["genus~staph", "completeness<=93.5", "size>0"],
    ["contigs>=2", "bakta.stats.gc>0.3"],
    ["country~a", "st=2"],
  ];
  for (const where of cases) {
    await t.step(where.join(" "), async () => {
      const expected = datasets.filter((d) => bruteForce(d.fields, where)).map((d) => d.id);
      const { rows, total } = await searchBakrep(client, { where, limit: 1000 }, { pageSize: 4 });
      assert.deepStrictEqual(rows.map((r) => r.id), expected);
      assert.equal(total, expected.length);
    });
  }
});

Deno.test("searchBakrep() pages with search_after in the sort order, up to the limit", async () => {
  const datasets = catalogue(25);
  await using standIn = await startBakrepStandIn({ datasets });
  const client = new BakrepClient({ baseUrl: standIn.url });
  const { rows, total } = await searchBakrep(
    client,
    { where: [], sort: ["completeness:desc"], limit: 20 },
    { pageSize: 6 },
  );
  const expected = [...datasets].sort((a, b) =>
    Number(b.fields["checkm2.quality.completeness"]) -
      Number(a.fields["checkm2.quality.completeness"]) || (a.id < b.id ? -1 : 1)
  ).slice(0, 20);
  assert.deepStrictEqual(rows.map((r) => r.id), expected.map((d) => d.id));
  assert.equal(total, 25);
  const table = rowsToTable(rows);
  assert.equal(table.numRows(), 20);
  assert.deepStrictEqual(table.array("id"), rows.map((r) => r.id));
  assert.equal(
    table.rollup({ m: "d => op.max(d.completeness)" }).get("m", 0),
    rows[0].completeness,
  );
  assert.equal(standIn.requests.filter((r) => r === "POST /api/v2/search").length, 4);
  const first = datasets.find((d) => d.id === rows[0].id)!;
  assert.deepStrictEqual(rows[0], {
    id: first.id,
    species: first.fields["gtdbtk.classification.species"],
    st: first.fields["mlst.sequence_type"],
    completeness: first.fields["checkm2.quality.completeness"],
    contamination: first.fields["checkm2.quality.contamination"],
    size: first.fields["bakta.stats.size"],
    contigs: first.fields["bakta.stats.no_sequences"],
    country: first.fields["metadata.country"],
  });
});

Deno.test("searchBakrep() refuses an unknown field or operator before any search, listing the valid ones", async (t) => {
  await using standIn = await startBakrepStandIn({ datasets: 2 });
  const client = new BakrepClient({ baseUrl: standIn.url });
  const cases: [string[], RegExp][] = [
    [
      ["colour=red"],
      /Unknown BakRep field "colour": use a short name \(.*species.*\) or a field \(.*checkm2\.quality\.completeness/,
    ],
    [["species<Strep"], /"gtdbtk\.classification\.species" does not take "<": it takes == != ~/],
    [["completeness>=high"], /is a number: "high" is not one/],
  ];
  for (const [where, message] of cases) {
    await t.step(where[0], async () => {
      await assert.rejects(searchBakrep(client, { where }), (e: unknown) => {
        assert.ok(e instanceof BakrepQueryError);
        assert.match(e.message, message);
        return true;
      });
    });
  }
  await assert.rejects(
    searchBakrep(client, { sort: ["colour:up"] }),
    (e: unknown) =>
      e instanceof BakrepQueryError &&
      /^Unknown BakRep field "colour": use a short name/.test(e.message),
  );
  assert.ok(!standIn.requests.includes("POST /api/v2/search"));
});
