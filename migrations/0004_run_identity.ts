/**
 * Schema v4: a run is stored once, and each byte of it once.
 *
 * - **Identity by content.** `annotations.fingerprint` becomes the run's content fingerprint (see
 *   {@linkcode contentFingerprint}: Bakta version, sequence checksums, the canonical feature list)
 *   instead of a digest of the files that brought it. Annotations of an existing database that
 *   share one are merged into the oldest: their original files are moved to it (unless it holds a
 *   file of that name), their jobs point to it, and each merge is recorded in `annotation_merges`
 *   (the report).
 * - **Originals packed.** Each annotation's original feature records move from
 *   `features.original_json` (emptied to `''`) into one gzipped JSON array per annotation,
 *   `feature_originals`, in feature id order.
 * - **Residues by reference.** `sequences.residues_file_id` names a stored original file (a FASTA or
 *   a GFF3 with `##FASTA`) that holds a sequence's residues, so they are not stored twice. Existing
 *   rows keep their residues.
 * - **Narrower indexes.** `feature_xrefs` is rebuilt in its primary key's b-tree (SQLite
 *   `without rowid`: two copies of each cross-reference instead of three; PostgreSQL keeps the
 *   table of 0001, a heap with its key, `feature_xrefs_pk`, in an index either way);
 *   `features_annotation_type_idx` is dropped (a prefix of the 0003 covering index);
 *   `result_files_checksum_idx` finds files stored before.
 * - **Indexes filled per run** (SQLite): the insert trigger of the FTS5 and R*Tree indexes skips
 *   rows while `features_index_state.deferred` is 1; the store sets it inside its write
 *   transaction and fills both indexes with one `insert … select` per run. Delete and update
 *   triggers are unchanged.
 *
 * All or nothing (a savepoint on SQLite, where Kysely runs migrations outside a transaction), so a
 * migration killed halfway leaves schema v3 and runs again from the start.
 *
 * The fingerprint rule is copied here (not imported from `src/store/run_fingerprint.ts`) so that
 * the migration stays as written.
 *
 * @module
 */

import { type Kysely, sql } from "../src/deps/kysely.ts";
import { createHash } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import { blobType, idType, isSqlite, nowIso, withoutRowid } from "./_dialect.ts";

/** Creates schema v4 from v3, keeping (and merging) the data. */
// deno-lint-ignore no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = isSqlite(db);
  if (sqlite) await sql`savepoint run_identity`.execute(db);
  try {
    await createTables(db);
    await mergeDuplicateRuns(db);
    await packOriginals(db);
    if (sqlite) await rebuildXrefs(db);
    await db.schema.dropIndex("features_annotation_type_idx").execute();
    await db.schema.createIndex("result_files_checksum_idx").on("result_files")
      .column("checksum").execute();
    if (sqlite) await deferInsertTrigger(db);
  } catch (error) {
    if (sqlite) await sql`rollback to run_identity`.execute(db);
    throw error;
  } finally {
    if (sqlite) await sql`release run_identity`.execute(db);
  }
}

/**
 * Back to schema v3's tables (merged annotations stay merged; packed originals are unpacked into
 * `features.original_json`; residues kept by reference stay null).
 */
// deno-lint-ignore no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await unpackOriginals(db);
  await db.schema.dropTable("feature_originals").execute();
  await db.schema.dropTable("annotation_merges").execute();
  await db.schema.dropIndex("result_files_checksum_idx").execute();
  await db.schema.alterTable("sequences").dropColumn("residues_file_id").execute();
  await db.schema.createIndex("features_annotation_type_idx").on("features")
    .columns(["annotation_id", "type"]).execute();
  if (isSqlite(db)) {
    await sql`drop trigger features_ai`.execute(db);
    await sql`drop table features_index_state`.execute(db);
    await sql.raw(insertTrigger("")).execute(db);
  }
}

