/**
 * The second half of an import, inside one transaction: find or create the genome, match or add
 * the assembly version, and insert the annotation, its features, cross-references and files.
 *
 * @module
 */

import { writeAnnotationSummaries } from "./_write_annotation_summaries.ts";
import type { Kysely } from "../deps/kysely.ts";
import type { Database, NewAnnotation } from "../db/schema.ts";
import { bulkInsert, insertIdPairs } from "./_bulk_insert.ts";
import { FEATURE_COLUMNS, type PreparedRun, type PreparedSequence } from "./prepare_run.ts";
import type { StoreCache } from "./store_cache.ts";
import { ImportError } from "./import_error.ts";
import { addMissingFiles, annotationHoldingFiles, insertFiles } from "./_known_run.ts";
import { withIndexFill } from "./_feature_index_fill.ts";
import { reserveIds } from "../db/reserve_ids.ts";
import { featureTermIdsValue } from "../db/feature_term_ids.ts";
import { xrefTermsGeneration } from "../db/xref_terms.ts";
import { type RunTermIds, runTermIds } from "./_run_term_ids.ts";
import { pausePoint } from "../db/pause_point.ts";
import {
  SEQUENCE_MATCH_SELECTION,
  SEQUENCE_ROW_COLUMNS,
  sequenceRow,
} from "../db/_sequence_rows.ts";
import { type AnnotationOrigin, toAnnotationRow } from "../db/_annotation_rows.ts";

export { SEQUENCE_ROW_COLUMNS, sequenceRow };

/** What happened to the genome's assembly versions. */
export type VersionAction =
  /** A new genome: its sequences became version 1. */
  | "new-genome"
  /** The sequences matched a stored version: the annotation was added to it. */
  | "same-version"
  /** The sequences differed from every stored version: they became a new version. */
  | "new-version"
  /** A `proteins` run: no sequences. */
  | "none";

/** The outcome of importing one run. */
export interface ImportRunResult {
  /** `imported`, or `skipped` when the same files were imported before. */
  status: "imported" | "skipped";
  /** Why it was skipped. */
  reason?: string;
  /** The annotation (the new one, or the one imported before). */
  annotationId: number;
  /** The genome. */
  genomeId: number;
  /** The genome's name. */
  genome: string;
  /** The run prefix. */
  prefix: string;
  /** What was imported (folder or files). */
  where: string;
  /** The fingerprint. */
  fingerprint: string;
  /** `genome` or `proteins`. */
  mode: "genome" | "proteins";
  /** The assembly version annotated (0 for a proteins run). */
  sequenceVersion: number;
  /** What happened to the assembly versions. */
  versionAction: VersionAction;
  /** What was written (all zero when skipped). */
  counts: {
    /** New sequence rows. */
    sequences: number;
    /** Features. */
    features: number;
    /** Cross-references. */
    xrefs: number;
    /** Stored files. */
    files: number;
    /** Original bytes of the stored files. */
    bytes: number;
  };
  /** Things the user should know. */
  warnings: string[];
}

/** Hooks into the write, for tests and instrumentation. */
export interface WriteRunHooks {
  /**
   * Called inside the transaction after the features and cross-references were inserted and
   * before the files; throwing rolls the whole run back.
   */
  afterFeatures?: (
    trx: Kysely<Database>,
    info: { annotationId: number; features: number },
  ) => void | Promise<void>;
}

/** Options of {@linkcode writeRun}. */
export interface WriteRunOptions {
  /** The genome's name; default: the run prefix, else the strain. */
  genome?: string;
  /**
   * Where the annotation came from.
   * @default "files"
   */
  source?: "files" | "job";
  /** The job (`jobs.id`), for `source: "job"`. */
  jobId?: number;
  /** Hooks. */
  hooks?: WriteRunHooks;
}

/** One stored sequence, as the import reads it (in its transaction) to match versions. */
export interface StoredSequence {
  /** `sequences.id`. */
  id: number;
  /** The assembly version. */
  version: number;
  /** The record id. */
  seqId: string;
  /** Length in bases. */
  length: number;
  /** SHA-256 of the residues, or null when unknown. */
  checksum: string | null;
  /** The version that superseded it, or null. */
  supersededBy: number | null;
}

/** Cache entries to apply once the transaction has committed. */
export interface StagedCacheUpdate {
  /** The genome name. */
  genome: string;
  /** The genome id. */
  genomeId: number;
  /**
   * The term ids the write looked up or added (the cache lacked them), by key, at the generation
   * read.
   */
  terms?: { generation: number; keys: string[]; ids: number[] };
}

