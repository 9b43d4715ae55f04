/**
 * The family dictionary (`families`, schema v10) read by column: each wanted column of every
 * family as one array indexed by the family's id, from a few scans of the table in id order, each
 * column of a chunk packed by the database into one text (no row object, no per-row
 * concatenation in SQL); and the ids in name order from the unique index on `name`.
 *
 * @module
 */

import type { AliasedRawBuilder, Kysely, RawBuilder } from "../deps/kysely.ts";
import { sql } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import { isSqlite, joinedText } from "../query/_sqlite_indexes.ts";

/** How many ids one scan covers (one packed text per column each time). */
const ID_CHUNK = 1_000_000;
/** How many ids one query of the rows fallback binds. */
const ROWS_CHUNK = 500;
/** The separator of a packed text column. */
const RECORD = "\u001e";

/** The gene symbols and products of some families, at the positions the families were asked in. */
export interface FamilyDescriptions {
  /** The gene symbols (null when unknown). */
  gene: (string | null)[];
  /** The products (null when unknown). */
  product: (string | null)[];
}

/** The text columns of the dictionary; `gene` and `product` may be null. */
export type DictionaryText = "name" | "gene" | "product";

/**
 * Some columns of the dictionary, one entry per family in the order read, with each family id's
 * position in them (dense arrays: no array indexed by id with holes).
 */
export interface DictionaryColumns {
  /** The position of each family id in the columns (−1 where no family has the id). */
  rowOf: Int32Array;
  /** The text columns asked for. */
  texts: Partial<Record<DictionaryText, (string | null)[]>>;
  /** The representatives (`families.feature_id`), when asked for. */
  first?: Float64Array;
}

/**
 * Reads some columns of every family of the dictionary, indexed by id: chunks of a million ids,
 * each one query whose columns are aggregates packing the chunk's ids, representatives and texts
 * (the non-null values, with one flag character a row saying which are null), split in
 * JavaScript. A text column of a chunk whose values hold the separator (U+001E) is read again as
 * rows.
 *
 * The SQL emitted per chunk (on SQLite; elsewhere `string_agg` and casts to text):
 *
 * ```sql
 * select count(*) as rows, group_concat(id, ',') as ids, group_concat(feature_id, ',') as first,
 *   group_concat(name, X'1e') as name, group_concat(product, X'1e') as product,
 *   group_concat(case when product is null then '1' else '0' end, '') as product_nulls, …
 * from families where id >= ? and id < ?
 * ```
 *
 * @param db The database.
 * @param wanted The text columns, and whether the representatives are wanted.
 * @returns The columns, and each id's position in them.
 */
export async function readDictionaryColumns(
  db: Kysely<Database>,
  wanted: { texts: readonly DictionaryText[]; first: boolean },
): Promise<DictionaryColumns> {
  const size = await dictionarySize(db);
  const rowOf = new Int32Array(size).fill(-1);
  const texts: DictionaryColumns["texts"] = {};
  for (const name of wanted.texts) texts[name] = [];
  const first = new Float64Array(wanted.first ? size : 0);
  let rows = 0;
  for (let from = 0; from < size; from += ID_CHUNK) {
    const chunk = await readChunk(db, wanted, from, from + ID_CHUNK);
    const ids = parseIntegers(chunk.ids, new Int32Array(chunk.rows));
    for (let i = 0; i < ids.length; i++) rowOf[ids[i]] = rows + i;
    if (wanted.first) parseIntegers(chunk.first, first.subarray(rows, rows + ids.length));
    rows += ids.length;
    for (const name of wanted.texts) {
      const values = splitTexts(chunk.texts[name], chunk.nulls[name], chunk.rows) ??
        await readTextRows(db, name, ids);
      const column = texts[name]!;
      if (column.length === 0) texts[name] = values;
      else for (let i = 0; i < values.length; i++) column.push(values[i]);
    }
  }
  return { rowOf, texts, ...(wanted.first ? { first: first.subarray(0, rows) } : {}) };
}

/**
 * Every family id, in name order: one aggregate over the unique index on `name` (which holds the
 * id), packed as `id,id,…`.
 *
 * The SQL emitted (on SQLite; elsewhere `string_agg` and a cast to text):
 *
 * ```sql
 * select group_concat(id, ',') as ids from (select id from families order by name)
 * ```
 *
 * @param db The database.
 * @returns The ids.
 */
export async function familyIdsByName(db: Kysely<Database>): Promise<Int32Array> {
  const byName = db.selectFrom("families").select("families.id").orderBy("families.name");
  const row = await db.selectFrom(byName.as("d"))
    .select([
      sql<number>`count(*)`.as("rows"),
      joinedText(db, asText(db, sql.ref("d.id")), ",").as("ids"),
    ])
    .executeTakeFirst();
  return parseIntegers(row?.ids ?? null, new Int32Array(Number(row?.rows ?? 0)));
}

/** One more than the largest family id. */
export async function dictionarySize(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom("families")
    .select((eb) => eb.fn.max("families.id").as("most")).executeTakeFirst();
  return Number(row?.most ?? 0) + 1;
}

