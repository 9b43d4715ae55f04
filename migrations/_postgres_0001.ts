/**
 * The PostgreSQL-only part of schema v1, the counterpart of SQLite's FTS5 and R*Tree tables:
 *
 * - full-text search: `baktadb_fts_document(locus_tag, gene, product)`, a `tsvector` built from
 *   the same tokens as FTS5's `unicode61` tokenizer with `tokenchars '_'` makes (runs of ASCII
 *   letters, digits, `_` and any non-ASCII character; ASCII letters folded to lower case), each
 *   column with its own weight (A locus tag, B gene, C product) so that a query can keep a phrase
 *   within one column; indexed with GIN;
 * - regions: a GiST index on `int8range(sequence_id · 2^32 + start, sequence_id · 2^32 + stop)`
 *   of the features that do not span the origin (one range look-up finds a window's features on
 *   one sequence among every genome's), and a b-tree of the few that do, per sequence.
 *
 * Only SQL that PostgreSQL and Citus both run (SQL functions, expression and partial indexes; no
 * triggers: the store reserves the ids it writes itself with `reserveIds`).
 *
 * @module
 */

import { type Kysely, sql } from "../src/deps/kysely.ts";
import { FTS5_FOLD_FROM, FTS5_FOLD_TO } from "./_fts5_folding.ts";

/** A run of characters between two tokens (a PostgreSQL regular expression). */
const TOKEN_SEPARATORS = String.raw`[^a-z0-9_\u0080-\U0010FFFF]+`;

/** Creates the functions, indexes and triggers. */
// deno-lint-ignore no-explicit-any
export async function createPostgresIndexes(db: Kysely<any>): Promise<void> {
  await createFtsTokens(db, false);
  await sql`create function baktadb_fts_document(locus_tag text, gene text, product text)
    returns tsvector language sql immutable parallel safe as $$
      select baktadb_fts_tokens(locus_tag, 'A') || baktadb_fts_tokens(gene, 'B')
        || baktadb_fts_tokens(product, 'C')
    $$`.execute(db);
  await sql`create index features_fts_idx on features
    using gin (baktadb_fts_document(locus_tag, gene, product))`.execute(db);
  await sql`create index features_region_idx on features
    using gist (int8range(sequence_id::int8 * 4294967296 + start,
      sequence_id::int8 * 4294967296 + stop, '[]'))
    where edge = 0`.execute(db);
  await sql`create index features_edge_idx on features (sequence_id) where edge = 1`.execute(db);
}

/** Drops what {@linkcode createPostgresIndexes} created (the tables' own drop takes the rest). */
// deno-lint-ignore no-explicit-any
export async function dropPostgresIndexes(db: Kysely<any>): Promise<void> {
  for (const index of ["features_fts_idx", "features_region_idx", "features_edge_idx"]) {
    await sql`drop index if exists ${sql.id(index)}`.execute(db);
  }
  await sql`drop function if exists baktadb_fts_document(text, text, text)`.execute(db);
  await sql`drop function if exists baktadb_fts_tokens(text, text)`.execute(db);
}

/**
 * Creates (or replaces) `baktadb_fts_tokens(value, weight)`: the tokens of `value` with their
 * positions and `weight`, ASCII letters folded to lower case; with `foldLikeFts5` (migration
 * 0009) also every non-ASCII character as FTS5 folds it (`migrations/_fts5_folding.ts`: lower
 * case without diacritics, separators, removed diacritics), applied only to text that has one.
 */
// deno-lint-ignore no-explicit-any
export async function createFtsTokens(db: Kysely<any>, foldLikeFts5: boolean): Promise<void> {
  const folded = foldLikeFts5
    ? sql`case when lowered ~ ${sql.lit(String.raw`[^\x01-\x7f]`)}
        then translate(lowered, ${sql.lit(FTS5_FOLD_FROM)}, ${sql.lit(FTS5_FOLD_TO)})
        else lowered end`
    : sql`lowered`;
  await sql`create or replace function baktadb_fts_tokens(value text, weight text)
    returns tsvector language sql immutable parallel safe as $$
      select coalesce(string_agg(quote_literal(token) || ':' || least(position, 16383) || weight,
        ' ')::tsvector, ''::tsvector)
      from (select translate(value, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')
          as lowered) as l,
        regexp_split_to_table(${folded}, ${sql.lit(TOKEN_SEPARATORS)})
          with ordinality as t(token, position)
      where token <> ''
    $$`.execute(db);
}
