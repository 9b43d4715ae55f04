/**
 * The one place where a `genomes` row becomes a {@linkcode GenomeRecord}: snake_case columns →
 * camelCase fields.
 *
 * @module
 */

import type { Genome } from "./schema.ts";

/** A genome, as the store gives it (camelCase). */
export interface GenomeRecord {
  /** Surrogate key. */
  id: number;
  /** Unique user-facing name. */
  name: string;
  /** Genus, where known. */
  genus: string | null;
  /** Species, where known. */
  species: string | null;
  /** Strain, where known. */
  strain: string | null;
  /** Free notes. */
  notes: string | null;
  /** When it was created (ISO 8601 UTC). */
  createdAt: string;
  /** When it was last changed. */
  updatedAt: string;
}

/**
 * Turns a `genomes` row into a {@linkcode GenomeRecord}.
 *
 * @param row The row.
 * @returns The record.
 *
 * @example Converting a row as `selectAll()` returns it
 * ```ts
 * import { toGenomeRecord } from "./_genome_rows.ts";
 * const genome = toGenomeRecord({
 *   id: 1, name: "C22", genus: "Escherichia", species: "coli", strain: null, notes: null,
 *   created_at: "2026-12-07T00:00:00Z", updated_at: "2026-12-07T00:00:01Z",
 * });
 * if (genome.name !== "C22" || genome.createdAt !== "2026-12-07T00:00:00Z") {
 *   throw new Error("record");
 * }
 * ```
 */
export function toGenomeRecord(row: Genome): GenomeRecord {
  return {
    id: row.id,
    name: row.name,
    genus: row.genus,
    species: row.species,
    strain: row.strain,
    notes: row.notes,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
