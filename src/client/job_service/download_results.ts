/**
 * Downloading a finished job's result files into a folder, and checking what can be checked.
 *
 * @module
 */

import type { BaktaClient } from "../bakta_client.ts";
import type { BaktaJob, BaktaResultFileKey } from "../api_types.ts";
import { BaktaApiError } from "../bakta_error.ts";
import { BAKTA_RESULT_FILE_EXTENSIONS, BAKTA_RESULT_FILE_KEYS } from "../result_files.ts";
import { settleConcurrently } from "../../async/settle_concurrently.ts";
import { gunzipIfNeeded } from "./_files.ts";
import { JobServiceError } from "./job_service_error.ts";
import { checkConcurrency, DEFAULT_DOWNLOAD_CONCURRENCY } from "./job_service_options.ts";

/** One result file on disk. */
export interface DownloadedResultFile {
  /** Its `ResultFiles` key. */
  key: BaktaResultFileKey;
  /** Where it was written. */
  path: string;
  /** Its size in bytes. */
  bytes: number;
}

/** A result file the service offered but that could not be downloaded because it does not exist. */
export interface MissingResultFile {
  /** Its `ResultFiles` key. */
  key: BaktaResultFileKey;
  /** Why (e.g. `HTTP 404 "NoSuchKey"`). */
  reason: string;
}

/** What {@linkcode downloadJobResults} got. */
export interface DownloadedResults {
  /** The files written, in the order of `BAKTA_RESULT_FILE_KEYS`. */
  files: DownloadedResultFile[];
  /** The files offered that do not exist (404): noted, not fatal. */
  missing: MissingResultFile[];
}

/** Options of {@linkcode downloadJobResults}. */
export interface DownloadResultsOptions {
  /**
   * The file name prefix: files are written as `<prefix>.<extension>` (`.gff3`, `.json`, …).
   * @default {"result"}
   */
  prefix?: string;
  /**
   * How many files download at once.
   * @default {4}
   */
  concurrency?: number;
  /** Cancels the downloads. */
  signal?: AbortSignal;
  /** Called after each file is written and checked. */
  onFile?: (file: DownloadedResultFile) => void;
}

/** The keys whose files hold an annotation the store can import. */
export const ANNOTATION_RESULT_KEYS: readonly BaktaResultFileKey[] = Object.freeze([
  "JSON",
  "GFF3",
  "GBFF",
  "EMBL",
  "TSV",
]);

/**
 * Downloads every result file a finished job offers (`result`, then each link with bounded
 * concurrency; the client resumes broken downloads and checks announced sizes), writes each as
 * `<prefix>.<extension>` in `dir`, and checks it (`verifyResultFile`). A file the service offers
 * but does not have (404, e.g. a plot) is listed in `missing`; any other failure is thrown.
 *
 * @param client The client.
 * @param job The job.
 * @param dir An existing folder to write into.
 * @param options Prefix, concurrency, cancellation and a per-file callback.
 * @returns The files written and those missing.
 * @throws {BaktaApiError} When `result` fails (e.g. 400 `Job not found`) or a download fails for
 *   another reason than 404.
 * @throws {BaktaNetworkError} When a download cannot finish.
 * @throws {JobServiceError} `DamagedDownload` when a file fails its check.
 *
 * @example Downloading a finished job from a local stand-in
 * ```ts
 * import { BaktaClient } from "../bakta_client.ts";
 * import { buildJobConfig } from "../build_job_config.ts";
 * import { startBaktaStandIn } from "../../testing/bakta_stand_in/mod.ts";
 * import { downloadJobResults } from "./download_results.ts";
 * const results = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${results}/demo.json`, '{"features": []}');
 * await Deno.writeTextFile(`${results}/demo.gff3`, "##gff-version 3\n");
 * const out = await Deno.makeTempDir();
 * await using standIn = await startBaktaStandIn({ resultsDir: results, runningMs: 0 });
 * const client = new BaktaClient({ baseUrl: standIn.baseUrl });
 * const { job, uploadLinkFasta } = await client.init("demo.fna", "TSV");
 * await client.upload(uploadLinkFasta, ">c1\nACGT\n");
 * await client.start(job, buildJobConfig({ genus: "Escherichia" }));
 * await client.waitForJobs([job], { intervalMs: 10 });
 * const { files, missing } = await downloadJobResults(client, job, out, { prefix: "demo" });
 * const gff3 = await Deno.readTextFile(`${out}/demo.gff3`);
 * await Deno.remove(results, { recursive: true });
 * await Deno.remove(out, { recursive: true });
 * if (files.map((f) => f.key).join() !== "GFF3,JSON") throw new Error("expected GFF3 and JSON");
 * if (gff3 !== "##gff-version 3\n") throw new Error("GFF3 content");
 * // The other twelve files the service offers are not there: noted, not fatal.
 * if (missing.length !== 12 || !missing[0].reason.startsWith("HTTP 404")) {
 *   throw new Error("expected twelve missing files");
 * }
 * ```
 */
