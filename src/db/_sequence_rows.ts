/**
 * The one list of the `sequences` columns that describe a sequence (what Bakta reported of it and
 * its checksum), shared by the store's writer, its loader and the sequence listing; each adds the
 * storage columns it needs (residues, their encoding or file, supersession).
 *
 * @module
 */

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