/** One chunk's packed columns. */
interface PackedChunk {
  rows: number;
  ids: string | null;
  first: string | null;
  /** Each text column's non-null values joined by U+001E. */
  texts: Partial<Record<DictionaryText, string | null>>;
  /** Each nullable text column's null flags: one character a row, `1` for null. */
  nulls: Partial<Record<DictionaryText, string | null>>;
}

/** The packed columns of the families with `from <= id < to`. */
async function readChunk(
  db: Kysely<Database>,
  wanted: { texts: readonly DictionaryText[]; first: boolean },
  from: number,
  to: number,
): Promise<PackedChunk> {
  const ref = sql.ref;
  const columns: AliasedRawBuilder<unknown, string>[] = [
    sql<number>`count(*)`.as("rows"),
    joinedText(db, asText(db, ref("families.id")), ",").as("ids"),
  ];
  if (wanted.first) {
    columns.push(joinedText(db, asText(db, ref("families.feature_id")), ",").as("first"));
  }
  for (const name of wanted.texts) {
    const value = ref(`families.${name}`);
    if (name === "name") columns.push(joinedText(db, value, RECORD).as(name));
    else {
      columns.push(joinedText(db, value, RECORD).as(name));
      const isNull = sql`case when ${value} is null then '1' else '0' end`;
      columns.push(joinedText(db, isNull, "").as(`${name}_nulls`));
    }
  }
  const row = await db.selectFrom("families").select(columns)
    .where("families.id", ">=", from)
    .where("families.id", "<", to)
    .executeTakeFirstOrThrow() as Record<string, string | number | null>;
  const chunk: PackedChunk = {
    rows: Number(row.rows),
    ids: row.ids as string | null,
    first: (row.first ?? null) as string | null,
    texts: {},
    nulls: {},
  };
  for (const name of wanted.texts) {
    chunk.texts[name] = row[name] as string | null;
    chunk.nulls[name] = (row[`${name}_nulls`] ?? null) as string | null;
  }
  return chunk;
}

/** A column cast to text where the aggregate needs text (not on SQLite, whose aggregate casts). */
function asText(db: Kysely<Database>, value: RawBuilder<unknown>): RawBuilder<unknown> {
  return isSqlite(db) ? value : sql`cast(${value} as text)`;
}

/**
 * The values of a packed text column (joined by U+001E; the aggregate skips nulls), nulls put
 * back where `nulls` (one character a row, absent for a column without nulls) holds a `1`;
 * undefined when the pieces are not the non-null values (one holds the separator).
 */
function splitTexts(
  packed: string | null | undefined,
  nulls: string | null | undefined,
  rows: number,
): (string | null)[] | undefined {
  let nonNull = rows;
  if (nulls !== null && nulls !== undefined) {
    for (let at = nulls.indexOf("1"); at >= 0; at = nulls.indexOf("1", at + 1)) nonNull--;
  }
  const pieces: (string | null)[] = packed === null || packed === undefined
    ? []
    : packed.split(RECORD);
  if (pieces.length !== nonNull) return undefined;
  if (nonNull === rows) return pieces;
  const values = new Array<string | null>(rows);
  for (let i = 0, next = 0; i < rows; i++) {
    values[i] = nulls!.charCodeAt(i) === 0x31 ? null : pieces[next++];
  }
  return values;
}

/** One text column of the families of `ids`, read as rows, at the positions of `ids`. */
async function readTextRows(
  db: Kysely<Database>,
  name: DictionaryText,
  ids: Int32Array,
): Promise<(string | null)[]> {
  const values = new Map<number, string | null>();
  for (let at = 0; at < ids.length; at += ROWS_CHUNK) {
    const rows = await db.selectFrom("families")
      .select(["families.id", `families.${name}`])
      .where("families.id", "in", [...ids.subarray(at, at + ROWS_CHUNK)])
      .execute();
    for (const row of rows) {
      values.set(row.id, (row as Record<DictionaryText, string | null>)[name]);
    }
  }
  return Array.from(ids, (id) => values.get(id) ?? null);
}

/**
 * Parses `n,n,…` (non-negative integers) into `into`, which must have room for every value.
 *
 * @param packed The text, or null for none.
 * @param into Where the values go.
 * @returns `into`, cut to the values parsed.
 * @throws {RangeError} When the text holds more values than `into` has room for.
 *
 * @example Three ids
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseIntegers } from "./_dictionary_columns.ts";
 * assert.deepEqual([...parseIntegers("3,14,159", new Int32Array(3))], [3, 14, 159]);
 * ```
 */
export function parseIntegers<T extends Int32Array | Float64Array>(
  packed: string | null,
  into: T,
): T {
  if (packed === null || packed === "") return into.subarray(0, 0) as T;
  let n = 0;
  let value = 0;
  for (let i = 0; i < packed.length; i++) {
    const code = packed.charCodeAt(i);
    if (code !== 0x2c) value = value * 10 + (code - 0x30);
    else {
      if (n >= into.length) break;
      into[n++] = value;
      value = 0;
    }
  }
  if (n >= into.length) {
    throw new RangeError(`Cannot parse the packed integers: more than ${into.length} values`);
  }
  into[n++] = value;
  return into.subarray(0, n) as T;
}
