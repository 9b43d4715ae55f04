/**
 * `importRuns()`: a batch import of many runs (folders, files, globs), parsed concurrently and
 * written one transaction per run, with progress events and a per-item result set.
 *
 * @module
 */

import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import { collectRunFiles, type RunFileGroup } from "./run_files.ts";
import { type ImportRunOptions, writePrepared } from "./import_run.ts";
import { loadRunFiles, parseRunFiles } from "./prepare_run.ts";
import { findImportedFiles, type ImportRunResult } from "./write_run.ts";
import { StoreCache, storeCacheFor } from "./store_cache.ts";

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
  /** Files found that are not named like Bakta outputs (not imported). */
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
   * How many runs are read and parsed at once (writes are one at a time, in input order).
   * @default 2
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
 * `assembly.json` + `assembly.gff3` + … of one folder are one run). Runs are read and parsed
 * `concurrency` at a time and written one transaction each, in input order. A run that fails is
 * reported with its error and leaves nothing in the database; the others go in. With `genome`,
 * every run goes to that genome.
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
  const { concurrency = 2, recursive = false, onProgress, signal } = options;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(
      `Cannot import: concurrency must be a positive integer, got ${concurrency}`,
    );
  }
  const cache = options.cache ?? (db.isTransaction ? new StoreCache() : storeCacheFor(db));
  const found = await collectRunFiles(items, { recursive });
  const results: ImportItemResult[] = found.missing.map((item) => ({
    item,
    status: "failed",
    error: new Error(`Cannot import ${item}: no such file or folder, or the glob matched nothing`),
  }));
  const groups = found.groups;
  const total = groups.length + found.missing.length;
  let done = found.missing.length;
  let features = 0;
  let rows = 0;
  const elapsed = () => performance.now() - started;
  onProgress?.({ done, total, features, elapsedMs: elapsed() });

  const groupResults: ImportItemResult[] = new Array(groups.length);
  const written: Promise<void>[] = new Array(groups.length);
  const release: (() => void)[] = new Array(groups.length);
  for (let i = 0; i < groups.length; i++) {
    written[i] = new Promise((resolve) => (release[i] = resolve));
  }
  let next = 0;
  const worker = async () => {
    while (next < groups.length) {
      const index = next++;
      const group = groups[index];
      let outcome: ImportItemResult;
      try {
        if (signal?.aborted) throw signal.reason ?? new Error("The import was aborted");
        outcome = await importGroup(
          db,
          group,
          { ...options, cache },
          () => index === 0 ? Promise.resolve() : written[index - 1],
        );
      } catch (error) {
        outcome = {
          item: describe(group),
          prefix: group.prefix,
          status: "failed",
          error: error instanceof Error ? error : new Error(String(error)),
        };
        if (index > 0) await written[index - 1];
      }
      groupResults[index] = outcome;
      if (outcome.result?.status === "imported") {
        features += outcome.result.counts.features;
        rows += rowCount(outcome.result);
      }
      done++;
      release[index]();
      onProgress?.({ done, total, features, elapsedMs: elapsed(), last: outcome });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, groups.length) }, worker));

  results.push(...groupResults);
  return {
    items: results,
    imported: results.filter((r) => r.status === "imported").length,
    skipped: results.filter((r) => r.status === "skipped").length,
    failed: results.filter((r) => r.status === "failed").length,
    ignored: found.ignored,
    features,
    rows,
    durationMs: elapsed(),
  };
}

async function importGroup(
  db: Kysely<Database>,
  group: RunFileGroup,
  options: ImportRunsOptions & { cache: StoreCache },
  turn: () => Promise<void>,
): Promise<ImportItemResult> {
  const item = describe(group);
  const loaded = await loadRunFiles(group.paths, options);
  loaded.where = item;
  loaded.prefix = group.prefix;
  const before = options.jobId === undefined ? await findImportedFiles(db, loaded) : undefined;
  let result: ImportRunResult;
  if (before !== undefined) {
    await turn();
    result = before;
  } else {
    const prepared = await parseRunFiles(loaded, options);
    await turn();
    result = await writePrepared(db, prepared, options);
  }
  return { item, prefix: group.prefix, status: result.status, result };
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
