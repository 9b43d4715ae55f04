/**
 * The stand-in's search: BakRep queries evaluated over documents, sorting and `search_after`.
 *
 * @module
 */

import type {
  BakrepDocument,
  BakrepQuery,
  BakrepSearchField,
  BakrepSort,
} from "../../bakrep/bakrep_types.ts";
import { valueAt } from "../../bakrep/search_bakrep.ts";
import type { BakrepFields } from "./make_bakrep_dataset.ts";

const NUMBER_OPS = ["==", "!=", "<", "<=", ">", ">=", "[]"];
const TEXT_OPS = ["==", "!=", "~"];

/** A document of dotted fields, as nested objects. */
export function documentOf(fields: BakrepFields): BakrepDocument {
  const doc: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(fields)) {
    const keys = path.split(".");
    let at = doc;
    for (const key of keys.slice(0, -1)) at = (at[key] ??= {}) as Record<string, unknown>;
    at[keys.at(-1)!] = value;
  }
  return doc as BakrepDocument;
}

/** The searchable fields of a catalogue (every dotted field but `id`). */
export function searchFields(catalogue: readonly BakrepFields[]): BakrepSearchField[] {
  const types = new Map<string, "text" | "number">();
  for (const fields of catalogue) {
    for (const [path, value] of Object.entries(fields)) {
      if (path !== "id") types.set(path, typeof value === "number" ? "number" : "text");
    }
  }
  return [...types].sort(([a], [b]) => a < b ? -1 : 1).map(([field, type]) => ({
    field,
    type,
    ops: type === "number" ? NUMBER_OPS : TEXT_OPS,
  }));
}

/** Whether a document matches a query; throws a RangeError for a query the service would refuse. */
export function matches(doc: BakrepDocument, query: BakrepQuery): boolean {
  switch (query.op) {
    case "and":
      return (query.value as BakrepQuery[]).every((q) => matches(doc, q));
    case "or":
      return (query.value as BakrepQuery[]).some((q) => matches(doc, q));
    case "not":
      return !matches(doc, query.value as BakrepQuery);
    case "nested":
      return matches(doc, query.value as BakrepQuery);
  }
  const leaf = query as { field: string; op: string; value: unknown };
  return compare(valueAt(doc, leaf.field), leaf.op, leaf.value);
}

function compare(actual: unknown, op: string, expected: unknown): boolean {
  if (actual === null) return op === "!=";
  if (op === "~") return String(actual).toLowerCase().includes(String(expected).toLowerCase());
  if (op === "[]") {
    const { from, to } = expected as { from: number; to: number };
    return Number(actual) >= from && Number(actual) <= to;
  }
  const numeric = typeof actual === "number";
  const a = numeric ? actual : String(actual);
  const b = numeric ? Number(expected) : String(expected);
  switch (op) {
    case "==":
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
  throw new RangeError(`unknown operator "${op}"`);
}

/** Sorts documents by the keys (ties broken by id). */
export function sortDocuments(docs: BakrepDocument[], sort: readonly BakrepSort[]): void {
  docs.sort((x, y) => compareBy(sortValues(x, sort), sortValues(y, sort), sort));
}

/** The documents after the `search_after` values. */
export function after(
  docs: readonly BakrepDocument[],
  sort: readonly BakrepSort[],
  values: readonly unknown[],
): BakrepDocument[] {
  return docs.filter((doc) => compareBy(sortValues(doc, sort), values, sort) > 0);
}

function sortValues(doc: BakrepDocument, sort: readonly BakrepSort[]): unknown[] {
  return [...sort.map((s) => valueAt(doc, s.field)), doc.id];
}

function compareBy(a: readonly unknown[], b: readonly unknown[], sort: readonly BakrepSort[]) {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const sign = sort[i]?.ord === "desc" ? -1 : 1;
    const x = a[i] as string | number | null;
    const y = b[i] as string | number | null;
    if (x === y || x === undefined || y === undefined) continue;
    if (x === null) return 1;
    if (y === null) return -1;
    return (x < y ? -1 : 1) * sign;
  }
  return 0;
}
