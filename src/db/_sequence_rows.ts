/**
 * The one list of the `sequences` columns that describe a sequence (what Bakta reported of it and
 * its checksum), shared by the store's writer, its loader and the sequence listing; each adds the
 * storage columns it needs (residues, their encoding or file, supersession); and the one place
 * where a `sequences` row becomes a {@linkcode SequenceRecord}.
 *
 * @module
 */

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
