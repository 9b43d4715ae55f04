/**
 * The submission endpoints of the Bakta client (private): `POST /job/init`, the `PUT` to a
 * presigned upload link, `POST /job/start`.
 *
 * @module
 */

import { readUpTo } from "./_bounded_body.ts";
import { listJobs } from "./_list_status.ts";
import { type BaktaTransport, checkLink, discardBody } from "./_transport.ts";
import { validateInit } from "./_validate_response.ts";
import type {
  BaktaInitResponse,
  BaktaJob,
  BaktaJobConfig,
  BaktaRepliconTableType,
} from "./api_types.ts";
import { BaktaValidationError } from "./bakta_error.ts";
import type { BaktaRequestOptions, BaktaUploadBody, BaktaUploadOptions } from "./client_config.ts";

const REQUIRED_CONFIG_FIELDS = [
  ["translationTable", "number"],
  ["completeGenome", "boolean"],
  ["keepContigHeaders", "boolean"],
  ["minContigLength", "number"],
  ["compliant", "boolean"],
] as const;

/** `POST /job/init` (see `BaktaClient.init`). */
export async function initJob(
  transport: BaktaTransport,
  name: string,
  repliconTableType: BaktaRepliconTableType,
  options: BaktaRequestOptions,
): Promise<BaktaInitResponse> {
  if (typeof name !== "string") {
    throw new BaktaValidationError(
      "InvalidOption",
      `Invalid name ${String(name)}: expected a string`,
      { option: "name" },
    );
  }
  if (repliconTableType !== "CSV" && repliconTableType !== "TSV") {
    throw new BaktaValidationError(
      "InvalidOption",
      `Invalid repliconTableType "${String(repliconTableType)}": expected "CSV" or "TSV"`,
      { option: "repliconTableType" },
    );
  }
  const action = `Cannot create job ${JSON.stringify(name)}`;
  const body = await transport.request(
    {
      ...transport.spec("init", "POST", "/job/init", action, options),
      body: JSON.stringify({ name, repliconTableType }),
    },
    transport.readJson("init", action),
  );
  return validateInit(
    body,
    (expected, item) => transport.shapeError("init", action, expected, item),
    (secret) => transport.addSecret(secret),
  );
}

/** `PUT` to a presigned upload link (see `BaktaClient.upload`). */
export async function uploadFile(
  transport: BaktaTransport,
  link: string,
  body: BaktaUploadBody,
  options: BaktaUploadOptions,
): Promise<void> {
  const shown = transport.redactUrl(link);
  const of = options.jobId === undefined ? "" : ` for job ${JSON.stringify(options.jobId)}`;
  const action = `Cannot upload${of} to ${shown}`;
  const bytes = typeof body === "string" || body instanceof Uint8Array
    ? body
    : (await readUpTo(body, Infinity, options.signal)).bytes;
  await transport.request(
    {
      endpoint: "upload",
      method: "PUT",
      url: checkLink(link, "link", `${shown}${of}`),
      action,
      jobId: options.jobId,
      body: bytes,
      headers: { "content-type": options.contentType ?? "application/octet-stream" },
      signal: options.signal,
      timeoutMs: options.timeoutMs ?? transport.config.uploadTimeoutMs,
    },
    discardBody,
  );
}

/** `POST /job/start`, never twice for one call (see `BaktaClient.start`). */
export async function startJob(
  transport: BaktaTransport,
  job: BaktaJob,
  config: BaktaJobConfig,
  options: BaktaRequestOptions,
): Promise<void> {
  transport.checkJob(job);
  checkRequiredConfig(config);
  const action = `Cannot start job ${JSON.stringify(job.jobID)}`;
  await transport.request(
    {
      ...transport.spec("start", "POST", "/job/start", action, options, job.jobID),
      body: JSON.stringify({ job: { jobID: job.jobID, secret: job.secret }, config }),
      tookEffect: async () => {
        const listed = await listJobs(transport, [job], { signal: options.signal });
        return listed.jobs.some((entry) => entry.jobID === job.jobID);
      },
    },
    discardBody,
  );
}

function checkRequiredConfig(config: BaktaJobConfig): void {
  for (const [field, type] of REQUIRED_CONFIG_FIELDS) {
    const actual = typeof config?.[field];
    if (actual !== type) {
      throw new BaktaValidationError(
        "InvalidOption",
        `Invalid config.${field} ${String(config?.[field])}: expected a ${type} ` +
          "(the service requires it)",
        { option: field },
      );
    }
  }
}