// deno-lint-ignore no-explicit-any
async function createTables(db: Kysely<any>): Promise<void> {
  await db.schema.createTable("feature_originals")
    .addColumn(
      "annotation_id",
      "integer",
      (c) => c.primaryKey().references("annotations.id").onDelete("cascade"),
    )
    .addColumn("content", blobType(db), (c) => c.notNull())
    .addColumn("encoding", "text", (c) => c.notNull())
    .addCheckConstraint("feature_originals_encoding_known", sql`encoding in ('plain', 'gzip')`)
    .execute();
  await db.schema.createTable("annotation_merges")
    .addColumn("id", idType(db), (c) => c.primaryKey())
    .addColumn("merged_id", "integer", (c) => c.notNull())
    .addColumn(
      "kept_id",
      "integer",
      (c) => c.notNull().references("annotations.id").onDelete("cascade"),
    )
    .addColumn("files_moved", "integer", (c) => c.notNull())
    .addColumn("files_dropped", "integer", (c) => c.notNull())
    .addColumn("merged_at", "text", (c) => c.notNull().defaultTo(nowIso(db)))
    .execute();
  await db.schema.alterTable("sequences")
    .addColumn("residues_file_id", "integer", (c) => c.references("result_files.id"))
    .execute();
}

/** An annotation's content, as the fingerprint reads it. */
interface RunContent {
  baktaVersion: string | null;
  sequences: { seqId: string; checksum: string | null }[];
  features: {
    seqId: string;
    type: string;
    start: number;
    stop: number;
    strand: string;
    locusTag: string | null;
  }[];
}

/**
 * The content fingerprint of a run: SHA-256 over a text of its Bakta version, its sequences'
 * checksums (sorted; `id:<seq id>` for a sequence without residues), and its features' canonical
 * lines (sorted): sequence id, type (`oriV`/`oriC` as `ori`: GFF3 and INSDC write both as oriC),
 * start, stop, strand, locus tag.
 */
function contentFingerprint(run: RunContent): string {
  const sequences = run.sequences.map((s) => s.checksum ?? `id:${s.seqId}`).sort();
  const features = run.features.map((f) =>
    [
      f.seqId,
      f.type === "oriV" || f.type === "oriC" ? "ori" : f.type,
      f.start,
      f.stop,
      f.strand,
      f.locusTag ?? "",
    ].join("\t")
  ).sort();
  const text = [
    "baktadb-run 1",
    `bakta ${run.baktaVersion ?? ""}`,
    sequences.join(","),
    ...features,
  ]
    .join("\n");
  return createHash("sha256").update(text).digest("hex");
}

/** One annotation of a genome-mode run, with its new fingerprint. */
interface Fingerprinted {
  id: number;
  jobId: number | null;
  fingerprint: string;
}

/**
 * Gives every genome-mode annotation its content fingerprint, merging the annotations that share
 * one into the oldest.
 */
// deno-lint-ignore no-explicit-any
async function mergeDuplicateRuns(db: Kysely<any>): Promise<void> {
  const annotations = await db.selectFrom("annotations")
    .select(["id", "genome_id", "sequence_version", "bakta_version", "job_id"])
    .where("mode", "=", "genome").orderBy("id").execute();
  const kept = new Map<string, Fingerprinted>();
  for (const a of annotations) {
    const fingerprint = contentFingerprint(await runContent(db, a));
    const first = kept.get(fingerprint);
    if (first === undefined) {
      kept.set(fingerprint, { id: a.id, jobId: a.job_id, fingerprint });
    } else {
      await mergeInto(db, a.id, first);
    }
  }
  // Two passes, so that no new fingerprint meets an old one still stored under the unique key.
  for (const { id } of kept.values()) {
    await db.updateTable("annotations").set({ fingerprint: `v4-pending:${id}` })
      .where("id", "=", id).execute();
  }
  for (const { id, fingerprint } of kept.values()) {
    await db.updateTable("annotations").set({ fingerprint }).where("id", "=", id).execute();
  }
}

