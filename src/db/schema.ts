/**
 * The typed Kysely schema of a baktadb database at the latest schema (after every migration in
 * `migrations/`).
 * `docs/schema.md` documents every table and column; field comments here repeat the essentials.
 *
 * Conventions: ids are integer surrogate keys; times are ISO 8601 UTC text; booleans are integers
 * 0/1 (portable to PostgreSQL as `integer`); coordinates are 1-based inclusive, with Bakta's
 * origin-spanning convention (`edge = 1` and `start > stop`).
 *
 * @module
 */

import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "../deps/kysely.ts";

/** A column the database fills when an insert leaves it out (an autoincrement id or a default). */
type Auto<T> = Generated<T>;

/** A time stamp: ISO 8601 UTC text. */
type Timestamp = string;

/**
 * The two times of a row that is changed in place (genomes, jobs, job configurations): an insert
 * may leave both out (the column defaults fill them); `created_at` is never updated.
 */
export interface ChangedInPlace {
  /** When the row was created. */
  created_at: ColumnType<Timestamp, Timestamp | undefined, never>;
  /** When the row was last changed. */
  updated_at: ColumnType<Timestamp, Timestamp | undefined, Timestamp>;
}

/** One organism/isolate the user cares about. */
export interface GenomesTable extends ChangedInPlace {
  /** Surrogate key. */
  id: Auto<number>;
  /** Unique user-facing name, e.g. `CI-8050`. */
  name: string;
  /** Genus, where known. */
  genus: string | null;
  /** Species, where known. */
  species: string | null;
  /** Strain, where known. */
  strain: string | null;
  /** Free notes. */
  notes: string | null;
}

/** One FASTA record of one assembly version of a genome. */
export interface SequencesTable {
  /** Surrogate key. */
  id: Auto<number>;
  /** The genome. */
  genome_id: number;
  /** The assembly version (1, 2, …): a corrected assembly adds a new version. */
  version: number;
  /** The record id (FASTA header up to the first space). */
  seq_id: string;
  /** The rest of the FASTA header. */
  description: string | null;
  /** Length in bases. */
  length: number;
  /** GC content as a fraction (0–1), where the residues are known. */
  gc: number | null;
  /** `circular` or `linear`, where known. */
  topology: string | null;
  /** `chromosome`, `plasmid` or `contig`, where known. */
  type: string | null;
  /** Whether Bakta considered it complete (0/1), where known. */
  complete: number | null;
  /** Replicon name, where given. */
  name: string | null;
  /** The id in the submitted FASTA, where Bakta renamed it. */
  orig_id: string | null;
  /** The description in the submitted FASTA, where Bakta rewrote it. */
  orig_description: string | null;
  /** SHA-256 (hex) of the upper-case residues; null when the residues are unknown. */
  checksum: string | null;
  /** The residues, encoded as `residues_encoding` says; null when unknown. */
  residues: Uint8Array | null;
  /** `plain` (ASCII) or `gzip`; null when there are no residues. */
  residues_encoding: string | null;
  /** The version that superseded this one, or null while current. */
  superseded_by: number | null;
  /**
   * The stored original file (`result_files.id`, a FASTA or a GFF3 with `##FASTA`) that holds the
   * residues when they are not stored here (schema v4): `residues` is then null, `checksum` set.
   */
  residues_file_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** When the row was created. */
  created_at: ColumnType<Timestamp, Timestamp | undefined, never>;
}

/** A Bakta web job. */
export interface JobsTable extends ChangedInPlace {
  /** Surrogate key. */
  id: Auto<number>;
  /** The service's job id (a UUID). */
  job_id: string;
  /** The job's secret: never logged, printed or exported. */
  secret: string;
  /** The job name as sent. */
  name: string;
  /** The genome the job annotates, where known. */
  genome_id: number | null;
  /** The named configuration used, where one was. */
  config_id: number | null;
  /** The JobConfig sent to `start`, as JSON. */
  config_json: string;
  /** The service base URL the job lives on. */
  api_url: string;
  /**
   * The job's state: the service's `INIT`, `RUNNING`, `SUCCESSFUL`, `ERROR`, or the client's own
   * `CREATED` (initialised, not uploaded), `UPLOADED`, `IMPORTED`, `NOT_FOUND`, `UNAUTHORIZED`.
   */
  status: string;
  /** The annotation its results were imported as, once imported. */
  annotation_id: number | null;
  /** The last error met while handling the job (never holds the secret). */
  error: string | null;
  /** The service's start time, where reported. */
  started_at: Timestamp | null;
  /** The service's last update time, where reported. */
  service_updated_at: Timestamp | null;
}

