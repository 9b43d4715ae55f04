/**
 * Small fixtures for the query and analysis tests (each opens its database with
 * `freshDatabase()` from `tests/_fresh_database.ts`): rows inserted with Kysely directly (no
 * store involved), and brute-force helpers that the tests compare the SQL against.
 *
 * @module
 */

import type { Kysely } from "kysely";
import type { Database } from "../../src/db/schema.ts";
import { insertFeatureXrefs } from "../../src/db/xref_terms.ts";

/** A sequence to insert. */
export interface SequenceSpec {
  /** `sequences.seq_id`. */
  seqId: string;
  /** Length in bases. */
  length: number;
  /** Topology. */
  topology?: "circular" | "linear" | null;
}

/** A feature to insert (coordinates as stored: `start > stop` when `edge`). */
export interface FeatureSpec {
  /** The sequence's `seqId`. */
  seqId: string;
  /** Type (Bakta JSON naming). */
  type?: string;
  /** First base. */
  start: number;
  /** Last base. */
  stop: number;
  /** Strand. */
  strand?: string;
  /** Crosses the origin. */
  edge?: boolean;
  /** Locus tag. */
  locusTag?: string | null;
  /** Gene. */
  gene?: string | null;
  /** Product. */
  product?: string | null;
  /** Hypothetical flag. */
  hypothetical?: boolean;
  /** Pseudo flag. */
  pseudo?: boolean;
  /** Truncation. */
  truncated?: string | null;
  /** Protein MD5. */
  aaHexdigest?: string | null;
  /** Cross-references `DB:accession` split. */
  xrefs?: { db: string; accession: string }[];
}

/** What {@linkcode insertAnnotation} created. */
export interface InsertedAnnotation {
  /** The genome id. */
  genomeId: number;
  /** The annotation id. */
  annotationId: number;
  /** Sequence row ids by `seqId`. */
  sequenceIds: Map<string, number>;
  /** Feature ids, in the order given. */
  featureIds: number[];
}

let fingerprints = 0;

/**
 * Inserts a genome (if new), its sequences (version 1, if new) and one annotation with features
 * and cross-references, with Kysely directly.
 */
export async function insertAnnotation(
  db: Kysely<Database>,
  genome: string,
  sequences: readonly SequenceSpec[],
  features: readonly FeatureSpec[],
  options: { baktaVersion?: string; version?: number } = {},
): Promise<InsertedAnnotation> {
  const version = options.version ?? 1;
  const existing = await db.selectFrom("genomes").select("id").where("name", "=", genome)
    .executeTakeFirst();
  const genomeId = existing?.id ??
    (await db.insertInto("genomes").values({ name: genome }).returning("id")
      .executeTakeFirstOrThrow()).id;
  const sequenceIds = new Map<string, number>();
  for (const spec of sequences) {
    const found = await db.selectFrom("sequences").select("id")
      .where("genome_id", "=", genomeId).where("version", "=", version)
      .where("seq_id", "=", spec.seqId).executeTakeFirst();
    const id = found?.id ?? (await db.insertInto("sequences").values({
      genome_id: genomeId,
      version,
      seq_id: spec.seqId,
      length: spec.length,
      topology: spec.topology ?? null,
    }).returning("id").executeTakeFirstOrThrow()).id;
    sequenceIds.set(spec.seqId, id);
  }
  const { id: annotationId } = await db.insertInto("annotations").values({
    genome_id: genomeId,
    sequence_version: version,
    source: "files",
    fingerprint: `fixture-${++fingerprints}-${genome}`,
    bakta_version: options.baktaVersion ?? null,
  }).returning("id").executeTakeFirstOrThrow();
  const featureIds: number[] = [];
  for (const f of features) {
    const { id } = await db.insertInto("features").values({
      annotation_id: annotationId,
      sequence_id: sequenceIds.get(f.seqId)!,
      type: f.type ?? "cds",
      start: f.start,
      stop: f.stop,
      strand: f.strand ?? "+",
      edge: f.edge ? 1 : 0,
      locus_tag: f.locusTag ?? null,
      gene: f.gene ?? null,
      product: f.product ?? null,
      hypothetical: f.hypothetical ? 1 : 0,
      pseudo: f.pseudo ? 1 : 0,
      truncated: f.truncated ?? null,
      aa_hexdigest: f.aaHexdigest ?? null,
      original_json: "{}",
    }).returning("id").executeTakeFirstOrThrow();
    featureIds.push(id);
    if (f.xrefs !== undefined && f.xrefs.length > 0) {
      await insertFeatureXrefs(db, f.xrefs.map((x) => [id, x.db, x.accession] as const));
    }
  }
  return { genomeId, annotationId, sequenceIds, featureIds };
}

/**
 * Brute force: whether a feature overlaps a window, by enumerating the positions both cover on a
 * sequence of `length` bases (circular windows and features wrap at the origin).
 */
export function overlapsByPositions(
  feature: { start: number; stop: number; edge: boolean },
  window: { from: number; to: number },
  length: number,
): boolean {
  const covered = new Set<number>();
  const cover = (from: number, to: number) => {
    for (let p = from; p <= to; p++) covered.add(p);
  };
  if (feature.edge) {
    cover(feature.start, length);
    cover(1, feature.stop);
  } else cover(feature.start, feature.stop);
  const inWindow = (p: number) =>
    window.from <= window.to
      ? p >= window.from && p <= window.to
      : p >= window.from || p <= window.to;
  for (const p of covered) if (inWindow(p)) return true;
  return false;
}

/** Brute force: the tokens FTS5's `unicode61` tokenizer (with `_` a token character) makes. */
export function tokens(text: string | null | undefined): string[] {
  if (text === null || text === undefined) return [];
  return (text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? []);
}

/**
 * Brute force: whether every word (plain letters/digits) of a query is a token of the feature's
 * locus tag, gene or product — the last one as a prefix of a token when `prefix`.
 */
export function matchesWords(
  feature: { locusTag: string | null; gene: string | null; product: string | null },
  words: readonly string[],
  prefix: boolean,
): boolean {
  if (words.length === 0) return false;
  const all = [...tokens(feature.locusTag), ...tokens(feature.gene), ...tokens(feature.product)];
  return words.every((word, i) => {
    const w = word.toLowerCase();
    return prefix && i === words.length - 1
      ? all.some((token) => token.startsWith(w))
      : all.includes(w);
  });
}
