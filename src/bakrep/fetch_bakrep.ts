/**
 * `fetchBakrep()`: downloads BakRep datasets (size and MD5 checked, resumable) and imports them as
 * genomes `<id>` with their metadata.
 *
 * @module
 */

import type { Kysely } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import { settleConcurrently } from "../async/settle_concurrently.ts";
import type { BakrepDatasetFile } from "../formats/bakrep/read_bakrep_dataset.ts";
import { readBakrepDataset } from "../formats/bakrep/read_bakrep_dataset.ts";
import { verifyBakrepFile } from "../store/bakrep_dataset.ts";
import { importRuns } from "../store/import_runs.ts";
import type { BakrepClient } from "./bakrep_client.ts";

/** Which files of a dataset to download. */
export type BakrepFileSelection = "store" | "all";

/** Options of {@linkcode fetchBakrep}. */
export interface FetchBakrepOptions {
  /**
   * The folder the datasets are downloaded to (one sub-folder per id); kept, so that a second run
   * downloads only what is missing.
   * @default "bakrep-datasets"
   */
  dir?: string;
  /**
   * `store`: what the store needs (the Bakta JSON, from which every other format is rebuilt, and
   * the side files); `all`: every file of the dataset.
   * @default "store"
   */
  files?: BakrepFileSelection;
  /**
   * Datasets downloaded at once.
   * @default 3
   */
  concurrency?: number;
  /** Called after each dataset is downloaded (or failed), and once at the start. */
  onProgress?: (progress: FetchBakrepProgress) => void;
  /** Stops the fetch. */
  signal?: AbortSignal;
}

/** A progress event of {@linkcode fetchBakrep}. */
export interface FetchBakrepProgress {
  /** Datasets downloaded (or failed). */
  done: number;
  /** Datasets asked. */
  total: number;
  /** Bytes downloaded so far. */
  bytes: number;
}

/** The outcome of one dataset. */
export interface FetchBakrepItem {
  /** The dataset id. */
  id: string;
  /** `imported`, `skipped` (imported before) or `failed`. */
  status: "imported" | "skipped" | "failed";
  /** Files downloaded this time (files already there and intact are not). */
  downloaded: number;
  /** Bytes downloaded this time. */
  bytes: number;
  /** The stored genome's name, unless it failed. */
  genome?: string;
  /** Why it failed. */
  error?: Error;
}

/** The result set of {@linkcode fetchBakrep}. */
export interface FetchBakrepResult {
  /** One item per distinct id, in input order. */
  items: FetchBakrepItem[];
  /** How many were imported. */
  imported: number;
  /** How many were imported before. */
  skipped: number;
  /** How many failed. */
  failed: number;
}

