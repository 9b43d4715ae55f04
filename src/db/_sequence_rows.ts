/**
 * The one list of the `sequences` columns that describe a sequence (what Bakta reported of it and
 * its checksum), shared by the store's writer, its loader and the sequence listing; each adds the
 * storage columns it needs (residues, their encoding or file, supersession); and the one place
 * where a `sequences` row becomes a {@linkcode SequenceRecord} and a run's sequence becomes a row
 * ({@linkcode sequenceRow}).
 *
 * @module
 */

import type { Sequence, SequenceType, Topology } from "../formats/model.ts";
import type { SequenceRow } from "./schema.ts";

/** The `sequences` columns that describe a sequence, in table order. */
export const SEQUENCE_DESCRIPTION_COLUMNS = [
  "id",
  "genome_id",
  "version",
  "seq_id",
  "description",
  "length",
  "gc",
  "topology",
  "type",
  "complete",
  "name",
  "orig_id",
  "orig_description",
  "checksum",
] as const;

/**
 * The `sequences` columns the import reads to match assembly versions, aliased to camelCase
 * (`seqId`, `supersededBy`): pass to `select`.
 */
export const SEQUENCE_MATCH_SELECTION = [
  "id",
  "version",
  "seq_id as seqId",
  "length",
  "checksum",
  "superseded_by as supersededBy",
] as const;

/** The columns of a `sequences` row, in the order of {@linkcode sequenceRow}. */
export const SEQUENCE_ROW_COLUMNS = [
  ...SEQUENCE_DESCRIPTION_COLUMNS,
  "residues",
  "residues_encoding",
] as const;

/**
 * The values of the `sequences` row of a prepared sequence, in the order of
 * {@linkcode SEQUENCE_ROW_COLUMNS}: absent fields as `null`, `complete` as 0/1.
 *
 * @param id The row id.
 * @param genomeId The genome.
 * @param version The assembly version.
 * @param p The prepared sequence (its residues encoded, checksum and GC computed).
 * @returns The row's values.
 *
 * @example A sequence without residues
 * ```ts
 * import { SEQUENCE_ROW_COLUMNS, sequenceRow } from "./_sequence_rows.ts";
 * const values = sequenceRow(7, 1, 2, {
 *   sequence: { id: "contig_1", length: 120, complete: true },
 *   checksum: null, gc: null, residues: null, encoding: null,
 * });
 * if (values.length !== SEQUENCE_ROW_COLUMNS.length) throw new Error("one value per column");
 * const row = Object.fromEntries(SEQUENCE_ROW_COLUMNS.map((c, i) => [c, values[i]]));
 * if (row.seq_id !== "contig_1" || row.complete !== 1 || row.description !== null) {
 *   throw new Error("row");
 * }
 * ```
 */
export function sequenceRow(
  id: number,
  genomeId: number,
  version: number,
  p: SequenceRowSource,
): unknown[] {
  const s = p.sequence;
  return [
    id,
    genomeId,
    version,
    s.id,
    s.description ?? null,
    s.length,
    p.gc,
    s.topology ?? null,
    s.type ?? null,
    s.complete === undefined ? null : s.complete ? 1 : 0,
    s.name ?? null,
    s.origId ?? null,
    s.origDescription ?? null,
    p.checksum,
    p.residues,
    p.encoding,
  ];
}

/** What a `sequences` row is written from: a run's sequence and what the import computed of it. */
export interface SequenceRowSource {
  /** The sequence as the run gave it. */
  sequence: Sequence;
  /** SHA-256 of the upper-case residues, or null when unknown. */
  checksum: string | null;
  /** GC fraction (0–1), where the residues are known. */
  gc: number | null;
  /** The residues to store (encoded), or null. */
  residues: Uint8Array | null;
  /** Their encoding (`plain` or `gzip`), or null. */
  encoding: string | null;
}

/** A stored sequence (camelCase, without the residues). */
export interface SequenceRecord {
  /** Surrogate key (`features.sequence_id`). */
  id: number;
  /** The genome. */
  genomeId: number;
  /** The assembly version. */
  version: number;
  /** The record id. */
  seqId: string;
  /** The rest of the FASTA header. */
  description: string | null;
  /** Length in bases. */
  length: number;
  /** GC fraction, where the residues are known. */
  gc: number | null;
  /** `circular` or `linear`. */
  topology: string | null;
  /** `chromosome`, `plasmid` or `contig`. */
  type: string | null;
  /** Whether Bakta considered it complete. */
  complete: boolean | null;
  /** Replicon name. */
  name: string | null;
  /** Submitted id, where Bakta renamed it. */
  origId: string | null;
  /** Submitted description, where Bakta rewrote it. */
  origDescription: string | null;
  /** SHA-256 of the upper-case residues, or null when unknown. */
  checksum: string | null;
  /** True when the residues are stored. */
  hasResidues: boolean;
  /** The version that superseded it, or null while current. */
  supersededBy: number | null;
  /** When it was stored. */
  createdAt: string;
}