// deno-lint-ignore no-explicit-any
async function runContent(db: Kysely<any>, a: any): Promise<RunContent> {
  const sequences = await db.selectFrom("sequences").select(["seq_id", "checksum"])
    .where("genome_id", "=", a.genome_id).where("version", "=", a.sequence_version).execute();
  const features = await db.selectFrom("features as f")
    .innerJoin("sequences as s", "s.id", "f.sequence_id")
    .select(["s.seq_id", "f.type", "f.start", "f.stop", "f.strand", "f.locus_tag"])
    .where("f.annotation_id", "=", a.id).execute();
  return {
    baktaVersion: a.bakta_version,
    // deno-lint-ignore no-explicit-any
    sequences: sequences.map((s: any) => ({ seqId: s.seq_id, checksum: s.checksum })),
    // deno-lint-ignore no-explicit-any
    features: features.map((f: any) => ({
      seqId: f.seq_id,
      type: f.type,
      start: Number(f.start),
      stop: Number(f.stop),
      strand: f.strand,
      locusTag: f.locus_tag,
    })),
  };
}

/**
 * Merges annotation `duplicate` into `keeper`: moves the files the keeper lacks (by name), points
 * the jobs to the keeper (which takes the duplicate's job when it has none), records the merge and
 * deletes the duplicate (its features by cascade).
 */
// deno-lint-ignore no-explicit-any
async function mergeInto(db: Kysely<any>, duplicate: number, keeper: Fingerprinted) {
  const names = (await db.selectFrom("result_files").select("file_name")
    .where("annotation_id", "=", keeper.id).execute()).map((r) => r.file_name as string);
  const files = await db.selectFrom("result_files").select(["id", "file_name"])
    .where("annotation_id", "=", duplicate).execute();
  const moving = files.filter((f) => !names.includes(f.file_name)).map((f) => f.id as number);
  if (moving.length > 0) {
    await db.updateTable("result_files").set({ annotation_id: keeper.id })
      .where("id", "in", moving).execute();
  }
  const job = await db.selectFrom("annotations").select("job_id").where("id", "=", duplicate)
    .executeTakeFirstOrThrow();
  if (keeper.jobId === null && job.job_id !== null) {
    keeper.jobId = job.job_id;
    await db.updateTable("annotations").set({ job_id: job.job_id, source: "job" })
      .where("id", "=", keeper.id).execute();
  }
  await db.updateTable("jobs").set({ annotation_id: keeper.id })
    .where("annotation_id", "=", duplicate).execute();
  await db.insertInto("annotation_merges").values({
    merged_id: duplicate,
    kept_id: keeper.id,
    files_moved: moving.length,
    files_dropped: files.length - moving.length,
  }).execute();
  await db.deleteFrom("annotations").where("id", "=", duplicate).execute();
}

/**
 * Moves every annotation's original records into `feature_originals` (one gzipped JSON array in
 * feature id order) and empties `features.original_json`. On SQLite the update trigger (which
 * re-indexes text and coordinates, none of which change) is set aside meanwhile.
 */
// deno-lint-ignore no-explicit-any
async function packOriginals(db: Kysely<any>): Promise<void> {
  const trigger = await setAsideUpdateTrigger(db);
  const annotations = await db.selectFrom("annotations").select("id").orderBy("id").execute();
  for (const { id } of annotations) {
    const rows = await db.selectFrom("features").select("original_json")
      .where("annotation_id", "=", id).where("original_json", "<>", "").orderBy("id").execute();
    if (rows.length === 0) continue;
    const text = `[${rows.map((r) => r.original_json).join(",")}]`;
    const packed = gzipSync(new TextEncoder().encode(text), { level: 6 });
    await db.insertInto("feature_originals").values({
      annotation_id: id,
      content: new Uint8Array(packed.buffer, packed.byteOffset, packed.length),
      encoding: "gzip",
    }).execute();
    await db.updateTable("features").set({ original_json: "" }).where("annotation_id", "=", id)
      .execute();
  }
  if (trigger !== undefined) await sql.raw(trigger).execute(db);
}

