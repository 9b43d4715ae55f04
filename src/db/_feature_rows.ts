/**
 * The one place where `features` rows become TypeScript records: snake_case columns → camelCase
 * fields (as select aliases, {@linkcode featureRecordSelection}), 0/1 flags → booleans
 * ({@linkcode FEATURE_ROWS_PLUGIN}). The store's repository, the query helpers, the CLI's feature
 * listing and the report's map data all read features through it.
 *
 * @module
 */

import type { KyselyPlugin, QueryResult, UnknownRow } from "../deps/kysely.ts";
import type { FeatureRow } from "./schema.ts";

/** A stored feature (camelCase, without its original record). */
export interface FeatureRecord {
  /** The feature's id (`features.id`). */
  id: number;
  /** The annotation it belongs to (`annotations.id`). */
  annotationId: number;
  /** The sequence row it lies on (`sequences.id`, a number; not the `contig_1` record id). */
  sequenceId: number;
  /** The feature type in Bakta JSON naming (`cds`, `sorf`, `tRNA`, …). */
  type: string;
  /** First base, 1-based inclusive; greater than `stop` when `edge` is true. */
  start: number;
  /** Last base, 1-based inclusive. */
  stop: number;
  /** `+`, `-`, `.` or `?`. */
  strand: string;
  /** True when the feature crosses the origin of a circular sequence. */
  edge: boolean;
  /** The locus tag, or null. */
  locusTag: string | null;
  /** The gene symbol, or null. */
  gene: string | null;
  /** The product, or null. */
  product: string | null;
  /** Reading frame 1–3 of a CDS/sORF, or null. */
  frame: number | null;
  /** True for a hypothetical protein. */
  hypothetical: boolean;
  /** True for a pseudogene. */
  pseudo: boolean;
  /** `5-prime`, `3-prime`, `both`, `?`, or null when the feature is whole. */
  truncated: string | null;
  /** MD5 (hex) of the protein sequence, or null. */
  aaHexdigest: string | null;
  /** Protein length in residues, or null. */
  aaLength: number | null;
  /** GC fraction (0–1) of the feature's nucleotides, or null. */
  ntGc: number | null;
}

/** The `features` columns a {@linkcode FeatureRecord} is made of, in table order. */
export const FEATURE_RECORD_COLUMNS = [
  "id",
  "annotation_id",
  "sequence_id",
  "type",
  "start",
  "stop",
  "strand",
  "edge",
  "locus_tag",
  "gene",
  "product",
  "frame",
  "hypothetical",
  "pseudo",
  "truncated",
  "aa_hexdigest",
  "aa_length",
  "nt_gc",
] as const;

/** A `features` row with the {@linkcode FEATURE_RECORD_COLUMNS}, as SQL gives it. */
export type FeatureRecordRow = Pick<FeatureRow, (typeof FEATURE_RECORD_COLUMNS)[number]>;

/** The 0/1 columns that become booleans (their field names are the same). */
const FLAG_FIELDS: readonly string[] = ["edge", "hypothetical", "pseudo"];

/** Column → field, for every column whose name changes (the others keep theirs). */
const FIELD_OF: ReadonlyMap<string, string> = new Map(
  FEATURE_RECORD_COLUMNS.filter((column) => column.includes("_")).map((column) => [
    column,
    column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase()),
  ]),
);

/** The camelCase field of each {@linkcode FEATURE_RECORD_COLUMNS} column. */
type FieldOf<C extends string> = C extends `${infer Head}_${infer Tail}`
  ? `${Head}${Capitalize<FieldOf<Tail>>}`
  : C;

/** A {@linkcode FEATURE_RECORD_COLUMNS} column. */
type FeatureRecordColumn = (typeof FEATURE_RECORD_COLUMNS)[number];

/**
 * The select list that reads a {@linkcode FeatureRecord}'s columns of `table` (`features` or its
 * alias) under their camelCase names: `"features"."locus_tag" as "locusTag"`, … Rows then need
 * only their flags turned into booleans ({@linkcode FEATURE_ROWS_PLUGIN} does it).
 *
 * @param table The table or alias the columns are read from.
 * @returns The select expressions, in {@linkcode FEATURE_RECORD_COLUMNS} order.
 *
 * @example The aliases
 * ```ts
 * import assert from "node:assert/strict";
 * import { featureRecordSelection } from "./_feature_rows.ts";
 * const selection = featureRecordSelection("f");
 * assert.equal(selection[0], "f.id as id");
 * assert.equal(selection[8], "f.locus_tag as locusTag");
 * ```
 */