/**
 * Turns a `sequences` row (without residues) into a {@linkcode SequenceRecord}.
 *
 * @param row The row.
 * @returns The record.
 *
 * @example Converting a row as `selectAll()` returns it
 * ```ts
 * import { toSequenceRecord } from "./_sequence_rows.ts";
 * const record = toSequenceRecord({
 *   id: 7, genome_id: 1, version: 2, seq_id: "contig_1", description: null, length: 120,
 *   gc: 0.5, topology: "circular", type: "plasmid", complete: 1, name: "pX", orig_id: "p1",
 *   orig_description: null, checksum: null, residues_encoding: null, residues_file_id: 3,
 *   superseded_by: null, created_at: "2026-12-07T00:00:00Z",
 * });
 * if (record.seqId !== "contig_1" || record.complete !== true || record.origId !== "p1") {
 *   throw new Error("record");
 * }
 * if (!record.hasResidues || record.genomeId !== 1 || record.supersededBy !== null) {
 *   throw new Error("storage fields");
 * }
 * ```
 */
export function toSequenceRecord(
  row: Omit<SequenceRow, "residues" | "residues_file_id"> & { residues_file_id?: number | null },
): SequenceRecord {
  return {
    id: row.id,
    genomeId: row.genome_id,
    version: row.version,
    seqId: row.seq_id,
    description: row.description,
    length: row.length,
    gc: row.gc,
    topology: row.topology,
    type: row.type,
    complete: row.complete === null ? null : row.complete === 1,
    name: row.name,
    origId: row.orig_id,
    origDescription: row.orig_description,
    checksum: row.checksum,
    hasResidues: row.residues_encoding !== null || (row.residues_file_id ?? null) !== null,
    supersededBy: row.superseded_by,
    createdAt: row.created_at,
  };
}

/** The description columns of a `sequences` row (see {@linkcode SEQUENCE_DESCRIPTION_COLUMNS}). */
export type SequenceDescriptionRow = Pick<
  SequenceRow,
  (typeof SEQUENCE_DESCRIPTION_COLUMNS)[number]
>;

/**
 * Turns a stored `sequences` row back into the run's {@linkcode Sequence} (the inverse of
 * {@linkcode sequenceRow}): NULL columns left out, `complete` as a boolean, fields in the order
 * the readers give them.
 *
 * @param row The row's description columns.
 * @param nt The residues, decoded by the caller, or undefined when not stored.
 * @returns The sequence.
 *
 * @example A row without residues
 * ```ts
 * import { toRunSequence } from "./_sequence_rows.ts";
 * const sequence = toRunSequence({
 *   id: 7, genome_id: 1, version: 1, seq_id: "contig_1", description: null, length: 4, gc: null,
 *   topology: "linear", type: "contig", complete: 0, name: null, orig_id: "c1",
 *   orig_description: null, checksum: null,
 * }, "ACGT");
 * if (sequence.id !== "contig_1" || sequence.complete !== false || sequence.origId !== "c1") {
 *   throw new Error("sequence");
 * }
 * if (sequence.nt !== "ACGT" || "description" in sequence || "name" in sequence) {
 *   throw new Error("absent fields");
 * }
 * ```
 */
export function toRunSequence(row: SequenceDescriptionRow, nt: string | undefined): Sequence {
  const sequence: Sequence = { id: row.seq_id, length: row.length };
  if (row.description !== null) sequence.description = row.description;
  if (row.type !== null) sequence.type = row.type as SequenceType;
  if (row.topology !== null) sequence.topology = row.topology as Topology;
  if (row.complete !== null) sequence.complete = row.complete === 1;
  if (nt !== undefined) sequence.nt = nt;
  if (row.name !== null) sequence.name = row.name;
  if (row.orig_id !== null) sequence.origId = row.orig_id;
  if (row.orig_description !== null) sequence.origDescription = row.orig_description;
  return sequence;
}
