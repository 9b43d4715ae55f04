/**
 * `importRuns()`: a batch import of many runs (folders, files, globs) as a pipeline — find the
 * files, read and prepare them in a worker thread ahead of the writer, write one transaction per
 * run, report — with progress events and a per-item result set.
 *
 * @module
 */

import { baktadbLogger } from "../log/logger.ts";
import type { Kysely } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import { collectRunFiles, type RunFileGroup } from "./run_files.ts";
import { type ImportRunOptions, writePrepared } from "./import_run.ts";
import { loadRunFiles, parseRunFiles, type PreparedRun } from "./prepare_run.ts";
import { PrepareWorker } from "./prepare_worker.ts";
import { findImportedFiles, type ImportRunResult } from "./write_run.ts";
import { StoreCache, storeCacheFor } from "./store_cache.ts";
import { readBakrepRunMetadata } from "./bakrep_dataset.ts";
import { setGenomeMetadata } from "./genome_metadata.ts";
import { pausePoint } from "../db/pause_point.ts";
import { storedFileChecksums } from "./_known_run.ts";
import { PrefetchWindow } from "./_prefetch_window.ts";
import { BATCH_CHECKPOINT_PAGES, withCheckpointInterval } from "../db/wal_checkpoint_interval.ts";

/** The outcome of one item of a batch. */
export interface ImportItemResult {
  /** The run (its files' folder and prefix), or the item that matched nothing. */
  item: string;
  /** The run prefix, where there is one. */
  prefix?: string;
  /** `imported`, `skipped` (imported before) or `failed`. */
  status: "imported" | "skipped" | "failed";
  /** The import's result, unless it failed. */
  result?: ImportRunResult;
  /** Why it failed. */
  error?: Error;
}

/** The result set of a batch import. */
export interface ImportRunsResult {
  /** One entry per run (and per item that matched nothing), in input order. */
  items: ImportItemResult[];
  /** How many runs were imported. */
  imported: number;
  /** How many were skipped (imported before). */
  skipped: number;
  /** How many failed. */
  failed: number;
  /** Files found in folders or by globs that are not Bakta outputs nor BakRep side files. */
  ignored: string[];
  /** Features written. */
  features: number;
  /** Rows written (genomes, sequences, annotations, features, cross-references, files). */
  rows: number;
  /** Wall time in ms. */
  durationMs: number;
}

/** A progress event of a batch import. */
export interface ImportProgress {
  /** Runs finished (imported, skipped or failed). */
  done: number;
  /** Runs in the batch. */
  total: number;
  /** Features written so far. */
  features: number;
  /** Milliseconds since the batch started. */
  elapsedMs: number;
  /** The item that just finished (absent on the first event). */
  last?: ImportItemResult;
}

/** Options of {@linkcode importRuns}. */
export interface ImportRunsOptions extends Omit<ImportRunOptions, "prefix" | "files"> {
  /**
   * How many runs after the one being written the prepare worker is asked for (writes are one at a
   * time, in input order; the worker prepares one run at a time). Each run waiting holds its
   * prepared rows (a few MB for a bacterial genome).
   * @default 3
   */
  concurrency?: number;
  /**
   * Descend into sub-folders of given folders.
   * @default false
   */
  recursive?: boolean;
  /** Called after each run (and once at the start). */
  onProgress?: (progress: ImportProgress) => void;
  /** Stops taking new runs when aborted (the ones not started are reported as failed). */
  signal?: AbortSignal;
}