/** One status change of a job. */
export interface JobEventsTable {
  /** Surrogate key. */
  id: Auto<number>;
  /** The job (`jobs.id`). */
  job_id: number;
  /** The status entered. */
  status: string;
  /** A short detail (never the secret). */
  detail: string | null;
  /** When it happened. */
  at: ColumnType<Timestamp, Timestamp | undefined, never>;
}

/** A named, reusable annotation configuration. */
export interface JobConfigsTable extends ChangedInPlace {
  /** Surrogate key. */
  id: Auto<number>;
  /** Unique name. */
  name: string;
  /** The friendly options, as JSON. */
  options_json: string;
}

/** One Bakta run over one assembly version of a genome. */
export interface AnnotationsTable {
  /** Surrogate key. */
  id: Auto<number>;
  /** The genome. */
  genome_id: number;
  /** The assembly version annotated (`sequences.version`). */
  sequence_version: number;
  /** `genome` or `proteins` (default `genome`). */
  mode: Auto<string>;
  /** `job` (a web job) or `files` (imported files). */
  source: string;
  /** The job, where `source` is `job`. */
  job_id: number | null;
  /** Bakta's version, e.g. `1.9.4`. */
  bakta_version: string | null;
  /** The database version, e.g. `5.1`. */
  db_version: string | null;
  /** `full` or `light`, where known. */
  db_type: string | null;
  /** The run's start as Bakta wrote it. */
  run_start: string | null;
  /** The run's end as Bakta wrote it. */
  run_end: string | null;
  /** The run's duration as Bakta wrote it. */
  run_duration: string | null;
  /** Total length in bases. */
  size: number | null;
  /** Number of sequences. */
  sequence_count: number | null;
  /** GC fraction. */
  gc: number | null;
  /** N fraction. */
  n_ratio: number | null;
  /** N50. */
  n50: number | null;
  /** N90. */
  n90: number | null;
  /** Coding density fraction. */
  coding_ratio: number | null;
  /** The run's genome block (organism, settings) as JSON. */
  genome_json: string | null;
  /**
   * The run's content fingerprint (schema v4, see `runFingerprint()` in
   * `src/store/run_fingerprint.ts`): SHA-256 over its Bakta version, sequence checksums and
   * canonical feature list, so that the same run imports once whatever files bring it. For a
   * proteins-mode run: SHA-256 over the sorted checksums of its files.
   */
  fingerprint: string;
  /** When it was imported. */
  imported_at: ColumnType<Timestamp, Timestamp | undefined, never>;
}

/** One original file of a run, kept byte for byte (compressed). */
export interface ResultFilesTable {
  /** Surrogate key. */
  id: Auto<number>;
  /** The annotation. */
  annotation_id: number;
  /** The format or Bakta's result key, e.g. `json`, `gff3`, `GFF3`, `png`. */
  kind: string;
  /** The file name. */
  file_name: string;
  /** Size in bytes of the original. */
  size: number;
  /** SHA-256 (hex) of the original bytes. */
  checksum: string;
  /** The content, encoded as `encoding` says. */
  content: Uint8Array;
  /** `plain` or `gzip`. */
  encoding: string;
  /**
   * 1 on the file (a GFF3 read alone) the annotation's feature records are rebuilt from (schema
   * v5): they are then not packed in `feature_originals`.
   */
  rebuilds_records: ColumnType<number, number | undefined, number>;
}