/**
 * The genome name a run is stored under: `options.genome`, else the run prefix, else the strain.
 *
 * @param prepared The run.
 * @param genome The name asked for.
 * @returns The name.
 * @throws {ImportError} `InvalidGenomeName` when there is none.
 */
export function genomeNameFor(prepared: PreparedRun, genome?: string): string {
  const strain = prepared.run.genome.strain;
  const name = genome ?? (prepared.prefix ||
    (strain && strain.toLowerCase() !== "unknown" ? strain : ""));
  if (name.trim() === "") {
    throw new ImportError(
      "InvalidGenomeName",
      prepared.where,
      "the run has no prefix or strain to name its genome: give a genome name",
    );
  }
  return name;
}

/**
 * The result of an import whose files are stored already, without parsing them: `skipped`, with
 * the annotation imported before. `writeRun` checks this first; `importRun` and `importRuns` check
 * it before parsing the files.
 *
 * @param db The database.
 * @param fingerprint The files' fingerprint.
 * @param prefix The run prefix.
 * @param where What was given.
 * @returns A `skipped` result, or undefined when the files are new.
 */
export async function findImported(
  db: Kysely<Database>,
  fingerprint: string,
  prefix: string,
  where: string,
): Promise<ImportRunResult | undefined> {
  const existing = await db.selectFrom("annotations as a")
    .innerJoin("genomes as g", "g.id", "a.genome_id")
    .select([
      "a.id",
      "a.genome_id as genomeId",
      "a.sequence_version as sequenceVersion",
      "a.mode",
      "g.name",
    ])
    .where("a.fingerprint", "=", fingerprint).executeTakeFirst();
  if (existing === undefined) return undefined;
  return {
    status: "skipped",
    reason: `the same run was imported before as annotation ${existing.id} of "${existing.name}"`,
    annotationId: existing.id,
    genomeId: existing.genomeId,
    genome: existing.name,
    prefix,
    where,
    fingerprint,
    mode: existing.mode as "genome" | "proteins",
    sequenceVersion: existing.sequenceVersion,
    versionAction: existing.mode === "proteins" ? "none" : "same-version",
    counts: { sequences: 0, features: 0, xrefs: 0, files: 0, bytes: 0 },
    warnings: [],
  };
}

/**
 * The result of an import whose files are all stored already (by SHA-256) with one annotation,
 * known before parsing them: `skipped`, with that annotation.
 *
 * @param db The database.
 * @param loaded The files' checksums, the run prefix and what was given.
 * @returns A `skipped` result, or undefined when any file is new.
 */
export async function findImportedFiles(
  db: Kysely<Database>,
  loaded: { checksums: readonly string[]; prefix: string; where: string },
): Promise<ImportRunResult | undefined> {
  const annotationId = await annotationHoldingFiles(db, loaded.checksums);
  if (annotationId === undefined) return undefined;
  const { fingerprint } = await db.selectFrom("annotations").select("fingerprint")
    .where("id", "=", annotationId).executeTakeFirstOrThrow();
  return await findImported(db, fingerprint, loaded.prefix, loaded.where);
}

/**
 * Writes a prepared run inside a transaction the caller opened (see `importRun` for the whole
 * import). A run stored before (the same content fingerprint, whatever files brought it) is not
 * written again: the stored annotation gets the original files it lacked (`status: "skipped"`).
 *
 * Assembly versions: the run's sequences match a stored version of the genome when both have the
 * same number of sequences and, if every sequence on both sides has residues, the same multiset
 * of residue checksums (ids may differ: a re-annotation may rename contigs), otherwise the same
 * multiset of (id, length) pairs. Versions are tried newest first. A match adds the annotation to
 * that version (filling in residues the stored version lacked); no match adds version max + 1 and
 * marks the rows of every not-yet-superseded older version `superseded_by` = the new version.
 *
 * @param trx The transaction.
 * @param prepared The run.
 * @param cache The cache to read from (not written: see the returned staged update).
 * @param options Genome name, source, job and hooks.
 * @returns The result, and the cache update to apply after commit.
 */
