/**
 * `PrepareWorker`: the read-and-prepare stage of an import in a worker thread, so that the next
 * run is read, checksummed, compressed and parsed while the current one is written.
 *
 * @module
 */

import type { PreparedRun, PrepareRunOptions } from "./prepare_run.ts";

/** The options a worker can be given (no functions cross the thread boundary). */
export type WorkerPrepareOptions = Pick<
  PrepareRunOptions,
  "compressionLevel" | "maxDecompressedBytes"
>;

/** A message to the worker. */
export type PrepareRequest =
  | {
    op: "load";
    id: number;
    paths: string[];
    prefix: string;
    where: string;
    options: WorkerPrepareOptions;
  }
  | { op: "parse"; id: number; options: WorkerPrepareOptions }
  | { op: "drop"; id: number }
  | { op: "stored"; id: number; checksums: string[] };

/** The worker's answer. */
export type PrepareResponse =
  | { id: number; ok: true; checksums?: string[]; prepared?: PreparedRun }
  | { id: number; ok: false; message: string };

/** A run loaded in the worker: its files' checksums, and its handle for `parse`/`drop`. */
export interface WorkerLoadedRun {
  /** The handle. */
  id: number;
  /** The SHA-256 of each file. */
  checksums: string[];
  /**
   * The run, prepared in the same trip when one of its files is not among the stored files the
   * worker was told of ({@linkcode PrepareWorker.storedFiles}): no stored annotation can hold it.
   */
  prepared?: PreparedRun;
}

/**
 * A worker thread that loads and parses runs (`loadRunFiles` + `parseRunFiles`) for the writer.
 * Requests may overlap; each is answered by its id. An error in the worker rejects with its
 * message (callers that need the error's class run the stage again on their own thread).
 *
 * @example Loading and parsing one factory file
 * ```ts
 * import { formatRunAsBaktaJson, makeRun } from "../testing/factory/mod.ts";
 * import { PrepareWorker } from "./prepare_worker.ts";
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/a.json`, formatRunAsBaktaJson(makeRun({ seed: 1, featuresPerSequence: 3 })));
 * const worker = new PrepareWorker();
 * try {
 *   const loaded = await worker.load([`${dir}/a.json`], "a", dir);
 *   const prepared = await worker.parse(loaded);
 *   if (prepared.featureRows.length !== 6 || loaded.checksums.length !== 1) throw new Error("run");
 * } finally {
 *   worker.close();
 *   await Deno.remove(dir, { recursive: true });
 * }
 * ```
 */
export class PrepareWorker {
  #worker: Worker;
  #next = 1;
  #waiting = new Map<number, (response: PrepareResponse) => void>();
  #options: WorkerPrepareOptions;

  /**
   * Starts the worker.
   *
   * @param options The compression level for stored files and residues.
   */
  constructor(options: WorkerPrepareOptions = {}) {
    this.#options = Object.freeze({ ...options });
    this.#worker = new Worker(new URL("./_prepare_worker.ts", import.meta.url).href, {
      type: "module",
    });
    this.#worker.onmessage = (event: MessageEvent<PrepareResponse>) => {
      const resolve = this.#waiting.get(event.data.id);
      this.#waiting.delete(event.data.id);
      resolve?.(event.data);
    };
  }

  /**
   * Reads and checksums the files of one run in the worker.
   *
   * @param paths The run's files.
   * @param prefix The run prefix.
   * @param where What was given, for messages.
   * @returns The handle and the files' checksums; the prepared run too when a file is new to the
   *   stored files the worker was told of.
   */
  async load(paths: string[], prefix: string, where: string): Promise<WorkerLoadedRun> {
    const id = this.#next++;
    const response = await this.#ask({
      op: "load",
      id,
      paths,
      prefix,
      where,
      options: this.#options,
    });
    const run: WorkerLoadedRun = { id, checksums: response.checksums! };
    if (response.prepared !== undefined) run.prepared = response.prepared;
    return run;
  }

  /**
   * Tells the worker which files the database holds (their SHA-256), so that
   * {@linkcode PrepareWorker.load} parses a run with a file not among them in the same trip:
   * the writer need not answer between reading and parsing, which it could only do between two
   * writes. A run whose files are all among them is loaded only, for the writer to check.
   *
   * @param checksums The stored files' SHA-256 checksums.
   *
   * @example A file the database does not hold is parsed at once
   * ```ts
   * import { formatRunAsBaktaJson, makeRun } from "../testing/factory/mod.ts";
   * import { PrepareWorker } from "./prepare_worker.ts";
   * const dir = await Deno.makeTempDir();
   * await Deno.writeTextFile(`${dir}/a.json`, formatRunAsBaktaJson(makeRun({ seed: 1, featuresPerSequence: 3 })));
   * const worker = new PrepareWorker();
   * try {
   *   await worker.storedFiles([]);
   *   const loaded = await worker.load([`${dir}/a.json`], "a", dir);
   *   if (loaded.prepared?.featureRows.length !== 6) throw new Error("not parsed in the same trip");
   * } finally {
   *   worker.close();
   *   await Deno.remove(dir, { recursive: true });
   * }
   * ```
   */
  async storedFiles(checksums: readonly string[]): Promise<void> {
    await this.#ask({ op: "stored", id: this.#next++, checksums: [...checksums] });
  }

  /**
   * Parses a loaded run in the worker.
   *
   * @param loaded The handle from {@linkcode PrepareWorker.load}.
   * @returns The prepared run, slimmed for writing (no feature models, no residue texts).
   */
  async parse(loaded: WorkerLoadedRun): Promise<PreparedRun> {
    return (await this.#ask({ op: "parse", id: loaded.id, options: this.#options })).prepared!;
  }

  /**
   * Forgets a loaded run (its files were stored before).
   *
   * @param loaded The handle.
   */
  async drop(loaded: WorkerLoadedRun): Promise<void> {
    await this.#ask({ op: "drop", id: loaded.id });
  }

  /** Stops the worker. */
  close(): void {
    this.#worker.terminate();
  }

  #ask(request: PrepareRequest): Promise<PrepareResponse & { ok: true }> {
    return new Promise((resolve, reject) => {
      this.#waiting.set(request.id, (response) => {
        if (response.ok) resolve(response);
        else reject(new Error(response.message));
      });
      this.#worker.postMessage(request);
    });
  }
}
