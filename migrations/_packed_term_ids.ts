/**
 * A feature's cross-reference term ids, packed (schema v12, SQLite): the distinct ids in ascending
 * order, the first as an unsigned LEB128 varint and each next one as the varint of its difference
 * from the one before. The 12 GFF3s of `bench/store_size.ts` average 8.5 links a feature and 1.9
 * bytes a link this way, where a `(feature_id, term_id)` b-tree row costs about 11.
 *
 * SQL reads the ids through the function {@linkcode TERM_IDS_FUNCTION}, registered on every
 * connection `openDatabase` opens: it turns the bytes into a JSON array for `json_each`.
 *
 * @module
 */

/** The SQL function that turns a packed list into a JSON array of ids (null stays null). */
export const TERM_IDS_FUNCTION = "term_ids_json";

/**
 * Packs term ids: distinct, ascending, delta-coded varints. Null when there are none (a feature
 * without cross-references stores no bytes).
 *
 * @param ids The ids (any order, duplicates allowed; non-negative safe integers).
 * @returns The packed bytes, or null.
 * @throws {RangeError} When an id is not a non-negative safe integer.
 *
 * @example Three ids in two and a half bytes
 * ```ts
 * import assert from "node:assert/strict";
 * import { packTermIds, unpackTermIds } from "./_packed_term_ids.ts";
 * const packed = packTermIds([300, 5, 300, 7])!;
 * assert.deepEqual([...packed], [5, 2, 165, 2]);
 * assert.deepEqual(unpackTermIds(packed), [5, 7, 300]);
 * assert.equal(packTermIds([]), null);
 * ```
 */
export function packTermIds(ids: Iterable<number>): Uint8Array | null {
  const list = Array.isArray(ids) ? ids : [...ids];
  if (list.length === 0) return null;
  if (scratch.ids.length < list.length) grow(list.length);
  const sorted = scratch.ids.subarray(0, list.length);
  for (let k = 0; k < list.length; k++) sorted[k] = list[k];
  sorted.sort();
  const bytes = scratch.bytes;
  let length = 0;
  let previous = -1;
  for (const id of sorted) {
    if (id === previous) continue;
    if (!Number.isSafeInteger(id) || id < 0) {
      throw new RangeError(`Cannot pack term id ${id}: expected a non-negative safe integer`);
    }
    let rest = previous < 0 ? id : id - previous;
    previous = id;
    while (rest >= 0x80) {
      bytes[length++] = (rest % 0x80) | 0x80;
      rest = Math.floor(rest / 0x80);
    }
    bytes[length++] = rest;
  }
  return bytes.slice(0, length);
}

/** Reused buffers of {@linkcode packTermIds} (an import packs a few hundred thousand lists). */
const scratch = { ids: new Float64Array(64), bytes: new Uint8Array(64 * 8) };

function grow(count: number): void {
  scratch.ids = new Float64Array(count * 2);
  scratch.bytes = new Uint8Array(count * 2 * 8);
}

/**
 * The term ids of a packed list, ascending.
 *
 * @param bytes The packed list ({@linkcode packTermIds}).
 * @returns The ids.
 * @throws {RangeError} When the bytes end inside a varint.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { unpackTermIds } from "./_packed_term_ids.ts";
 * assert.deepEqual(unpackTermIds(Uint8Array.from([1, 128, 1])), [1, 129]);
 * assert.throws(() => unpackTermIds(Uint8Array.from([1, 128])), /end inside a varint/);
 * ```
 */
export function unpackTermIds(bytes: Uint8Array): number[] {
  const ids: number[] = [];
  let id = 0;
  let at = 0;
  while (at < bytes.length) {
    let delta = 0;
    let scale = 1;
    let byte: number;
    do {
      if (at === bytes.length) {
        throw new RangeError(
          `Packed term ids of ${bytes.length} bytes end inside a varint (byte ${at})`,
        );
      }
      byte = bytes[at++];
      delta += (byte & 0x7f) * scale;
      scale *= 0x80;
    } while (byte & 0x80);
    id += delta;
    ids.push(id);
  }
  return ids;
}

/**
 * The body of the SQL function {@linkcode TERM_IDS_FUNCTION}: a packed list as a JSON array text
 * (`[5,7,300]`), null for null.
 *
 * @param value The column value.
 * @returns The JSON text, or null.
 * @throws {TypeError} When the value is neither bytes nor null.
 *
 * @example Reading a feature's ids in SQL
 * ```ts
 * import assert from "node:assert/strict";
 * import { DatabaseSync } from "node:sqlite";
 * import { packTermIds, TERM_IDS_FUNCTION, termIdsJson } from "./_packed_term_ids.ts";
 * const db = new DatabaseSync(":memory:");
 * db.function(TERM_IDS_FUNCTION, { deterministic: true }, termIdsJson);
 * const rows = db.prepare(`select value from json_each(${TERM_IDS_FUNCTION}(?))`)
 *   .all(packTermIds([9, 4]));
 * assert.deepEqual(rows.map((r) => r.value), [4, 9]);
 * db.close();
 * ```
 */
export function termIdsJson(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (!(value instanceof Uint8Array)) {
    throw new TypeError(`${TERM_IDS_FUNCTION}() expects packed bytes, got ${typeof value}`);
  }
  return `[${unpackTermIds(value).join(",")}]`;
}