export async function writeRun(
  trx: Kysely<Database>,
  prepared: PreparedRun,
  cache: StoreCache,
  options: WriteRunOptions = {},
): Promise<{ result: ImportRunResult; staged?: StagedCacheUpdate }> {
  const name = genomeNameFor(prepared, options.genome);
  const known = await findImported(trx, prepared.fingerprint, prepared.prefix, prepared.where);
  if (known !== undefined) return { result: await addToKnownRun(trx, known, prepared, options) };
  const { genomeId, isNew } = await genomeFor(trx, name, prepared, cache);
  await pausePoint("import:genome");
  const version = await assemblyVersionFor(trx, genomeId, isNew, prepared);
  const annotationId = await insertAnnotation(trx, genomeId, version.sequenceVersion, prepared, {
    source: options.source,
    jobId: options.jobId,
  });
  const { features, terms } = await insertFeatures(
    trx,
    annotationId,
    prepared,
    version.rowIds,
    cache,
  );
  await writeAnnotationSummaries(trx, annotationId, prepared);
  await pausePoint("import:features");
  await options.hooks?.afterFeatures?.(trx, { annotationId, features });
  const fileIds = await insertFiles(trx, annotationId, prepared.files, prepared.recordsFile);
  await linkResidues(trx, prepared.residuesFile, fileIds, version.byReference);
  checkRecordsFile(prepared.recordsFile, fileIds);
  await pausePoint("import:files");
  return {
    result: importedResult(prepared, { name, genomeId, annotationId, version, features }),
    staged: { genome: name, genomeId, terms },
  };
}

/** What {@linkcode writeRun} reports for a run it wrote. */
function importedResult(
  prepared: PreparedRun,
  written: {
    name: string;
    genomeId: number;
    annotationId: number;
    version: AssemblyVersion;
    features: number;
  },
): ImportRunResult {
  const warnings = [...prepared.warnings];
  if (prepared.run.mode === "proteins") {
    warnings.push(
      `a proteins-mode run (bakta_proteins): the annotation and its ${prepared.files.length} file(s) ` +
        `were stored, no features (proteins have no coordinates)`,
    );
  }
  const { version } = written;
  return {
    status: "imported",
    prefix: prepared.prefix,
    where: prepared.where,
    fingerprint: prepared.fingerprint,
    mode: prepared.run.mode,
    annotationId: written.annotationId,
    genomeId: written.genomeId,
    genome: written.name,
    sequenceVersion: version.sequenceVersion,
    versionAction: version.action,
    counts: {
      sequences: version.newRows,
      features: written.features,
      xrefs: prepared.xrefLinks.length / 2,
      files: prepared.files.length,
      bytes: prepared.files.reduce((sum, f) => sum + f.size, 0),
    },
    warnings,
  };
}

/**
 * The same run, imported before (same content fingerprint): adds the original files the stored
 * annotation lacks, takes the job when the annotation has none, and reports `skipped`.
 */
async function addToKnownRun(
  trx: Kysely<Database>,
  known: ImportRunResult,
  prepared: PreparedRun,
  options: WriteRunOptions,
): Promise<ImportRunResult> {
  const { added, conflicting } = await addMissingFiles(trx, known.annotationId, prepared.files);
  if (options.source === "job" && options.jobId !== undefined) {
    await trx.updateTable("annotations").set({ source: "job", job_id: options.jobId })
      .where("id", "=", known.annotationId).where("job_id", "is", null).execute();
  }
  const warnings = [...prepared.warnings];
  if (conflicting.length > 0) {
    warnings.push(
      `annotation ${known.annotationId} holds other files of the same name, kept as they were: ${
        conflicting.join(", ")
      }`,
    );
  }
  const reason =
    `the same run was imported before as annotation ${known.annotationId} of "${known.genome}"` +
    (added.length > 0 ? `: added ${added.length} file(s) it lacked` : "");
  return {
    ...known,
    reason,
    counts: {
      ...known.counts,
      files: added.length,
      bytes: added.reduce((sum, f) => sum + f.size, 0),
    },
    warnings,
  };
}

/** Finds (checking the cache with a primary-key probe) or creates the genome. */
async function genomeFor(
  trx: Kysely<Database>,
  name: string,
  prepared: PreparedRun,
  cache: StoreCache,
): Promise<{ genomeId: number; isNew: boolean }> {
  let genomeId = cache.getGenomeId(name);
  if (genomeId !== undefined) {
    // A primary-key probe guards against a stale entry (a genome deleted or renamed around the
    // store, its id reused by SQLite).
    const row = await trx.selectFrom("genomes").select("name").where("id", "=", genomeId)
      .executeTakeFirst();
    if (row?.name === name) return { genomeId, isNew: false };
    cache.forgetGenome(name);
    cache.forgetGenome(genomeId);
  }
  genomeId = (await trx.selectFrom("genomes").select("id").where("name", "=", name)
    .executeTakeFirst())?.id;
  if (genomeId !== undefined) return { genomeId, isNew: false };
  const g = prepared.run.genome;
  const [taxonGenus, taxonSpecies] = g.taxon?.trim().split(/\s+/u) ?? [];
  genomeId = (await trx.insertInto("genomes").values({
    name,
    // A GFF3 names its organism only in a `# organism Genus species …` line (the taxon).
    genus: g.genus ?? taxonGenus ?? null,
    species: g.species ?? (g.genus === undefined ? taxonSpecies : undefined) ?? null,
    strain: g.strain ?? null,
  }).returning("id").executeTakeFirstOrThrow()).id;
  return { genomeId, isNew: true };
}

