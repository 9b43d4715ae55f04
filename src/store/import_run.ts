/**
 * `importRun()`: store one Bakta run (its genome, assembly version, annotation, features,
 * cross-references and every original file) in one transaction, once.
 *
 * @module
 */

import type { Kysely } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import { transaction, type TransactionOptions } from "../db/transaction.ts";
import type { BaktaRun } from "../formats/model.ts";
import {
  loadRunFiles,
  parseRunFiles,
  type PreparedRun,
  prepareRun,
  type PrepareRunOptions,
} from "./prepare_run.ts";
import { type StoreCache, storeCacheFor } from "./store_cache.ts";
import { pausePoint } from "../db/pause_point.ts";
import {
  findImportedFiles,
  genomeNameFor,
  type ImportRunResult,
  type StagedCacheUpdate,
  writeRun,
  type WriteRunOptions,
} from "./write_run.ts";

/** Options of {@linkcode importRun}. */
export interface ImportRunOptions extends PrepareRunOptions, WriteRunOptions {
  /** The cache of genome ids and sequences; default: {@linkcode storeCacheFor}(db). */
  cache?: StoreCache;
  /** Retry options of the transaction. */
  transaction?: TransactionOptions;
}

/**
 * Imports one Bakta run: a result folder, one file (e.g. `C22.gff3.gz`), the files of one run, or
 * a {@linkcode BaktaRun} already in memory (with `options.files` to store its files).
 *
 * - **Genome:** `options.genome`, else the run prefix (`C22` of `C22.gff3.gz`, as Bakta's
 *   `--prefix`), else the strain; created when new (organism from the run).
 * - **Once:** a run is known by its content (`runFingerprint`: Bakta version, sequence checksums,
 *   canonical features), whatever files bring it: the same run again — the same files, another
 *   format, a folder after a job — writes no second annotation (`status: "skipped"` with the
 *   reason and the annotation imported before) but adds the original files the annotation lacked,
 *   and a job (`jobId`) claims an annotation that had none. Files all stored before are known
 *   before parsing.
 * - **Assembly versions:** the same sequences (residue checksums, or ids and lengths when residues
 *   are unknown) add the annotation to their stored version; different ones become a new version
 *   and the old one is marked superseded (kept, with its annotations). See `writeRun`.
 * - **Everything or nothing:** the genome, sequences, annotation, features (bulk multi-row
 *   inserts), cross-references (deduplicated per feature) and the original files (gzip where
 *   smaller, with SHA-256) are written in one transaction; any error leaves no trace.
 * - A `proteins` run stores the annotation (`mode: "proteins"`, version 0) and files, no features,
 *   and says so in `warnings`.
 *
 * @param db The database.
 * @param input A folder, a file, the files of one run, or a run.
 * @param options Genome name, files, prefix, cache, hooks and retry options.
 * @returns What was done.
 * @throws {ImportError} For input that is not one run (see `loadRunFiles`/`prepareRun`).
 * @throws {ParseError} For a file the readers reject.
 * @throws {DatabaseError} When a write fails (nothing is left of the run).
 *
 * @example Importing a factory run twice
 * ```ts
 * import { openDatabase } from "../db/open_database.ts";
 * import { makeRun } from "../testing/factory/make_run.ts";
 * import { importRun } from "./import_run.ts";
 * const db = await openDatabase(":memory:");
 * const run = makeRun({ seed: 1, sequences: 1, featuresPerSequence: 10 });
 * const first = await importRun(db, run, { genome: "demo" });
 * const again = await importRun(db, run, { genome: "demo" });
 * if (first.status !== "imported" || first.counts.features !== 10) throw new Error("import");
 * if (again.status !== "skipped" || again.annotationId !== first.annotationId) throw new Error("skip");
 * await db.destroy();
 * ```
 */
export async function importRun(
  db: Kysely<Database>,
  input: string | readonly string[] | BaktaRun,
  options: ImportRunOptions = {},
): Promise<ImportRunResult> {
  let prepared: PreparedRun;
  if (typeof input === "string" || Array.isArray(input)) {
    const loaded = await loadRunFiles(input as string | readonly string[], options);
    // Files stored before need no parsing, unless a job comes to claim the annotation.
    const skipped = options.jobId === undefined
      ? await findImportedFiles(db, { ...loaded, checksums: loaded.files.map((f) => f.checksum) })
      : undefined;
    if (skipped !== undefined) return skipped;
    prepared = await parseRunFiles(loaded, options);
  } else {
    prepared = await prepareRun(input as BaktaRun, options);
  }
  return await writePrepared(db, prepared, options);
}

/**
 * Writes a prepared run in its own transaction and, once committed, updates the cache.
 *
 * @param db The database.
 * @param prepared The run.
 * @param options Genome name, source, hooks, cache and retry options.
 * @returns What was done.
 */
export async function writePrepared(
  db: Kysely<Database>,
  prepared: PreparedRun,
  options: ImportRunOptions = {},
): Promise<ImportRunResult> {
  const cache = options.cache ?? storeCacheFor(db);
  let outcome: { result: ImportRunResult; staged?: StagedCacheUpdate };
  try {
    outcome = await transaction(
      db,
      (trx) => writeRun(trx, prepared, cache, options),
      // Every row the write refers to was read or written in its transaction (a job, given from
      // outside, is checked): no parent look-ups per feature and cross-reference.
      { foreignKeyChecks: options.jobId !== undefined, ...options.transaction },
    );
  } catch (error) {
    // Nothing of the run is in the database; forget whatever the cache may say of its genome.
    try {
      cache.forgetGenome(genomeNameFor(prepared, options.genome));
    } catch {
      // no name: nothing cached under it
    }
    throw error;
  }
  if (outcome.staged) {
    cache.setGenomeId(outcome.staged.genome, outcome.staged.genomeId);
    const { terms } = outcome.staged;
    if (terms !== undefined) cache.rememberTermIds(terms.generation, terms.keys, terms.ids);
  }
  await pausePoint("import:committed");
  return outcome.result;
}