/**
 * Imports many runs: every item is a result folder, a file or a glob (`results/*.gff3.gz`); the
 * files found are grouped into runs by folder and prefix (`C22.gff3.gz` alone is a run;
 * `assembly.json` + `assembly.gff3` + … of one folder are one run). The import is a pipeline a
 * reader follows top to bottom: **find** the files (`collectRunFiles`) → **read and prepare** them
 * in a worker thread, up to `concurrency` runs ahead of the one being written (runs whose files are
 * stored already are not parsed) → **write** each run in its own transaction, in input order
 * (`writePrepared`) → **report**. A run that fails is reported with its error and leaves nothing in
 * the database; the others go in. With `genome`, every run goes to that genome. A file given by
 * name is read whatever its name (its content decides); a BakRep dataset (`<id>.bakta.json.gz`,
 * side files, record `<id>.json`) is checked against its record and imported as genome `<id>` with
 * its metadata (`setGenomeMetadata`).
 *
 * @param db The database.
 * @param items Folders, files and globs.
 * @param options Concurrency, recursion, progress, and the options of `importRun`.
 * @returns The per-item result set.
 *
 * @example Importing a folder of factory files
 * ```ts
 * import { openDatabase } from "../db/open_database.ts";
 * import { formatRunAsBaktaJson, makeRun } from "../testing/factory/mod.ts";
 * import { importRuns } from "./import_runs.ts";
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/a.json`, formatRunAsBaktaJson(makeRun({ seed: 1, sequences: 1, featuresPerSequence: 4 })));
 * await Deno.writeTextFile(`${dir}/b.json`, "{ not json");
 * const db = await openDatabase(":memory:");
 * const result = await importRuns(db, [dir]);
 * if (result.imported !== 1 || result.failed !== 1) throw new Error("unexpected");
 * await db.destroy();
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function importRuns(
  db: Kysely<Database>,
  items: readonly string[],
  options: ImportRunsOptions = {},
): Promise<ImportRunsResult> {
  const started = performance.now();
  const { concurrency = 3, recursive = false, onProgress, signal } = options;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(
      `Cannot import: concurrency must be a positive integer, got ${concurrency}`,
    );
  }
  const cache = options.cache ?? (db.isTransaction ? new StoreCache() : storeCacheFor(db));
  // 1. Find the files, grouped into runs.
  const found = await collectRunFiles(items, { recursive });
  const results: ImportItemResult[] = found.missing.map((item) => ({
    item,
    status: "failed",
    error: new Error(`Cannot import ${item}: no such file or folder, or the glob matched nothing`),
  }));
  for (const { path, error } of found.rejected) {
    results.push({ item: path, status: "failed", error });
  }
  const progress = new BatchProgress(found.groups.length + results.length, started);
  progress.done = results.length;
  onProgress?.(progress.event());
  // 2. Read and prepare (in a worker, up to `concurrency` runs ahead), 3. write in input order.
  const stage = new PrepareStage(db, found.groups, { ...options, cache }, concurrency);
  const writeAll = async () => {
    for (let index = 0; index < found.groups.length; index++) {
      const outcome = await writeStage(db, await stage.take(index, signal), {
        ...options,
        cache,
      });
      results.push(outcome);
      progress.add(outcome);
      onProgress?.(progress.event(outcome));
    }
  };
  try {
    // A batch checkpoints less often: each commit touches pages all over the file.
    if (found.groups.length > 1) await withCheckpointInterval(db, BATCH_CHECKPOINT_PAGES, writeAll);
    else await writeAll();
  } finally {
    stage.close();
  }
  // 4. Report.
  logBatch(found.ignored, results);
  return {
    items: results,
    imported: results.filter((r) => r.status === "imported").length,
    skipped: results.filter((r) => r.status === "skipped").length,
    failed: results.filter((r) => r.status === "failed").length,
    ignored: found.ignored,
    features: progress.features,
    rows: progress.rows,
    durationMs: performance.now() - started,
  };
}

/** What the prepare stage hands the writer for one run. */
type PreparedStep =
  | {
    item: string;
    prefix: string;
    kind: "prepared";
    prepared: PreparedRun;
    metadata?: Record<string, string>;
  }
  | {
    item: string;
    prefix: string;
    kind: "known";
    result: ImportRunResult;
    metadata?: Record<string, string>;
  }
  | { item: string; prefix: string; kind: "failed"; error: Error };

/**
 * Stage 2: reads, checksums and parses runs — in a {@linkcode PrepareWorker} unless a custom
 * reader is given — up to `ahead` runs after the one being written, so that the worker has the
 * next run in hand when it finishes one, and tells runs whose files are stored already (those are
 * not parsed). A run the worker fails on is prepared again on this thread, so that its error
 * keeps its class (`ParseError`, `ImportError`).
 */
class PrepareStage {
  #db: Kysely<Database>;
  #groups: readonly RunFileGroup[];
  #options: ImportRunsOptions;
  #window: PrefetchWindow<PreparedStep>;
  #worker: PrepareWorker | undefined;
  #told: Promise<void> | undefined;