/** The assembly version a run is written on, and the sequence rows it uses. */
interface AssemblyVersion {
  sequenceVersion: number;
  action: VersionAction;
  /** New sequence rows. */
  newRows: number;
  /** The sequence row of each run sequence id. */
  rowIds: Map<string, number>;
  /** Rows whose residues are to be read from the run's residues file. */
  byReference: number[];
}

/** Matches the run's sequences to a stored version, or adds a new one (see `writeRun`). */
async function assemblyVersionFor(
  trx: Kysely<Database>,
  genomeId: number,
  isNew: boolean,
  prepared: PreparedRun,
): Promise<AssemblyVersion> {
  // Read in the write transaction, never from a cache: another process may have added a version.
  const stored: StoredSequence[] = isNew ? [] : await loadSequences(trx, genomeId);
  const none = { newRows: 0, rowIds: new Map(), byReference: [] };
  if (prepared.run.mode !== "genome") return { ...none, sequenceVersion: 0, action: "none" };
  const match = findMatchingVersion(stored, prepared.sequences);
  if (match === undefined) return await addVersion(trx, genomeId, prepared, stored);
  const rowIds = new Map([...match.mapping].map(([seqId, row]) => [seqId, row.id]));
  const filled = await fillMissingResidues(trx, match.mapping, prepared.sequences);
  return {
    ...none,
    sequenceVersion: match.version,
    action: "same-version",
    rowIds,
    byReference: prepared.residuesFile === undefined ? [] : filled,
  };
}

/** Adds the run's sequences as a new version (max + 1), superseding the current one. */
async function addVersion(
  trx: Kysely<Database>,
  genomeId: number,
  prepared: PreparedRun,
  stored: StoredSequence[],
): Promise<AssemblyVersion> {
  const sequenceVersion = stored.reduce((max, s) => Math.max(max, s.version), 0) + 1;
  const firstId = await reserveIds(trx, "sequences", prepared.sequences.length);
  const rows = prepared.sequences.map((p, i) =>
    sequenceRow(firstId + i, genomeId, sequenceVersion, p)
  );
  await bulkInsert(trx, "sequences", SEQUENCE_ROW_COLUMNS, rows);
  if (stored.length > 0) {
    await trx.updateTable("sequences").set({ superseded_by: sequenceVersion })
      .where("genome_id", "=", genomeId).where("superseded_by", "is", null)
      .where("version", "<", sequenceVersion).execute();
  }
  const rowIds = new Map<string, number>();
  prepared.sequences.forEach((p, i) => {
    rowIds.set(p.sequence.id, firstId + i);
  });
  return {
    sequenceVersion,
    action: stored.length === 0 ? "new-genome" : "new-version",
    newRows: rows.length,
    rowIds,
    byReference: prepared.residuesFile === undefined
      ? []
      : prepared.sequences.flatMap((p, i) => p.checksum === null ? [] : [firstId + i]),
  };
}

/** Inserts the annotation row. */
async function insertAnnotation(
  trx: Kysely<Database>,
  genomeId: number,
  sequenceVersion: number,
  prepared: PreparedRun,
  origin: AnnotationOrigin,
): Promise<number> {
  return (await trx.insertInto("annotations")
    .values(annotationValues(genomeId, sequenceVersion, prepared, origin))
    .returning("id").executeTakeFirstOrThrow()).id;
}

