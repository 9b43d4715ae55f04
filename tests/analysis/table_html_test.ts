import assert from "node:assert/strict";
import { rowsToTable } from "../../src/analysis/to_table.ts";
import { tableHtml } from "../../src/analysis/table_html.ts";

/** The cell texts of each body row, read back with a small independent scan of the markup. */
function bodyCells(html: string): string[][] {
  const body = html.slice(html.indexOf("<tbody>"), html.indexOf("</tbody>"));
  return [...body.matchAll(/<tr>(.*?)<\/tr>/gs)].map(([, row]) =>
    [...row.matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map(([, cell]) => cell)
  );
}

Deno.test("tableHtml() writes missing values as empty cells and keeps the others", () => {
  const html = tableHtml(rowsToTable([
    { locus_tag: "X_1", gene: null, length: 120 },
    { locus_tag: "X_2", gene: "dnaA", length: undefined },
  ]));
  assert.deepEqual(bodyCells(html), [["X_1", "", "120"], ["X_2", "dnaA", ""]]);
  assert.doesNotMatch(html, /null|undefined/);
});

Deno.test("tableHtml() writes at most `limit` rows", () => {
  const rows = Array.from({ length: 30 }, (_, i) => ({ i }));
  assert.equal(bodyCells(tableHtml(rowsToTable(rows))).length, 20);
  assert.equal(bodyCells(tableHtml(rowsToTable(rows), { limit: 3 })).length, 3);
  assert.equal(bodyCells(tableHtml(rowsToTable(rows), { limit: Infinity })).length, 30);
});

Deno.test("tableHtml() rejects a bad limit with a RangeError naming it", () => {
  for (const limit of [0, -1, 1.5, NaN]) {
    assert.throws(() => tableHtml(rowsToTable([{ a: 1 }]), { limit }), {
      name: "RangeError",
      message: new RegExp(`^Option "limit" must be a positive integer or Infinity, got ${limit}$`),
    });
  }
});
