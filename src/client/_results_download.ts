/**
 * The result endpoints of the Bakta client (private): `POST /job/result` and the `GET` of a
 * presigned download link, resumed with `Range` requests and capped at `maxDownloadBytes`.
 *
 * @module
 */

import { type DownloadPart, resumableBody } from "./_resumable_body.ts";
import { type BaktaTransport, checkLink } from "./_transport.ts";
import { validateResult } from "./_validate_response.ts";
import type { BaktaJob, BaktaResultResponse } from "./api_types.ts";
import type { BaktaDownloadOptions, BaktaRequestOptions } from "./client_config.ts";
import { fileNameFromDownloadUrl } from "./result_files.ts";
import { baktadbLogger } from "../log/logger.ts";

const log = baktadbLogger("client");

/** `POST /job/result` (see `BaktaClient.result`). */
export async function getResult(
  transport: BaktaTransport,
  job: BaktaJob,
  options: BaktaRequestOptions,
): Promise<BaktaResultResponse> {
  transport.checkJob(job);
  const action = `Cannot get the result of job ${JSON.stringify(job.jobID)}`;
  const body = await transport.request(
    {
      ...transport.spec("result", "POST", "/job/result", action, options, job.jobID),
      body: JSON.stringify({ jobID: job.jobID, secret: job.secret }),
    },
    transport.readJson("result", action, job.jobID),
  );
  return validateResult(
    body,
    (expected, item) => transport.shapeError("result", action, expected, item, job.jobID),
  );
}

/** `GET` a presigned download link as a resumable, capped stream (see `BaktaClient.download`). */
export async function downloadFile(
  transport: BaktaTransport,
  url: string,
  options: BaktaDownloadOptions,
): Promise<ReadableStream<Uint8Array>> {
  const shown = transport.redactUrl(url);
  const action = downloadAction(url, shown, options.jobId);
  const timeoutMs = options.timeoutMs ?? transport.config.timeoutMs;
  const of = options.jobId === undefined ? "" : ` of job ${JSON.stringify(options.jobId)}`;
  const target = checkLink(url, "url", `${shown}${of}`);
  const get = (headers: Record<string, string>) =>
    transport.request<DownloadPart>(
      {
        endpoint: "download",
        method: "GET",
        url: target,
        action,
        jobId: options.jobId,
        headers,
        signal: options.signal,
        timeoutMs,
      },
      (response, deadline) => Promise.resolve({ response, deadline }),
      true,
    );
  const first = await get({});
  return resumableBody({
    first,
    refetch: (offset, etag) => {
      log.warn("{action}: the body broke after {offset} bytes; resuming with a Range request", {
        action: transport.redact(action),
        offset,
        endpoint: "download",
        jobId: options.jobId,
      });
      return get({ range: `bytes=${offset}-`, ...(etag ? { "if-range": etag } : {}) });
    },
    maxResumes: options.resume === false ? 0 : transport.config.retry.attempts - 1,
    maxBytes: transport.config.maxDownloadBytes,
    idleTimeoutMs: timeoutMs,
    signal: options.signal,
    fail: (detail, cause, timedOut) =>
      transport.downloadError(action, detail, {
        url: shown,
        jobId: options.jobId,
        cause,
        timeoutMs: timedOut ? timeoutMs : undefined,
      }),
  });
}

function downloadAction(url: string, shown: string, jobId: string | undefined): string {
  const name = fileNameFromDownloadUrl(url);
  const shownName = name === undefined ? shown : JSON.stringify(name);
  return `Cannot download ${shownName}${
    jobId === undefined ? "" : ` of job ${JSON.stringify(jobId)}`
  }`;
}