export async function downloadJobResults(
  client: BaktaClient,
  job: BaktaJob,
  dir: string,
  options: DownloadResultsOptions = {},
): Promise<DownloadedResults> {
  const { prefix = "result", concurrency = DEFAULT_DOWNLOAD_CONCURRENCY, signal, onFile } = options;
  checkConcurrency("concurrency", concurrency);
  const result = await client.result(job, { signal });
  const offered = BAKTA_RESULT_FILE_KEYS.flatMap((key) => {
    const url = result.ResultFiles[key];
    return url === undefined ? [] : [{ key, url }];
  });
  const files: DownloadedResultFile[] = [];
  const missing: MissingResultFile[] = [];
  const settled = await settleConcurrently(offered, concurrency, async ({ key, url }) => {
    const path = `${dir.replace(/[\\/]+$/, "")}/${prefix}.${BAKTA_RESULT_FILE_EXTENSIONS[key]}`;
    let bytes = 0;
    try {
      const body = await client.download(url, { signal, jobId: job.jobID });
      const counter = new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          bytes += chunk.byteLength;
          controller.enqueue(chunk);
        },
      });
      const file = await Deno.open(path, { write: true, create: true, truncate: true });
      await body.pipeThrough(counter).pipeTo(file.writable);
    } catch (error) {
      // a 404, also when a broken download is resumed: the object does not exist
      if (error instanceof BaktaApiError && error.status === 404) {
        await Deno.remove(path).catch(() => {});
        const said = error.serviceMessage ? ` ${JSON.stringify(error.serviceMessage)}` : "";
        missing.push({ key, reason: `HTTP 404${said}` });
        return;
      }
      throw error;
    }
    await verifyResultFile(path, key);
    const written = { key, path, bytes };
    files.push(written);
    onFile?.(written);
  });
  const failure = settled.find((entry) => entry.status === "rejected");
  if (failure) throw (failure as PromiseRejectedResult).reason;
  const order = (key: BaktaResultFileKey) => BAKTA_RESULT_FILE_KEYS.indexOf(key);
  files.sort((a, b) => order(a.key) - order(b.key));
  missing.sort((a, b) => order(a.key) - order(b.key));
  return { files, missing };
}

/**
 * Checks a downloaded result file as far as its kind allows: gzip data decompresses, JSON parses
 * to an object, GFF3 starts with `##gff-version`, a PNG has its signature, an SVG holds `<svg`,
 * and text files are valid UTF-8. (Sizes are checked by the client against `Content-Length`.)
 *
 * @param path The file.
 * @param key Its `ResultFiles` key.
 * @throws {JobServiceError} `DamagedDownload`, naming the file and the check.
 *
 * @example A broken JSON file
 * ```ts
 * import { verifyResultFile } from "./download_results.ts";
 * const path = await Deno.makeTempFile({ suffix: ".json" });
 * await Deno.writeTextFile(path, '{"features": [');
 * let failed = false;
 * await verifyResultFile(path, "JSON").catch(() => (failed = true));
 * await Deno.remove(path);
 * if (!failed) throw new Error("not detected");
 * ```
 */
export async function verifyResultFile(path: string, key: BaktaResultFileKey): Promise<void> {
  const fail = (problem: string, cause?: unknown) =>
    new JobServiceError("DamagedDownload", `Downloaded ${key} file "${path}" ${problem}`, {
      file: path,
      cause,
    });
  let bytes: Uint8Array;
  try {
    bytes = await gunzipIfNeeded(await Deno.readFile(path), path);
  } catch (error) {
    throw fail("is damaged gzip data", error);
  }
  if (key === "PNGCircularPlot") {
    const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
    if (!signature.every((byte, i) => bytes[i] === byte)) throw fail("is not a PNG image");
    return;
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (error) {
    throw fail("is not UTF-8 text", error);
  }
  if (key === "JSON") {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw fail("is not valid JSON (truncated?)", error);
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      throw fail("does not hold a JSON object");
    }
  } else if (key === "GFF3") {
    if (!/^\uFEFF?##gff-version/.test(text)) throw fail('does not start with "##gff-version"');
  } else if (key === "SVGCircularPlot") {
    if (!text.includes("<svg")) throw fail("holds no <svg> element");
  }
}