/**
 * The `annotations` row of a prepared run: its versions, run times, statistics (non-finite
 * numbers as null), genome block and fingerprint.
 *
 * @param genomeId The genome.
 * @param sequenceVersion The assembly version annotated (0 for a proteins run).
 * @param prepared The run.
 * @param origin Where it came from (default `files`) and the job, if any.
 * @returns The row to insert.
 *
 * @example A factory run's row
 * ```ts
 * import { makeRun } from "../testing/factory/make_run.ts";
 * import { prepareRun } from "./prepare_run.ts";
 * import { annotationValues } from "./write_run.ts";
 * const prepared = await prepareRun(makeRun({ seed: 1, sequences: 1, featuresPerSequence: 3 }));
 * const row = annotationValues(1, 1, prepared, {});
 * if (row.source !== "files" || row.fingerprint !== prepared.fingerprint) throw new Error("row");
 * ```
 */
export function annotationValues(
  genomeId: number,
  sequenceVersion: number,
  prepared: PreparedRun,
  origin: AnnotationOrigin,
): NewAnnotation {
  return toAnnotationRow(genomeId, sequenceVersion, prepared.run, prepared.fingerprint, origin);
}

/**
 * Inserts the features (multi-row inserts, the FTS5 index filled once for the run),
 * their cross-references, and their original records packed.
 */
async function insertFeatures(
  trx: Kysely<Database>,
  annotationId: number,
  prepared: PreparedRun,
  sequenceRowIds: Map<string, number>,
  cache: StoreCache,
): Promise<{ features: number; terms?: StagedCacheUpdate["terms"] }> {
  const rows = prepared.featureRows;
  if (rows.length === 0) return { features: 0 };
  const firstId = await reserveIds(trx, "features", rows.length);
  for (let i = 0; i < rows.length; i++) {
    rows[i][0] = firstId + i;
    rows[i][1] = annotationId;
    rows[i][2] = sequenceRowIds.get(prepared.featureSequenceIds[i]);
  }
  const terms = await termIdsOf(trx, prepared, cache);
  setXrefIds(trx, rows, prepared.xrefLinks, terms?.ids);
  await withIndexFill(trx, firstId, firstId + rows.length - 1, async () => {
    await bulkInsert(trx, "features", WRITTEN_FEATURE_COLUMNS, rows);
  });
  if (terms !== undefined) await insertLinks(trx, firstId, prepared.xrefLinks, terms.ids);
  if (prepared.recordsFile === undefined) {
    const packed = prepared.originals;
    await trx.insertInto("feature_originals")
      .values({ annotation_id: annotationId, content: packed.bytes, encoding: packed.encoding })
      .execute();
  }
  return {
    features: rows.length,
    terms: terms && { generation: terms.generation, keys: terms.freshKeys, ids: terms.freshIds },
  };
}

/** The columns a feature row is written with: the prepared ones and `xref_ids` (schema v12). */
const WRITTEN_FEATURE_COLUMNS = [...FEATURE_COLUMNS, "xref_ids"] as const;

/**
 * The id of each of the run's terms (`runTermIds`: from the cache when it holds them at the stored
 * generation, else looked up or added), with the generation read; undefined for a run without
 * cross-references.
 */
async function termIdsOf(
  trx: Kysely<Database>,
  prepared: Pick<PreparedRun, "xrefTermKeys" | "xrefLinks">,
  cache: StoreCache,
): Promise<(RunTermIds & { generation: number }) | undefined> {
  if (prepared.xrefLinks.length === 0) return undefined;
  const generation = await xrefTermsGeneration(trx);
  const ids = await runTermIds(trx, prepared.xrefTermKeys, cache.termIdsAt(generation));
  return { ...ids, generation };
}

/**
 * Appends each feature row's `xref_ids` (its term ids, packed for the engine) from the links
 * (feature index, term index), which come in feature order.
 */
function setXrefIds(
  trx: Kysely<Database>,
  rows: unknown[][],
  links: Uint32Array,
  termIds: Float64Array | undefined,
): void {
  const at = FEATURE_COLUMNS.length;
  for (const row of rows) row[at] = null;
  if (termIds === undefined) return;
  const ids: number[] = [];
  for (let j = 0; j < links.length; j += 2) {
    ids.push(termIds[links[j + 1]]);
    const index = links[j];
    if (j + 2 < links.length && links[j + 2] === index) continue;
    rows[index][at] = featureTermIdsValue(trx, ids);
    ids.length = 0;
  }
}

/** Inserts the links by term (`xref_term_features`), in term order. */
async function insertLinks(
  trx: Kysely<Database>,
  firstId: number,
  links: Uint32Array,
  termIds: Float64Array,
): Promise<void> {
  const count = links.length / 2;
  const terms = new Float64Array(count);
  const features = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    features[k] = firstId + links[2 * k];
    terms[k] = termIds[links[2 * k + 1]];
  }
  await insertIdPairs(trx, "xref_term_features", ["term_id", "feature_id"], terms, features, {
    sort: true,
  });
}

