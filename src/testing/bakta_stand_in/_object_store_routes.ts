/**
 * The stand-in's object store behind the presigned links (private): uploads of a job's inputs and
 * downloads of its results, with S3's checks (signature, expiry, `Content-Length`) and ranges.
 *
 * @module
 */

import { gunzipSync } from "node:zlib";
import { BAKTA_RESULT_FILE_EXTENSIONS } from "../../client/result_files.ts";
import {
  randomHex,
  type RequestContext,
  RESULT_KEY_ORDER,
  resultFilesOf,
  STAND_IN_BUCKET,
  type StandInState,
} from "./_stand_in_state.ts";
import { empty, s3Error } from "./_responses.ts";
import { actualPhase, type StandInUploadKind } from "./stand_in_job.ts";

/** The input files a job can upload, by their object name. */
const INPUT_FILES: Readonly<Record<string, StandInUploadKind>> = {
  "fastadata.fasta": "fasta",
  "prodigal.tf": "prodigal",
  "replicons.tsv": "replicons",
};

/** `PUT /bakta-bucket/jobs/<id>/inputs/<file>`: stores an input of a job. */
export function uploadRoute(state: StandInState, context: RequestContext): Response {
  const key = objectKey(context);
  const refused = checkLink(state, context, key, "PUT");
  if (refused) return refused;
  if (state.requireContentLength && !context.request.headers.has("content-length")) {
    return s3Error(
      411,
      "MissingContentLength",
      "You must provide the Content-Length HTTP header.",
      key,
    );
  }
  state.objects.set(key, context.body);
  const [, jobId, , file] = key.split("/");
  const job = state.jobs.get(jobId);
  if (job && INPUT_FILES[file]) job.uploads.set(INPUT_FILES[file], context.body);
  return empty(200, { "etag": `"${randomHex(16)}"` });
}

/** `GET`/`HEAD /bakta-bucket/jobs/<id>/results/result.<ext>`: a finished job's result file. */
export async function downloadRoute(
  state: StandInState,
  context: RequestContext,
): Promise<Response> {
  const key = objectKey(context);
  const refused = checkLink(state, context, key, context.request.method);
  if (refused) return refused;
  const stored = await readResultObject(state, context, key);
  if (stored === undefined) {
    return s3Error(404, "NoSuchKey", "The specified key does not exist.", key);
  }
  const { bytes, modified } = stored;
  const etag = `"${bytes.byteLength.toString(16)}-${(modified?.getTime() ?? 0).toString(16)}"`;
  const headers: Record<string, string> = {
    "content-type": "application/octet-stream",
    "accept-ranges": "bytes",
    "etag": etag,
  };
  const disposition = context.url.searchParams.get("response-content-disposition");
  // a hostile name (NUL, line breaks) cannot be a header value: the object store drops it
  if (disposition !== null && ![...disposition].some((c) => c.charCodeAt(0) < 0x20)) {
    headers["content-disposition"] = disposition;
  }
  if (modified) headers["last-modified"] = modified.toUTCString();
  const range = context.request.headers.get("range");
  const ifRange = context.request.headers.get("if-range");
  if (range !== null && (ifRange === null || ifRange === etag)) {
    const partial = rangeResponse(bytes, range, headers);
    if (partial !== undefined) return partial;
  }
  return new Response(bytes, { status: 200, headers });
}

/** The object key of a request: its path after `/bakta-bucket/`. */
function objectKey(context: RequestContext): string {
  return context.url.pathname.slice(STAND_IN_BUCKET.length + 2);
}

/** A 403 when the link's signature is unknown, for another key or method, or expired. */
function checkLink(
  state: StandInState,
  context: RequestContext,
  key: string,
  method: string,
): Response | undefined {
  const signature = context.url.searchParams.get("X-Amz-Signature") ?? "";
  const link = state.links.get(signature);
  const effective = method === "HEAD" ? "GET" : method;
  if (!link || link.key !== key || link.method !== effective) {
    return s3Error(
      403,
      "SignatureDoesNotMatch",
      "The request signature we calculated does not match the signature you provided.",
      key,
    );
  }
  if (context.now > link.expiresAt) {
    return s3Error(403, "AccessDenied", "Request has expired", key);
  }
  return undefined;
}

/**
 * The bytes (gunzipped) and modification time of a result object, or `undefined` when there is
 * none: no such job or key, the job not finished successfully, or the file gone.
 */
async function readResultObject(
  state: StandInState,
  context: RequestContext,
  key: string,
): Promise<{ bytes: Uint8Array<ArrayBuffer>; modified: Date | null } | undefined> {
  const [, jobId, , file] = key.split("/");
  const job = state.jobs.get(jobId);
  const extension = file.replace(/^result\./, "");
  const resultKey = RESULT_KEY_ORDER.find((k) => BAKTA_RESULT_FILE_EXTENSIONS[k] === extension);
  if (
    !job || !resultKey || actualPhase(job, context.now, state.timing) !== "FINISHED" ||
    job.outcome !== "SUCCESSFUL"
  ) {
    return undefined;
  }
  const path = (await resultFilesOf(state, job)).get(resultKey);
  if (path === undefined) return undefined;
  try {
    let bytes = await Deno.readFile(path);
    if (path.endsWith(".gz")) bytes = new Uint8Array(gunzipSync(bytes));
    return { bytes, modified: (await Deno.stat(path)).mtime };
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
}

/**
 * The answer to `Range: bytes=FIRST-[LAST]`: 206 with the part, 416 when it lies past the end, or
 * `undefined` for a range of another form (answered whole).
 */
function rangeResponse(
  bytes: Uint8Array<ArrayBuffer>,
  range: string,
  headers: Record<string, string>,
): Response | undefined {
  const match = /^bytes=(\d+)-(\d*)$/.exec(range.trim());
  if (!match) return undefined;
  const first = Number(match[1]);
  const last = match[2] === ""
    ? bytes.byteLength - 1
    : Math.min(Number(match[2]), bytes.byteLength - 1);
  if (first >= bytes.byteLength || first > last) {
    return empty(416, { "content-range": `bytes */${bytes.byteLength}` });
  }
  headers["content-range"] = `bytes ${first}-${last}/${bytes.byteLength}`;
  return new Response(bytes.slice(first, last + 1), { status: 206, headers });
}