/** The reverse of {@linkcode packOriginals}, for `down`. */
// deno-lint-ignore no-explicit-any
async function unpackOriginals(db: Kysely<any>): Promise<void> {
  const trigger = await setAsideUpdateTrigger(db);
  const packs = await db.selectFrom("feature_originals").selectAll().execute();
  for (const pack of packs) {
    const bytes = pack.encoding === "gzip" ? gunzipSync(pack.content) : pack.content;
    const records = JSON.parse(new TextDecoder().decode(bytes)) as unknown[];
    const ids = await db.selectFrom("features").select("id")
      .where("annotation_id", "=", pack.annotation_id).where("original_json", "=", "")
      .orderBy("id").execute();
    for (let i = 0; i < ids.length; i++) {
      await db.updateTable("features").set({ original_json: JSON.stringify(records[i]) })
        .where("id", "=", ids[i].id).execute();
    }
  }
  if (trigger !== undefined) await sql.raw(trigger).execute(db);
}

/** Drops SQLite's `features_au` trigger and gives back its SQL, to put it back as it was. */
// deno-lint-ignore no-explicit-any
async function setAsideUpdateTrigger(db: Kysely<any>): Promise<string | undefined> {
  if (!isSqlite(db)) return undefined;
  const row = await sql<{ sql: string }>`select sql from sqlite_master
    where type = 'trigger' and name = 'features_au'`.execute(db);
  const trigger = row.rows[0]?.sql;
  if (trigger !== undefined) await sql`drop trigger features_au`.execute(db);
  return trigger;
}

/**
 * Rebuilds `feature_xrefs` in its primary key's b-tree (SQLite) with the same rows. Not run on
 * PostgreSQL, where `withoutRowid` is nothing and the rebuild would only rename the key.
 */
// deno-lint-ignore no-explicit-any
async function rebuildXrefs(db: Kysely<any>): Promise<void> {
  await db.schema.createTable("feature_xrefs_v4")
    .addColumn(
      "feature_id",
      "integer",
      (c) => c.notNull().references("features.id").onDelete("cascade"),
    )
    .addColumn("db", "text", (c) => c.notNull())
    .addColumn("accession", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("feature_xrefs_key", ["feature_id", "db", "accession"])
    .modifyEnd(withoutRowid(db))
    .execute();
  await db.insertInto("feature_xrefs_v4").columns(["feature_id", "db", "accession"])
    .expression(db.selectFrom("feature_xrefs").select(["feature_id", "db", "accession"]))
    .execute();
  await db.schema.dropTable("feature_xrefs").execute();
  await db.schema.alterTable("feature_xrefs_v4").renameTo("feature_xrefs").execute();
  await db.schema.createIndex("feature_xrefs_db_accession_idx").on("feature_xrefs")
    .columns(["db", "accession", "feature_id"]).execute();
}

/** The SQL of SQLite's insert trigger of the FTS5 and R*Tree indexes, with a `when` clause. */
function insertTrigger(when: string): string {
  return `create trigger features_ai after insert on features ${when} begin
    insert into features_fts (rowid, locus_tag, gene, product)
      values (new.id, new.locus_tag, new.gene, new.product);
    insert into features_rtree (id, seq_lo, seq_hi, lo, hi) values (new.id, new.sequence_id,
      new.sequence_id, new.start, case when new.edge = 1
        then new.stop + (select length from sequences where id = new.sequence_id)
        else new.stop end);
  end`;
}

/** SQLite: the insert trigger skips rows while `features_index_state.deferred` is 1. */
// deno-lint-ignore no-explicit-any
async function deferInsertTrigger(db: Kysely<any>): Promise<void> {
  await sql`create table features_index_state (deferred integer not null
    check (deferred in (0, 1)))`.execute(db);
  await sql`insert into features_index_state (deferred) values (0)`.execute(db);
  await sql`drop trigger features_ai`.execute(db);
  await sql.raw(insertTrigger("when (select deferred from features_index_state) = 0"))
    .execute(db);
}
