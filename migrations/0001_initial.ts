/**
 * Schema v1: genomes, versioned sequences, jobs and their events, named job configurations,
 * annotations, original result files, features and their cross-references; on SQLite also the
 * full-text index (FTS5) and the region index (R*Tree) with the triggers that keep them in step;
 * on PostgreSQL their counterparts (see `_postgres_0001.ts`).
 * See `docs/schema.md`.
 *
 * @module
 */

import { type Kysely, sql } from "../src/deps/kysely.ts";
import { blobType, floatType, idType, isSqlite, nowIso } from "./_dialect.ts";
import { createPostgresIndexes, dropPostgresIndexes } from "./_postgres_0001.ts";

/** Creates schema v1. */
// deno-lint-ignore no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const id = idType(db);
  const now = nowIso(db);
  const blob = blobType(db);
  const float = floatType(db);

  await db.schema.createTable("genomes")
    .addColumn("id", id, (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("genus", "text")
    .addColumn("species", "text")
    .addColumn("strain", "text")
    .addColumn("notes", "text")
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "text", (c) => c.notNull().defaultTo(now))
    .addCheckConstraint("genomes_name_not_empty", sql`length(name) > 0`)
    .execute();

  await db.schema.createTable("sequences")
    .addColumn("id", id, (c) => c.primaryKey())
    .addColumn(
      "genome_id",
      "integer",
      (c) => c.notNull().references("genomes.id").onDelete("cascade"),
    )
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("seq_id", "text", (c) => c.notNull())
    .addColumn("description", "text")
    .addColumn("length", "integer", (c) => c.notNull())
    .addColumn("gc", float)
    .addColumn("topology", "text")
    .addColumn("type", "text")
    .addColumn("complete", "integer")
    .addColumn("name", "text")
    .addColumn("orig_id", "text")
    .addColumn("orig_description", "text")
    .addColumn("checksum", "text")
    .addColumn("residues", blob)
    .addColumn("residues_encoding", "text")
    .addColumn("superseded_by", "integer")
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint("sequences_genome_version_seq_unique", ["genome_id", "version", "seq_id"])
    .addCheckConstraint("sequences_version_positive", sql`version >= 1`)
    .addCheckConstraint("sequences_length_not_negative", sql`length >= 0`)
    .addCheckConstraint(
      "sequences_topology_known",
      sql`topology is null or topology in ('circular', 'linear')`,
    )
    .addCheckConstraint(
      "sequences_type_known",
      sql`type is null or type in ('chromosome', 'plasmid', 'contig')`,
    )
    .addCheckConstraint(
      "sequences_residues_encoding_known",
      sql`residues_encoding is null or residues_encoding in ('plain', 'gzip')`,
    )
    .addCheckConstraint(
      "sequences_superseded_later",
      sql`superseded_by is null or superseded_by > version`,
    )
    .execute();
  await db.schema.createIndex("sequences_checksum_idx").on("sequences").column("checksum")
    .execute();

  await db.schema.createTable("job_configs")
    .addColumn("id", id, (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("options_json", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "text", (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema.createTable("jobs")
    .addColumn("id", id, (c) => c.primaryKey())
    .addColumn("job_id", "text", (c) => c.notNull().unique())
    .addColumn("secret", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("genome_id", "integer", (c) => c.references("genomes.id").onDelete("set null"))
    .addColumn("config_id", "integer", (c) => c.references("job_configs.id").onDelete("set null"))
    .addColumn("config_json", "text", (c) => c.notNull())
    .addColumn("api_url", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("annotation_id", "integer")
    .addColumn("error", "text")
    .addColumn("started_at", "text")
    .addColumn("service_updated_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "text", (c) => c.notNull().defaultTo(now))
    .addCheckConstraint(
      "jobs_status_known",
      sql`status in ('CREATED', 'UPLOADED', 'INIT', 'RUNNING', 'SUCCESSFUL', 'ERROR', 'IMPORTED', 'NOT_FOUND', 'UNAUTHORIZED', 'DELETED')`,
    )
    .execute();
  await db.schema.createIndex("jobs_status_idx").on("jobs").column("status").execute();

  await db.schema.createTable("job_events")
    .addColumn("id", id, (c) => c.primaryKey())
    .addColumn("job_id", "integer", (c) => c.notNull().references("jobs.id").onDelete("cascade"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("detail", "text")
    .addColumn("at", "text", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex("job_events_job_idx").on("job_events").column("job_id").execute();

  await db.schema.createTable("annotations")
    .addColumn("id", id, (c) => c.primaryKey())
    .addColumn(
      "genome_id",
      "integer",
      (c) => c.notNull().references("genomes.id").onDelete("cascade"),
    )
    .addColumn("sequence_version", "integer", (c) => c.notNull())
    .addColumn("mode", "text", (c) => c.notNull().defaultTo("genome"))
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("job_id", "integer", (c) => c.references("jobs.id").onDelete("set null"))
    .addColumn("bakta_version", "text")
    .addColumn("db_version", "text")
    .addColumn("db_type", "text")
    .addColumn("run_start", "text")
    .addColumn("run_end", "text")
    .addColumn("run_duration", "text")
    .addColumn("size", "integer")
    .addColumn("sequence_count", "integer")
    .addColumn("gc", float)
    .addColumn("n_ratio", float)
    .addColumn("n50", "integer")
    .addColumn("n90", "integer")
    .addColumn("coding_ratio", float)
    .addColumn("genome_json", "text")
    .addColumn("fingerprint", "text", (c) => c.notNull().unique())
    .addColumn("imported_at", "text", (c) => c.notNull().defaultTo(now))
    .addCheckConstraint("annotations_mode_known", sql`mode in ('genome', 'proteins')`)
    .addCheckConstraint("annotations_source_known", sql`source in ('job', 'files')`)
    .execute();
  await db.schema.createIndex("annotations_genome_idx").on("annotations").column("genome_id")
    .execute();

  await db.schema.createTable("result_files")
    .addColumn("id", id, (c) => c.primaryKey())
    .addColumn(
      "annotation_id",
      "integer",
      (c) => c.notNull().references("annotations.id").onDelete("cascade"),
    )
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("checksum", "text", (c) => c.notNull())
    .addColumn("content", blob, (c) => c.notNull())
    .addColumn("encoding", "text", (c) => c.notNull())
    .addUniqueConstraint("result_files_annotation_name_unique", ["annotation_id", "file_name"])
    .addCheckConstraint("result_files_encoding_known", sql`encoding in ('plain', 'gzip')`)
    .execute();

  await db.schema.createTable("features")
    .addColumn("id", id, (c) => c.primaryKey())
    .addColumn(
      "annotation_id",
      "integer",
      (c) => c.notNull().references("annotations.id").onDelete("cascade"),
    )
    .addColumn(
      "sequence_id",
      "integer",
      (c) => c.notNull().references("sequences.id").onDelete("cascade"),
    )
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("start", "integer", (c) => c.notNull())
    .addColumn("stop", "integer", (c) => c.notNull())
    .addColumn("strand", "text", (c) => c.notNull())
    .addColumn("edge", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("locus_tag", "text")
    .addColumn("gene", "text")
    .addColumn("product", "text")
    .addColumn("frame", "integer")
    .addColumn("hypothetical", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("pseudo", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("truncated", "text")
    .addColumn("aa_hexdigest", "text")
    .addColumn("aa_length", "integer")
    .addColumn("nt_gc", float)
    .addColumn("original_json", "text", (c) => c.notNull())
    .addCheckConstraint("features_strand_known", sql`strand in ('+', '-', '.', '?')`)
    .addCheckConstraint("features_coordinates_positive", sql`start >= 1 and stop >= 1`)
    .addCheckConstraint("features_start_before_stop", sql`edge = 1 or start <= stop`)
    .addCheckConstraint("features_edge_crosses", sql`edge = 0 or start > stop`)
    .addCheckConstraint(
      "features_flags_boolean",
      sql`edge in (0, 1) and hypothetical in (0, 1) and pseudo in (0, 1)`,
    )
    .addCheckConstraint(
      "features_truncated_known",
      sql`truncated is null or truncated in ('5-prime', '3-prime', 'both', '?')`,
    )
    .execute();
  await db.schema.createIndex("features_annotation_type_idx").on("features")
    .columns(["annotation_id", "type"]).execute();
  await db.schema.createIndex("features_sequence_start_idx").on("features")
    .columns(["sequence_id", "start", "stop"]).execute();
  await db.schema.createIndex("features_locus_tag_idx").on("features").column("locus_tag")
    .execute();
  await db.schema.createIndex("features_gene_idx").on("features").column("gene").execute();

  await db.schema.createTable("feature_xrefs")
    .addColumn(
      "feature_id",
      "integer",
      (c) => c.notNull().references("features.id").onDelete("cascade"),
    )
    .addColumn("db", "text", (c) => c.notNull())
    .addColumn("accession", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("feature_xrefs_pk", ["feature_id", "db", "accession"])
    .execute();
  await db.schema.createIndex("feature_xrefs_db_accession_idx").on("feature_xrefs")
    .columns(["db", "accession", "feature_id"]).execute();

  if (isSqlite(db)) await createSqliteIndexes(db);
  else await createPostgresIndexes(db);
}

/** Drops schema v1. */
// deno-lint-ignore no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  if (isSqlite(db)) {
    for (const trigger of ["features_ai", "features_ad", "features_au"]) {
      await sql`drop trigger if exists ${sql.id(trigger)}`.execute(db);
    }
    await sql`drop table if exists features_fts`.execute(db);
    await sql`drop table if exists features_rtree`.execute(db);
  } else await dropPostgresIndexes(db);
  for (
    const table of [
      "feature_xrefs",
      "features",
      "result_files",
      "annotations",
      "job_events",
      "jobs",
      "job_configs",
      "sequences",
      "genomes",
    ]
  ) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}

/**
 * The SQLite-only part: an external-content FTS5 index over locus tag, gene and product, and an
 * integer R*Tree over (sequence, unrolled interval) where an origin-spanning feature's interval is
 * `start .. stop + length`. Triggers keep both in step with `features`, also on cascading deletes.
 */
// deno-lint-ignore no-explicit-any
async function createSqliteIndexes(db: Kysely<any>): Promise<void> {
  await sql`create virtual table features_fts using fts5(
    locus_tag, gene, product,
    content = 'features', content_rowid = 'id',
    tokenize = "unicode61 tokenchars '_'"
  )`.execute(db);
  await sql`create virtual table features_rtree using rtree_i32(id, seq_lo, seq_hi, lo, hi)`
    .execute(db);
  const rtreeRow = (row: "new") =>
    sql.raw(`${row}.id, ${row}.sequence_id, ${row}.sequence_id, ${row}.start,
      case when ${row}.edge = 1
        then ${row}.stop + (select length from sequences where id = ${row}.sequence_id)
        else ${row}.stop end`);
  await sql`create trigger features_ai after insert on features begin
    insert into features_fts (rowid, locus_tag, gene, product)
      values (new.id, new.locus_tag, new.gene, new.product);
    insert into features_rtree (id, seq_lo, seq_hi, lo, hi) values (${rtreeRow("new")});
  end`.execute(db);
  await sql`create trigger features_ad after delete on features begin
    insert into features_fts (features_fts, rowid, locus_tag, gene, product)
      values ('delete', old.id, old.locus_tag, old.gene, old.product);
    delete from features_rtree where id = old.id;
  end`.execute(db);
  await sql`create trigger features_au after update on features begin
    insert into features_fts (features_fts, rowid, locus_tag, gene, product)
      values ('delete', old.id, old.locus_tag, old.gene, old.product);
    delete from features_rtree where id = old.id;
    insert into features_fts (rowid, locus_tag, gene, product)
      values (new.id, new.locus_tag, new.gene, new.product);
    insert into features_rtree (id, seq_lo, seq_hi, lo, hi) values (${rtreeRow("new")});
  end`.execute(db);
}
