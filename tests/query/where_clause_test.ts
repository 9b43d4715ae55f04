import assert from "node:assert/strict";
import { parseWhereClause, traitKeyOf } from "../../src/query/where_clause.ts";

Deno.test("parseWhereClause() reads every operator", async (t) => {
  const cases: [string, string, string, string][] = [
    ["st=180", "st", "=", "180"],
    ["st==180", "st", "=", "180"],
    ["st!=180", "st", "!=", "180"],
    ["completeness<95", "completeness", "<", "95"],
    ["completeness<=95", "completeness", "<=", "95"],
    ["completeness>95", "completeness", ">", "95"],
    ["completeness >= 95.5", "completeness", ">=", "95.5"],
    ["species~Streptococcus pneumoniae", "species", "~", "Streptococcus pneumoniae"],
    ["gtdbtk.species='S. a'", "gtdbtk.species", "=", "S. a"],
  ];
  for (const [text, field, op, value] of cases) {
    await t.step(text, () => assert.deepEqual(parseWhereClause(text), { field, op, value }));
  }
});

Deno.test("parseWhereClause() refuses a clause without operator or value", () => {
  assert.throws(() => parseWhereClause("completeness"), {
    name: "SyntaxError",
    message: /expected FIELD OP VALUE/,
  });
  assert.throws(() => parseWhereClause("st="), {
    name: "SyntaxError",
    message: /the value is empty/,
  });
  assert.throws(() => parseWhereClause("=5"), { name: "SyntaxError", message: /"=5"/ });
});

Deno.test("traitKeyOf() maps short names and keeps other keys", () => {
  assert.equal(traitKeyOf("species"), "gtdbtk.species");
  assert.equal(traitKeyOf("completeness"), "checkm2.completeness");
  assert.equal(traitKeyOf("source"), "source");
  assert.equal(traitKeyOf("penicillin"), "penicillin");
  assert.equal(traitKeyOf("constructor"), "constructor");
});