  constructor(
    db: Kysely<Database>,
    groups: readonly RunFileGroup[],
    options: ImportRunsOptions,
    ahead: number,
  ) {
    this.#db = db;
    this.#groups = groups;
    this.#options = options;
    this.#window = new PrefetchWindow(groups.length, ahead, (index) => this.#prepare(index));
    if (options.readRun === undefined && groups.length > 1) {
      this.#worker = new PrepareWorker({
        compressionLevel: options.compressionLevel,
        maxDecompressedBytes: options.maxDecompressedBytes,
      });
    }
  }

  /** The step of run `index`, starting the runs after it. */
  async take(index: number, signal?: AbortSignal): Promise<PreparedStep> {
    const step = this.#window.take(index, signal);
    if (step !== undefined) return await step;
    const group = this.#groups[index];
    const error = signal?.reason ?? new Error("The import was aborted");
    return { item: describe(group), prefix: group.prefix, kind: "failed", error };
  }

  close(): void {
    this.#worker?.close();
  }

  async #prepare(index: number): Promise<PreparedStep> {
    const group = this.#groups[index];
    const base = { item: describe(group), prefix: group.prefix };
    try {
      // A BakRep dataset is checked against its record (sizes, MD5s) before anything is read.
      const metadata = group.bakrep === undefined ? undefined : await readBakrepRunMetadata(group);
      return { ...await this.#prepareRun(group, base.item), ...base, metadata };
    } catch (error) {
      return {
        ...base,
        kind: "failed",
        error: error instanceof Error ? error : new Error(String(error)),
      };
    }
  }

  /** The run read and parsed in the worker, or here when the worker fails (for the error's class). */
  async #prepareRun(group: RunFileGroup, item: string) {
    if (this.#worker !== undefined) {
      try {
        return await this.#inWorker(this.#worker, group, item);
      } catch {
        // Prepared again below, for the error's class.
      }
    }
    return await this.#here(group, item);
  }

  async #inWorker(worker: PrepareWorker, group: RunFileGroup, item: string) {
    await (this.#told ??= this.#tellStoredFiles(worker));
    const loaded = await worker.load(group.paths, group.prefix, item);
    // A run with a file the database did not hold was parsed in the same trip.
    if (loaded.prepared !== undefined) {
      return { kind: "prepared" as const, prepared: loaded.prepared };
    }
    const known = await this.#known({
      checksums: loaded.checksums,
      prefix: group.prefix,
      where: item,
    });
    if (known !== undefined) {
      await worker.drop(loaded);
      return { kind: "known" as const, result: known };
    }
    return { kind: "prepared" as const, prepared: await worker.parse(loaded) };
  }

  /**
   * Tells the worker the stored files once, before its first run is asked for, so that it parses
   * new runs without a trip back to this thread (which answers only between two writes). With a
   * job to claim the annotation every run is parsed: the worker is told of no stored file.
   */
  async #tellStoredFiles(worker: PrepareWorker): Promise<void> {
    const jobId = this.#options.jobId;
    const checksums = jobId === undefined ? await storedFileChecksums(this.#db) : [];
    // Its answer is not waited for: the worker answers in order, so the runs asked for after it
    // find it told (a worker that fails on it only loses the same-trip parse).
    worker.storedFiles(checksums).catch(() => {});
  }

  async #here(group: RunFileGroup, item: string) {
    const loaded = await loadRunFiles(group.paths, this.#options);
    loaded.where = item;
    loaded.prefix = group.prefix;
    const checksums = loaded.files.map((f) => f.checksum);
    const known = await this.#known({ checksums, prefix: group.prefix, where: item });
    if (known !== undefined) return { kind: "known" as const, result: known };
    return { kind: "prepared" as const, prepared: await parseRunFiles(loaded, this.#options) };
  }

  /** Files stored before need no parsing, unless a job comes to claim the annotation. */
  #known(loaded: { checksums: string[]; prefix: string; where: string }) {
    return this.#options.jobId === undefined
      ? findImportedFiles(this.#db, loaded)
      : Promise.resolve(undefined);
  }
}

/** Stage 3: writes one prepared run in its own transaction. */
async function writeStage(
  db: Kysely<Database>,
  step: PreparedStep,
  options: ImportRunsOptions & { cache: StoreCache },
): Promise<ImportItemResult> {
  const { item, prefix } = step;
  if (step.kind === "failed") return { item, prefix, status: "failed", error: step.error };
  try {
    await pausePoint("import:prepared");
    const result = step.kind === "known"
      ? step.result
      : await writePrepared(db, step.prepared, options);
    if (step.metadata !== undefined) await setGenomeMetadata(db, result.genomeId, step.metadata);
    return { item, prefix, status: result.status, result };
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    return { item, prefix, status: "failed", error: failure };
  }
}

/** Stage 4's counts: runs done, features and rows written, for progress events and the result. */
class BatchProgress {
  done = 0;
  features = 0;
  rows = 0;
  #total: number;
  #started: number;

  constructor(total: number, started: number) {
    this.#total = total;
    this.#started = started;
  }

  add(outcome: ImportItemResult): void {
    this.done++;
    if (outcome.result?.status !== "imported") return;
    this.features += outcome.result.counts.features;
    this.rows += rowCount(outcome.result);
  }

  event(last?: ImportItemResult): ImportProgress {
    const event: ImportProgress = {
      done: this.done,
      total: this.#total,
      features: this.features,
      elapsedMs: performance.now() - this.#started,
    };
    if (last !== undefined) event.last = last;
    return event;
  }
}

function describe(group: RunFileGroup): string {
  const folder = group.folder === "." ? "" : `${group.folder}/`;
  return group.paths.length === 1 ? group.paths[0] : `${folder}${group.prefix}.*`;
}

function rowCount(result: ImportRunResult): number {
  const c = result.counts;
  return (result.versionAction === "new-genome" ? 1 : 0) + c.sequences + 1 + c.features + c.xrefs +
    c.files;
}

const log = baktadbLogger("store");

/** One record per file left out of the batch, per run skipped (imported before) or failed. */
function logBatch(ignored: readonly string[], results: readonly ImportItemResult[]): void {
  for (const path of ignored) {
    log.info("import: skipped file {path}: not a Bakta output a run can be read from", { path });
  }
  for (const result of results) {
    if (result.status === "skipped") {
      log.info("import: skipped {item}: imported before", { item: result.item });
    } else if (result.status === "failed") {
      log.error("import: {item} failed: {error}", {
        item: result.item,
        error: result.error instanceof Error ? result.error.message : String(result.error),
      });
    }
  }
}