/**
 * Downloads BakRep datasets and imports them: for each id the dataset record, then the selected
 * files (each checked against the record's size and MD5; a file already there and intact is not
 * downloaded again; a download goes to a part file and is renamed once checked), then every
 * downloaded dataset is imported as genome `<id>` with its metadata (a dataset imported before is
 * skipped). A failing id (unknown, a file that stays wrong) fails alone.
 *
 * @param db The database.
 * @param client The BakRep client.
 * @param ids Dataset ids.
 * @param options Folder, file selection, concurrency, progress and signal.
 * @returns One item per id.
 * @throws {RangeError} For a bad `concurrency` or `files`.
 *
 * @example Fetching two datasets from the stand-in
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { startBakrepStandIn } from "../testing/bakrep_stand_in/bakrep_stand_in.ts";
 * import { BakrepClient } from "./bakrep_client.ts";
 * import { fetchBakrep } from "./fetch_bakrep.ts";
 * await using standIn = await startBakrepStandIn({ datasets: 2 });
 * const db = await openDatabase(":memory:");
 * const dir = await Deno.makeTempDir();
 * const result = await fetchBakrep(db, new BakrepClient({ baseUrl: standIn.url }), standIn.ids, { dir });
 * assert.equal(result.imported, 2);
 * await db.destroy();
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function fetchBakrep(
  db: Kysely<Database>,
  client: BakrepClient,
  ids: readonly string[],
  options: FetchBakrepOptions = {},
): Promise<FetchBakrepResult> {
  const { dir = "bakrep-datasets", files = "store", concurrency = 3, onProgress, signal } = options;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`Invalid concurrency ${concurrency}: expected a positive integer`);
  }
  if (files !== "store" && files !== "all") {
    throw new RangeError(`Invalid files "${files}": expected "store" or "all"`);
  }
  const unique = [...new Set(ids)];
  const progress: FetchBakrepProgress = { done: 0, total: unique.length, bytes: 0 };
  onProgress?.({ ...progress });
  const downloads = await settleConcurrently(unique, concurrency, async (id) => {
    try {
      return await downloadDataset(client, id, { dir, files, signal }, (n) => progress.bytes += n);
    } finally {
      progress.done++;
      onProgress?.({ ...progress });
    }
  });
  const items: FetchBakrepItem[] = unique.map((id, i) => {
    const d = downloads[i];
    return d.status === "fulfilled"
      ? { id, status: "imported", ...d.value }
      : { id, status: "failed", downloaded: 0, bytes: 0, error: asError(d.reason) };
  });
  await importDownloaded(db, items, dir, signal);
  return {
    items,
    imported: items.filter((i) => i.status === "imported").length,
    skipped: items.filter((i) => i.status === "skipped").length,
    failed: items.filter((i) => i.status === "failed").length,
  };
}

interface DownloadOptions {
  dir: string;
  files: BakrepFileSelection;
  signal?: AbortSignal;
}

/** Downloads what is missing of one dataset; the record is written last. */
async function downloadDataset(
  client: BakrepClient,
  id: string,
  options: DownloadOptions,
  onBytes: (n: number) => void,
): Promise<{ downloaded: number; bytes: number }> {
  const text = await client.datasetText(id, { signal: options.signal });
  const record = readBakrepDataset(text, { file: `BakRep dataset ${id}` });
  const folder = `${options.dir}/${id}`;
  await Deno.mkdir(folder, { recursive: true });
  let downloaded = 0;
  let bytes = 0;
  for (const entry of record.files.filter((f) => selected(f, options.files))) {
    const path = `${folder}/${entry.name}`;
    if (await isIntact(path, entry)) continue;
    await downloadFile(client, entry, path, options.signal);
    downloaded++;
    bytes += entry.size;
    onBytes(entry.size);
  }
  const recordPart = `${folder}/${id}.json.${Deno.pid}.part`;
  await Deno.writeTextFile(recordPart, text);
  await Deno.rename(recordPart, `${folder}/${id}.json`);
  return { downloaded, bytes };
}

function selected(entry: BakrepDatasetFile, files: BakrepFileSelection): boolean {
  return files === "all" || entry.tool !== "bakta" || entry.filetype === "json";
}

async function isIntact(path: string, entry: BakrepDatasetFile): Promise<boolean> {
  try {
    await verifyBakrepFile(path, entry);
    return true;
  } catch {
    return false;
  }
}

/**
 * Downloads to `<path>.<pid>.part` (so that two processes never write one file), checks size and
 * MD5, then renames; a download that fails leaves no part file.
 */
async function downloadFile(
  client: BakrepClient,
  entry: BakrepDatasetFile,
  path: string,
  signal?: AbortSignal,
): Promise<void> {
  const part = `${path}.${Deno.pid}.part`;
  try {
    const body = await client.download(entry.url, { signal });
    const file = await Deno.open(part, { write: true, create: true, truncate: true });
    await body.pipeTo(file.writable);
    await verifyBakrepFile(part, entry);
    await Deno.rename(part, path);
  } catch (error) {
    await Deno.remove(part).catch(() => {});
    throw error;
  }
}

/** Imports the downloaded datasets (one batch) and records each one's outcome. */
async function importDownloaded(
  db: Kysely<Database>,
  items: FetchBakrepItem[],
  dir: string,
  signal?: AbortSignal,
): Promise<void> {
  const ready = items.filter((i) => i.status !== "failed");
  if (ready.length === 0) return;
  const result = await importRuns(db, ready.map((i) => `${dir}/${i.id}`), { signal });
  for (const item of ready) {
    const outcome = result.items.find((r) => r.prefix === item.id);
    if (outcome === undefined || outcome.status === "failed") {
      item.status = "failed";
      item.error = outcome?.error ??
        new Error(`Cannot import BakRep dataset ${item.id}: no Bakta files were found`);
    } else {
      item.status = outcome.status;
      item.genome = outcome.result?.genome;
    }
  }
}

function asError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}
