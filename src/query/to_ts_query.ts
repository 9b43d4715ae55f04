/**
 * User text as a PostgreSQL `tsquery` with the meaning of the FTS5 query of `toFtsQuery`.
 *
 * @module
 */

import type { SearchColumn } from "./search_features.ts";
import { foldLikeFts5 } from "../../migrations/_fts5_folding.ts";

/** The weight each searched column carries in `baktadb_fts_document` (migration 0001). */
const WEIGHTS: Readonly<Record<SearchColumn, string>> = { locus_tag: "A", gene: "B", product: "C" };

/**
 * A token: a run of ASCII letters, digits, `_` and non-ASCII characters (as the index makes, after
 * folding: FTS5's non-ASCII separators are spaces by then).
 */
const TOKEN = /[a-z0-9_\u0080-\u{10FFFF}]+/gu;

/**
 * Splits text into index tokens as `baktadb_fts_tokens` does on PostgreSQL (and FTS5's
 * `unicode61` on SQLite): folded by {@linkcode foldLikeFts5} (lower case without diacritics, FTS5's
 * separators), then runs of ASCII letters, digits, `_` and non-ASCII characters.
 *
 * @param text Any text.
 * @returns The tokens, in order.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ftsTokens } from "./to_ts_query.ts";
 * assert.deepEqual(ftsTokens("Beta-lactamase TEM-1*"), ["beta", "lactamase", "tem", "1"]);
 * assert.deepEqual(ftsTokens("Ölbakterie Β–Lactamase"), ["olbakterie", "β", "lactamase"]);
 * ```
 */
export function ftsTokens(text: string): string[] {
  return foldLikeFts5(text).match(TOKEN) ?? [];
}

/**
 * Turns user text into a `tsquery` (for a `::tsquery` cast, which does not re-parse lexemes) that
 * finds what FTS5 finds for `toFtsQuery(text, options)`: every word is a phrase of its tokens
 * (`'beta' <-> 'lactamase'`) that must occur within one of the columns (each lexeme carries the
 * columns' weights), the words are ANDed, a word without tokens is ignored, and with `prefix`
 * the last token of the last word matches as a prefix (`:*`; none does when the last word has no
 * tokens, as in FTS5). Lexemes are quoted, so no input is
 * read as `tsquery` syntax.
 *
 * @param words The user's words (split at white space).
 * @param columns The columns to look in.
 * @param prefix Whether the last word's last token is a prefix.
 * @returns The `tsquery` text, or `undefined` when no word has a token (nothing matches).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { toTsQuery } from "./to_ts_query.ts";
 * assert.equal(
 *   toTsQuery(["beta-lact", "'OR'"], ["gene", "product"], true),
 *   "(('beta':B <-> 'lact':B) | ('beta':C <-> 'lact':C)) & ('or':*BC)",
 * );
 * assert.equal(toTsQuery(["%", "&"], ["product"], false), undefined);
 * ```
 */
export function toTsQuery(
  words: readonly string[],
  columns: readonly SearchColumn[],
  prefix: boolean,
): string | undefined {
  // The prefix belongs to the last word as typed: when it has no tokens, no word is a prefix.
  const phrases = words.map((word, w) => ({
    tokens: ftsTokens(word),
    lastWord: prefix && w === words.length - 1,
  })).filter(({ tokens }) => tokens.length > 0);
  if (phrases.length === 0) return undefined;
  const weights = columns.map((column) => WEIGHTS[column]).sort();
  const lexeme = (token: string, weight: string, last: boolean) =>
    `'${token}':${last ? "*" : ""}${weight}`;
  return phrases.map(({ tokens, lastWord }) => {
    const at = (weight: string) =>
      tokens.map((token, t) => lexeme(token, weight, lastWord && t === tokens.length - 1))
        .join(" <-> ");
    if (tokens.length === 1) return `(${at(weights.join(""))})`;
    return `(${weights.map((weight) => `(${at(weight)})`).join(" | ")})`;
  }).join(" & ");
}