export function featureRecordSelection<T extends string>(
  table: T,
): `${T}.${FeatureRecordColumn} as ${FieldOf<FeatureRecordColumn>}`[] {
  return FEATURE_RECORD_COLUMNS.map((column) =>
    `${table}.${column} as ${
      FIELD_OF.get(column) ?? column
    }` as `${T}.${FeatureRecordColumn} as ${FieldOf<FeatureRecordColumn>}`
  );
}

/**
 * Turns the 0/1 flags `edge`, `hypothetical` and `pseudo` of a row read with
 * {@linkcode featureRecordSelection} into booleans (null kept); every other field is kept.
 *
 * @param row A row whose feature columns carry their camelCase names.
 * @returns A new object; `row` is not changed. (`T` is the row's type once translated: SQL
 *   drivers type a select's rows as the caller declares them.)
 *
 * @example Flags, and a column the caller added
 * ```ts
 * import assert from "node:assert/strict";
 * import { withBooleanFlags } from "./_feature_rows.ts";
 * assert.deepEqual(
 *   withBooleanFlags({ locusTag: "X_1", edge: 1, pseudo: 0, rank: -2.5, original_json: "{}" }),
 *   { locusTag: "X_1", edge: true, pseudo: false, rank: -2.5, original_json: "{}" },
 * );
 * ```
 */
export function withBooleanFlags<T extends object>(row: Readonly<T>): T {
  const out: Record<string, unknown> = { ...row };
  for (const flag of FLAG_FIELDS) {
    const value = out[flag];
    if (value !== undefined && value !== null) out[flag] = value === 1 || value === true;
  }
  return out as T;
}

/**
 * Turns a `features` row, as selected with its SQL column names, into a {@linkcode FeatureRecord}.
 *
 * @param row The row, with at least the {@linkcode FEATURE_RECORD_COLUMNS}.
 * @returns The record: those fields only.
 *
 * @example A selected row
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "./open_database.ts";
 * import { makeRun } from "../testing/factory/make_run.ts";
 * import { importRun } from "../store/import_run.ts";
 * import { toFeatureRecord } from "./_feature_rows.ts";
 * const db = await openDatabase(":memory:");
 * await importRun(db, makeRun({ seed: 1, sequences: 1, featuresPerSequence: 5 }), { genome: "g" });
 * const row = await db.selectFrom("features").selectAll().executeTakeFirstOrThrow();
 * const record = toFeatureRecord(row);
 * assert.equal(record.locusTag, row.locus_tag);
 * assert.equal(record.edge, row.edge === 1);
 * assert.equal("original_json" in record, false);
 * await db.destroy();
 * ```
 */
export function toFeatureRecord(row: FeatureRecordRow): FeatureRecord {
  return {
    id: row.id,
    annotationId: row.annotation_id,
    sequenceId: row.sequence_id,
    type: row.type,
    start: row.start,
    stop: row.stop,
    strand: row.strand,
    edge: row.edge === 1,
    locusTag: row.locus_tag,
    gene: row.gene,
    product: row.product,
    frame: row.frame,
    hypothetical: row.hypothetical === 1,
    pseudo: row.pseudo === 1,
    truncated: row.truncated,
    aaHexdigest: row.aa_hexdigest,
    aaLength: row.aa_length,
    ntGc: row.nt_gc,
  };
}

/**
 * A Kysely plugin that applies {@linkcode withBooleanFlags} to every result row (the query itself
 * is not changed). The query helpers select {@linkcode featureRecordSelection} and add it
 * (`.withPlugin(FEATURE_ROWS_PLUGIN)`), so that rows come out as typed however they are extended.
 *
 * @example Flags of a plain select, as booleans
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "./open_database.ts";
 * import { makeRun } from "../testing/factory/make_run.ts";
 * import { importRun } from "../store/import_run.ts";
 * import { FEATURE_ROWS_PLUGIN, featureRecordSelection } from "./_feature_rows.ts";
 * const db = await openDatabase(":memory:");
 * await importRun(db, makeRun({ seed: 1, sequences: 1, featuresPerSequence: 5 }), { genome: "g" });
 * const [row] = await db.selectFrom("features").select(featureRecordSelection("features"))
 *   .withPlugin(FEATURE_ROWS_PLUGIN).limit(1).execute();
 * assert.ok("locusTag" in row && !("locus_tag" in row));
 * assert.equal(typeof (row as Record<string, unknown>).edge, "boolean");
 * await db.destroy();
 * ```
 */
export const FEATURE_ROWS_PLUGIN: KyselyPlugin = Object.freeze<KyselyPlugin>({
  transformQuery: ({ node }) => node,
  transformResult: ({ result }): Promise<QueryResult<UnknownRow>> =>
    Promise.resolve({ ...result, rows: result.rows.map(withBooleanFlags) }),
});
