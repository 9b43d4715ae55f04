/**
 * The FTS5 folding table (`migrations/_fts5_folding.ts`) against the running SQLite's FTS5, and
 * the tokens of both sides of the PostgreSQL search — `ftsTokens` in JavaScript (the user's
 * words) and `baktadb_fts_tokens` on the server (the index) — against the tokens FTS5 itself
 * makes of the same random text.
 */

import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import fc from "fast-check";
import { sql } from "kysely";
import { FTS5_FOLD_FROM, FTS5_FOLD_TO, readFts5Folding } from "../../migrations/_fts5_folding.ts";
import { ftsTokens } from "../../src/query/to_ts_query.ts";
import { engineTest } from "../_engines.ts";
import { freshDatabase } from "../_fresh_database.ts";

/** Characters to build text from: ASCII, and non-ASCII FTS5 folds, separates, removes or keeps. */
const ALPHABET = [
  ..."aZ_9 -.",
  ..."ÖöÉéßΒβΣσςΆάİıÆæØøÅåĲŉſµ",
  ..."–—·→±×“”‘’«»¿¡", // separators
  "\u0301",
  "\u0308",
  "\u0327", // combining diacritics
  "\u0305",
  "\u200b",
  "\u00ad", // a combining overline, zero-width space, soft hyphen
  ..."中文한국어ЖжЯя",
];

const text = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 24 }).map((cs) => cs.join(""));

/** The tokens FTS5 `unicode61` (as the store configures it) makes of each text, in order. */
function fts5Tokens(texts: readonly string[]): string[][] {
  const db = new DatabaseSync(":memory:");
  try {
    db.exec(`create virtual table t using fts5(x, tokenize = "unicode61 tokenchars '_'")`);
    db.exec("create virtual table v using fts5vocab(t, instance)");
    const insert = db.prepare("insert into t(rowid, x) values (?, ?)");
    texts.forEach((value, i) => insert.run(i + 1, value));
    const tokens = texts.map((): string[] => []);
    for (const row of db.prepare("select term, doc from v order by doc, offset").iterate()) {
      tokens[Number(row.doc) - 1].push(String(row.term));
    }
    return tokens;
  } finally {
    db.close();
  }
}

Deno.test("the FTS5 folding table is what this SQLite's FTS5 does", () => {
  const live = readFts5Folding();
  const table = new Map([...FTS5_FOLD_FROM].map((c, i) => [c, FTS5_FOLD_TO[i] ?? ""]));
  assert.equal(table.size, live.size, "as many characters changed");
  for (const [c, fate] of live) {
    assert.equal(table.get(c), fate, `U+${c.charCodeAt(0).toString(16)}`);
  }
  assert.equal(live.get("Ö"), "o");
  assert.equal(live.get("–"), " ");
  assert.equal(live.get("\u0301"), "");
});

Deno.test("ftsTokens() splits and folds random text as FTS5 does", () => {
  const samples = fc.sample(text, 2000);
  const expected = fts5Tokens(samples);
  samples.forEach((value, i) => assert.deepEqual(ftsTokens(value), expected[i], value));
});

engineTest("baktadb_fts_tokens() on the server makes FTS5's tokens", async () => {
  await using db = await freshDatabase();
  {
    const samples = fc.sample(text, 300);
    const expected = fts5Tokens(samples);
    const { rows } = await sql<{ i: number; token: string }>`
      select s.i, t.lexeme as token
      from unnest(${samples}::text[]) with ordinality as s(value, i),
        unnest(baktadb_fts_tokens(s.value, 'A')) as t(lexeme, positions, weights),
        unnest(t.positions) as p(position)
      order by s.i, p.position`.execute(db);
    const tokens = samples.map((): string[] => []);
    for (const row of rows) tokens[Number(row.i) - 1].push(row.token);
    samples.forEach((value, i) => assert.deepEqual(tokens[i], expected[i], value));
  }
}, { engines: ["postgres"] });