/** One feature of one annotation. */
export interface FeaturesTable {
  /** Surrogate key. */
  id: Auto<number>;
  /** The annotation. */
  annotation_id: number;
  /** The sequence (`sequences.id`). */
  sequence_id: number;
  /** The feature type in Bakta JSON naming (`cds`, `sorf`, `tRNA`, …). */
  type: string;
  /** First base, 1-based inclusive (greater than `stop` when `edge`). */
  start: number;
  /** Last base, 1-based inclusive. */
  stop: number;
  /** `+`, `-`, `.` or `?`. */
  strand: string;
  /** 1 when the feature crosses the origin of a circular sequence. */
  edge: Auto<number>;
  /** The locus tag. */
  locus_tag: string | null;
  /** The gene symbol. */
  gene: string | null;
  /** The product. */
  product: string | null;
  /** Reading frame 1–3. */
  frame: number | null;
  /** 1 for a hypothetical protein. */
  hypothetical: Auto<number>;
  /** 1 for a pseudogene. */
  pseudo: Auto<number>;
  /** `5-prime`, `3-prime`, `both`, `?` or null. */
  truncated: string | null;
  /** MD5 of the protein, where known. */
  aa_hexdigest: string | null;
  /** Protein length in residues, where known. */
  aa_length: number | null;
  /** GC fraction of the feature's nucleotides, where known. */
  nt_gc: number | null;
  /**
   * The complete original record, as JSON (`{format, record}`); or `''` when it is packed with the
   * annotation's others in `feature_originals` (schema v4: what the store writes).
   */
  original_json: string;
  /**
   * The protein's gene family (schema v3), as `familyKey()` (in `src/analysis/gene_families.ts`)
   * defines it: the smallest `UniRef90_…` accession among its `UniRef` cross-references, else the
   * smallest `UniRef50_…`, else `MD5:` + `aa_hexdigest`, else null. Set by the store at import and
   * by migration 0003 for older rows; a writer that leaves it null gets it computed at query time.
   */
  family: string | null;
  /**
   * Schema v12: the feature's cross-reference term ids (`xref_terms.id`), each once, ascending;
   * null without cross-references. SQLite: packed bytes (`migrations/_packed_term_ids.ts`), read
   * in SQL as `json_each(term_ids_json(xref_ids))`; PostgreSQL: an `integer[]`, read as
   * `unnest(xref_ids)`. Written with {@linkcode XrefTermFeaturesTable}'s rows, which must agree.
   */
  xref_ids: Generated<Uint8Array | number[] | null>;
}

/**
 * A cross-reference term (schema v5): one distinct `(db, accession)` pair, stored once however
 * many features carry it.
 */
export interface XrefTermsTable {
  /** The term id. */
  id: Generated<number>;
  /** The database, e.g. `COG`, `EC`, `GO`, `KEGG`, `UniRef`, `RefSeq`. */
  db: string;
  /** The accession within `db`. */
  accession: string;
  /**
   * Schema v8: a 32-bit hash of `(db, accession)` (`xrefTermHash`), indexed; pairs may share a
   * key, so a look-up by key compares the text too.
   */
  key: number;
}

/**
 * Schema v8: one row, bumped by every write that deletes cross-reference terms, so that a cache
 * of term ids (terms are otherwise never changed) notices.
 */
export interface XrefTermsGenerationTable {
  /** How many writes have deleted terms; starts at 0. */
  generation: number;
}

/**
 * A cross-reference of a feature, by term (schema v12; `feature_xrefs` before): the table's key
 * `(term_id, feature_id)` is the one b-tree of the links, for look-ups by term. A feature's own
 * terms are read from `features.xref_ids`. No foreign key to `features`: the store deletes an
 * annotation's links with it.
 */
export interface XrefTermFeaturesTable {
  /** The term (`xref_terms.id`). */
  term_id: number;
  /** The feature. */
  feature_id: number;
}

/**
 * The original records of an annotation's features (schema v4), packed: a JSON array, in feature
 * id order, of the records of the features whose `original_json` is `''`.
 */
export interface FeatureOriginalsTable {
  /** The annotation. */
  annotation_id: number;
  /** The JSON array, encoded as `encoding` says. */
  content: Uint8Array;
  /** `plain` or `gzip`. */
  encoding: string;
}

/** A merge of two annotations of one run (schema v4): migration 0004's report of duplicates. */
export interface AnnotationMergesTable {
  /** Surrogate key. */
  id: Auto<number>;
  /** The annotation merged away (deleted). */
  merged_id: number;
  /** The annotation kept. */
  kept_id: number;
  /** Files moved to the kept annotation. */
  files_moved: number;
  /** Files dropped (the kept annotation had a file of that name). */
  files_dropped: number;
  /** When. */
  merged_at: ColumnType<Timestamp, Timestamp | undefined, never>;
}