/** Checks that the file the features' original records are rebuilt from was stored (and marked). */
function checkRecordsFile(recordsFile: string | undefined, fileIds: Map<string, number>): void {
  if (recordsFile === undefined || fileIds.has(recordsFile)) return;
  throw new Error(`Cannot rebuild feature records from "${recordsFile}": the file was not stored`);
}

/** Points sequence rows whose residues are kept by reference to the stored file holding them. */
async function linkResidues(
  trx: Kysely<Database>,
  residuesFile: string | undefined,
  fileIds: Map<string, number>,
  rowIds: readonly number[],
): Promise<void> {
  if (residuesFile === undefined || rowIds.length === 0) return;
  const fileId = fileIds.get(residuesFile);
  if (fileId === undefined) {
    throw new Error(`Cannot keep residues in "${residuesFile}": the file was not stored`);
  }
  await trx.updateTable("sequences").set({ residues_file_id: fileId }).where("id", "in", rowIds)
    .execute();
}

async function loadSequences(trx: Kysely<Database>, genomeId: number): Promise<StoredSequence[]> {
  const rows = await trx.selectFrom("sequences")
    .select(SEQUENCE_MATCH_SELECTION)
    .where("genome_id", "=", genomeId).orderBy("version").orderBy("id").execute();
  return rows;
}

/** A stored version that matches, and which stored row each run sequence is. */
interface VersionMatch {
  version: number;
  mapping: Map<string, StoredSequence>;
}

/**
 * Finds the newest stored version the run's sequences match (see {@linkcode writeRun}), with the
 * stored row of each run sequence.
 *
 * @param stored Every stored sequence of the genome.
 * @param sequences The run's sequences.
 * @returns The match, or undefined.
 */
export function findMatchingVersion(
  stored: readonly StoredSequence[],
  sequences: readonly PreparedSequence[],
): VersionMatch | undefined {
  const byVersion = new Map<number, StoredSequence[]>();
  for (const s of stored) byVersion.set(s.version, [...(byVersion.get(s.version) ?? []), s]);
  const versions = [...byVersion.keys()].sort((a, b) => b - a);
  for (const version of versions) {
    const rows = byVersion.get(version)!;
    if (rows.length !== sequences.length) continue;
    const byChecksum = rows.every((r) => r.checksum !== null) &&
      sequences.every((s) => s.checksum !== null);
    const mapping = byChecksum
      ? pair(rows, sequences, (r) => r.checksum!, (s) => s.checksum!)
      : pair(rows, sequences, (r) =>
        `${r.seqId}\u0000${r.length}`, (s) =>
        `${s.sequence.id}\u0000${s.sequence.length}`);
    if (mapping !== undefined) return { version, mapping };
  }
  return undefined;
}

/** Pairs run sequences with stored rows of equal key (same id first); undefined if any is left. */
function pair(
  rows: readonly StoredSequence[],
  sequences: readonly PreparedSequence[],
  rowKey: (r: StoredSequence) => string,
  sequenceKey: (s: PreparedSequence) => string,
): Map<string, StoredSequence> | undefined {
  const free = new Map<string, StoredSequence[]>();
  for (const r of rows) free.set(rowKey(r), [...(free.get(rowKey(r)) ?? []), r]);
  const mapping = new Map<string, StoredSequence>();
  for (const s of sequences) {
    const candidates = free.get(sequenceKey(s));
    if (candidates === undefined || candidates.length === 0) return undefined;
    const sameId = candidates.findIndex((r) => r.seqId === s.sequence.id);
    const [row] = candidates.splice(sameId >= 0 ? sameId : 0, 1);
    mapping.set(s.sequence.id, row);
  }
  return mapping;
}

/** Gives stored rows without residues those of the run; returns the rows filled. */
async function fillMissingResidues(
  trx: Kysely<Database>,
  mapping: Map<string, StoredSequence>,
  sequences: readonly PreparedSequence[],
): Promise<number[]> {
  const filled: number[] = [];
  for (const p of sequences) {
    const row = mapping.get(p.sequence.id)!;
    if (row.checksum !== null || p.checksum === null) continue;
    await trx.updateTable("sequences").set({
      checksum: p.checksum,
      residues: p.residues,
      residues_encoding: p.encoding,
      gc: p.gc,
    }).where("id", "=", row.id).where("checksum", "is", null).execute();
    filled.push(row.id);
  }
  return filled;
}
