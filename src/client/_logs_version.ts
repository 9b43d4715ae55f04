/**
 * The remaining endpoints of the Bakta client (private): `GET /job/logs`, `GET /version` and
 * `DELETE /job/delete`.
 *
 * @module
 */

import { type BaktaTransport, discardBody } from "./_transport.ts";
import { validateVersion } from "./_validate_response.ts";
import type { BaktaJob, BaktaVersion } from "./api_types.ts";
import type { BaktaRequestOptions } from "./client_config.ts";

/** `GET /job/logs` (see `BaktaClient.logs`). */
export async function getLogs(
  transport: BaktaTransport,
  job: BaktaJob,
  options: BaktaRequestOptions,
): Promise<string> {
  transport.checkJob(job);
  const action = `Cannot get the logs of job ${JSON.stringify(job.jobID)}`;
  const query = new URLSearchParams({ jobID: job.jobID, secret: job.secret });
  return await transport.request(
    transport.spec("logs", "GET", `/job/logs?${query}`, action, options, job.jobID),
    transport.readText("logs", action, job.jobID),
  );
}

/** `GET /version` (see `BaktaClient.version`). */
export async function getVersion(
  transport: BaktaTransport,
  options: BaktaRequestOptions,
): Promise<BaktaVersion> {
  const action = "Cannot get the service version";
  const body = await transport.request(
    transport.spec("version", "GET", "/version", action, options),
    transport.readJson("version", action),
  );
  return validateVersion(
    body,
    (expected, item) => transport.shapeError("version", action, expected, item),
  );
}

/** `DELETE /job/delete` (see `BaktaClient.delete`). */
export async function deleteJob(
  transport: BaktaTransport,
  job: BaktaJob,
  options: BaktaRequestOptions,
): Promise<void> {
  transport.checkJob(job);
  const action = `Cannot delete job ${JSON.stringify(job.jobID)}`;
  const query = new URLSearchParams({ jobID: job.jobID, secret: job.secret });
  await transport.request(
    transport.spec("delete", "DELETE", `/job/delete?${query}`, action, options, job.jobID),
    discardBody,
  );
}
