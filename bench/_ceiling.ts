/**
 * The ceiling of an import: the same rows through bare prepared INSERTs of `node:sqlite`'s
 * `DatabaseSync` (one statement per table, reused), in one transaction, into a fresh database file
 * with the real schema, or into bare tables without indexes or triggers.
 *
 * @module
 */

import { DatabaseSync } from "node:sqlite";
import { openDatabase } from "../src/db/open_database.ts";
import { xrefTermHash, xrefTermKey, xrefTermOfKey } from "../src/db/xref_terms.ts";
import { FEATURE_COLUMNS, type PreparedRun } from "../src/store/prepare_run.ts";
import { SEQUENCE_ROW_COLUMNS, sequenceRow } from "../src/store/write_run.ts";

async function tempDatabase(): Promise<{ dir: string; path: string }> {
  const dir = await Deno.makeTempDir({ prefix: "baktadb-ceiling-" });
  return { dir, path: `${dir}/ceiling.sqlite` };
}

/** A value bound to a `node:sqlite` statement. */
type SqlValue = string | number | null | Uint8Array;

/**
 * The ceiling: the same rows through bare prepared INSERTs (one statement per table, reused), in
 * one transaction, into a fresh database with the same schema (indexes, FTS5 and R*Tree triggers)
 * — and, for reference, into bare tables without indexes or triggers.
 */
export async function ceiling(prepared: PreparedRun[], schema: "full" | "bare") {
  const { dir, path } = await tempDatabase();
  if (schema === "full") await (await openDatabase(path)).destroy();
  const db = new DatabaseSync(path);
  db.exec("pragma journal_mode = wal; pragma synchronous = normal; pragma foreign_keys = on");
  if (schema === "bare") {
    db.exec(`create table genomes (id integer primary key, name text);
      create table sequences (id integer primary key, genome_id integer, version integer, seq_id text,
        description text, length integer, gc real, topology text, type text, complete integer,
        name text, orig_id text, orig_description text, checksum text, residues blob, residues_encoding text);
      create table annotations (id integer primary key, genome_id integer, sequence_version integer,
        source text, fingerprint text);
      create table features (${
      FEATURE_COLUMNS.map((c) => (c === "id" ? "id integer primary key" : c)).join(", ")
    });
      create table feature_xrefs (feature_id integer, db text, accession text);
      create table result_files (annotation_id integer, kind text, file_name text, size integer,
        checksum text, content blob, encoding text);`);
  }
  const insertGenome = db.prepare("insert into genomes (id, name) values (?, ?)");
  const insertSequence = db.prepare(
    `insert into sequences (${SEQUENCE_ROW_COLUMNS.join(", ")}) values (${
      SEQUENCE_ROW_COLUMNS.map(() => "?").join(", ")
    })`,
  );
  const insertAnnotation = db.prepare(
    "insert into annotations (id, genome_id, sequence_version, source, fingerprint) values (?, ?, 1, 'files', ?)",
  );
  const insertFeature = db.prepare(
    `insert into features (${FEATURE_COLUMNS.join(", ")}) values (${
      FEATURE_COLUMNS.map(() => "?").join(", ")
    })`,
  );
  // The real schema (v8) keeps each (db, accession) once, in xref_terms with its hash key, and
  // links to it; the ceiling numbers terms itself (a fresh file: one dictionary for the run).
  // v12 keeps the links by term in `xref_term_features` and each feature's ids packed on its row
  // (`features.xref_ids`, not written here: 0.46 MB of bytes for the 12 GFF3s).
  const insertTerm = schema === "full"
    ? db.prepare("insert into xref_terms (id, db, accession, key) values (?, ?, ?, ?)")
    : undefined;
  const insertXref = db.prepare(
    schema === "full"
      ? "insert or ignore into xref_term_features (feature_id, term_id) values (?, ?)"
      : "insert into feature_xrefs (feature_id, db, accession) values (?, ?, ?)",
  );
  const termIds = new Map<string, number>();
  const termOf = (xdb: string, accession: string): number => {
    const text = xrefTermKey(xdb, accession);
    let id = termIds.get(text);
    if (id === undefined) {
      termIds.set(text, id = termIds.size + 1);
      insertTerm!.run(id, xdb, accession, xrefTermHash(xdb, accession));
    }
    return id;
  };
  const insertFile = db.prepare(
    "insert into result_files (annotation_id, kind, file_name, size, checksum, content, encoding) values (?, ?, ?, ?, ?, ?, ?)",
  );
  let rows = 0;
  const t0 = performance.now();
  db.exec("begin");
  let sequenceId = 0;
  let featureId = 0;
  prepared.forEach((run, g) => {
    const genomeId = g + 1;
    insertGenome.run(genomeId, run.prefix);
    insertAnnotation.run(genomeId, genomeId, run.fingerprint);
    rows += 2;
    const seqIds = new Map<string, number>();
    for (const p of run.sequences) {
      const values = sequenceRow(++sequenceId, genomeId, 1, p) as SqlValue[];
      insertSequence.run(...values);
      seqIds.set(p.sequence.id, sequenceId);
      rows++;
    }
    const first = featureId + 1;
    run.featureRows.forEach((row, i) => {
      const values = [...row] as (string | number | null)[];
      values[0] = ++featureId;
      values[1] = genomeId;
      values[2] = seqIds.get(run.featureSequenceIds[i])!;
      insertFeature.run(...values);
      rows++;
    });
    for (let j = 0; j < run.xrefLinks.length; j += 2) {
      const index = run.xrefLinks[j];
      const { db: xdb, accession } = xrefTermOfKey(run.xrefTermKeys[run.xrefLinks[j + 1]]);
      if (insertTerm === undefined) insertXref.run(first + index, xdb, accession);
      else insertXref.run(first + index, termOf(xdb, accession));
      rows++;
    }
    for (const f of run.files) {
      insertFile.run(genomeId, f.kind, f.name, f.size, f.checksum, f.content, f.encoding);
      rows++;
    }
  });
  db.exec("commit");
  const ms = performance.now() - t0;
  db.close();
  await Deno.remove(dir, { recursive: true });
  return { ms, rows };
}
