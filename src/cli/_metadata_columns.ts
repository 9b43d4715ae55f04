/**
 * Genome metadata in the CLI's lists: the few facts shown as table columns.
 *
 * @module
 */

import { GENOME_METADATA_KEYS as K } from "../formats/genome_metadata_keys.ts";

/** The metadata shown as columns in `genomes` (header, key), when any genome has metadata. */
export const METADATA_COLUMNS: readonly [header: string, key: string][] = [
  ["source", K.source],
  ["species (GTDB)", K.gtdbSpecies],
  ["ST", K.sequenceType],
  ["completeness", K.completeness],
  ["contamination", K.contamination],
];