/** A key/value fact about a genome (schema v2), e.g. a phenotype from a sample sheet. */
export interface GenomeTraitsTable {
  /** The genome. */
  genome_id: number;
  /** The trait name, e.g. `penicillin`. */
  key: string;
  /** The value, as text. */
  value: string | null;
}

/**
 * The family dictionary (schema v10): one row per family name of a stored CDS or sORF, with its
 * representative (the member with the lowest feature id) and that member's gene and product.
 */
export interface FamiliesTable {
  /** Surrogate key, the id in the family sets. */
  id: Auto<number>;
  /** The family (`features.family`), unique. */
  name: string;
  /** The representative's gene symbol. */
  gene: string | null;
  /** The representative's product. */
  product: string | null;
  /** The representative (`features.id`). */
  feature_id: number;
}

/**
 * An annotation's family set for one feature type (schema v10): `families` packs, for `n`
 * families, three little-endian Int32 arrays of length `n` (family ids ascending, intact copies,
 * pseudogene copies).
 */
export interface AnnotationFamiliesTable {
  /** The annotation. */
  annotation_id: number;
  /** `cds` or `sorf`. */
  type: string;
  /** The packed set (`12 × n` bytes). */
  families: Uint8Array;
}

/** How many of an annotation's CDSs carry each combination of COG category accessions (schema v10). */
export interface AnnotationCogSetsTable {
  /** The annotation. */
  annotation_id: number;
  /** The category accessions concatenated (`K`, `KT`), or null for the CDSs without any. */
  categories: string | null;
  /** How many CDSs. */
  cdss: number;
}

/** The tables of a baktadb database, for `Kysely<Database>`. */
export interface Database {
  genomes: GenomesTable;
  sequences: SequencesTable;
  jobs: JobsTable;
  job_events: JobEventsTable;
  job_configs: JobConfigsTable;
  annotations: AnnotationsTable;
  result_files: ResultFilesTable;
  features: FeaturesTable;
  xref_terms: XrefTermsTable;
  xref_terms_generation: XrefTermsGenerationTable;
  xref_term_features: XrefTermFeaturesTable;
  genome_traits: GenomeTraitsTable;
  feature_originals: FeatureOriginalsTable;
  annotation_merges: AnnotationMergesTable;
  families: FamiliesTable;
  annotation_families: AnnotationFamiliesTable;
  annotation_cog_sets: AnnotationCogSetsTable;
}

/** A genome row as read. */
export type Genome = Selectable<GenomesTable>;
/** A genome row to insert. */
export type NewGenome = Insertable<GenomesTable>;
/** A genome update. */
export type GenomeUpdate = Updateable<GenomesTable>;
/** A sequence row as read. */
export type SequenceRow = Selectable<SequencesTable>;
/** A sequence row to insert. */
export type NewSequence = Insertable<SequencesTable>;
/** A job row as read. */
export type Job = Selectable<JobsTable>;
/** A job row to insert. */
export type NewJob = Insertable<JobsTable>;
/** A job update. */
export type JobUpdate = Updateable<JobsTable>;
/** A job event as read. */
export type JobEvent = Selectable<JobEventsTable>;
/** A job configuration as read. */
export type JobConfigRow = Selectable<JobConfigsTable>;
/** An annotation row as read. */
export type Annotation = Selectable<AnnotationsTable>;
/** An annotation row to insert. */
export type NewAnnotation = Insertable<AnnotationsTable>;
/** A result file row as read. */
export type ResultFile = Selectable<ResultFilesTable>;
/** A result file to insert. */
export type NewResultFile = Insertable<ResultFilesTable>;
/** A feature row as read. */
export type FeatureRow = Selectable<FeaturesTable>;
/** A feature row to insert. */
export type NewFeature = Insertable<FeaturesTable>;
/** A cross-reference link row. */
export type FeatureXref = Selectable<XrefTermFeaturesTable>;
/** A cross-reference term row. */
export type XrefTerm = Selectable<XrefTermsTable>;
