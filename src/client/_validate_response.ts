/**
 * Checking the service's answers against the v1 contract (private helper of the client): each
 * function returns the typed answer or calls `fail` with what was expected and the offending part.
 *
 * @module
 */

import type {
  BaktaFailedJob,
  BaktaInitResponse,
  BaktaListedJob,
  BaktaResultFiles,
  BaktaResultResponse,
  BaktaVersion,
} from "./api_types.ts";
import { normalizeJobStatus } from "./job_status.ts";
import { isBaktaResultFileKey } from "./result_files.ts";

/** Builds (and the caller throws) the error of an answer that breaks the contract. */
export type ShapeFailure = (expected: string, body: unknown) => Error;

/** `GET /version`: three strings. */
export function validateVersion(body: unknown, fail: ShapeFailure): BaktaVersion {
  const record = asRecord(body);
  const version = {
    toolVersion: record?.toolVersion,
    dbVersion: record?.dbVersion,
    backendVersion: record?.backendVersion,
  };
  if (!Object.values(version).every((value) => typeof value === "string")) {
    throw fail("expected toolVersion, dbVersion, backendVersion", body);
  }
  return version as BaktaVersion;
}

/**
 * `POST /job/init`: the job and three upload links. `onSecret` learns the secret even of a broken
 * answer, so that the error built from it is redacted.
 */
export function validateInit(
  body: unknown,
  fail: ShapeFailure,
  onSecret: (secret: string) => void,
): BaktaInitResponse {
  const record = asRecord(body);
  const job = asRecord(record?.job);
  if (typeof job?.secret === "string") onSecret(job.secret);
  const links = [record?.uploadLinkFasta, record?.uploadLinkProdigal, record?.uploadLinkReplicons];
  if (
    typeof job?.jobID !== "string" || typeof job.secret !== "string" ||
    !links.every((link) => typeof link === "string")
  ) {
    throw fail("expected job and three upload links", body);
  }
  return {
    uploadLinkFasta: links[0] as string,
    uploadLinkProdigal: links[1] as string,
    uploadLinkReplicons: links[2] as string,
    job: { jobID: job.jobID, secret: job.secret },
  };
}

/** `POST /job/list`: listed jobs (status normalized) and failed jobs. */
export function validateList(
  body: unknown,
  fail: ShapeFailure,
): { jobs: BaktaListedJob[]; failedJobs: BaktaFailedJob[] } {
  const record = asRecord(body);
  if (!Array.isArray(record?.jobs) || !Array.isArray(record.failedJobs)) {
    throw fail("expected jobs and failedJobs arrays", body);
  }
  return {
    jobs: record.jobs.map((item) => listedJob(item, fail)),
    failedJobs: record.failedJobs.map((item) => failedJob(item, fail)),
  };
}

/**
 * `POST /job/result`: the times, the name and the `ResultFiles` links. Keys outside the 14 of the
 * contract and values that are not strings are dropped: a hostile key (`../x`, `/etc/passwd`)
 * never reaches a file name.
 */
export function validateResult(body: unknown, fail: ShapeFailure): BaktaResultResponse {
  const record = asRecord(body);
  const files = asRecord(record?.ResultFiles);
  if (
    !record || !files || typeof record.jobID !== "string" || typeof record.started !== "string" ||
    typeof record.updated !== "string" || typeof record.name !== "string"
  ) {
    throw fail("expected jobID, started, updated, name and ResultFiles", body);
  }
  const resultFiles: BaktaResultFiles = {};
  for (const [key, value] of Object.entries(files)) {
    if (isBaktaResultFileKey(key) && typeof value === "string") resultFiles[key] = value;
  }
  return {
    jobID: record.jobID,
    started: record.started,
    updated: record.updated,
    name: record.name,
    ResultFiles: resultFiles,
  };
}

function listedJob(item: unknown, fail: ShapeFailure): BaktaListedJob {
  const entry = asRecord(item);
  const status = normalizeJobStatus(entry?.jobStatus);
  if (
    !entry || typeof entry.jobID !== "string" || status === undefined ||
    typeof entry.started !== "string" || typeof entry.updated !== "string" ||
    typeof entry.name !== "string"
  ) {
    throw fail("unexpected job entry", item);
  }
  return {
    jobID: entry.jobID,
    jobStatus: status,
    started: entry.started,
    updated: entry.updated,
    name: entry.name,
  };
}

function failedJob(item: unknown, fail: ShapeFailure): BaktaFailedJob {
  const entry = asRecord(item);
  if (
    !entry || typeof entry.jobID !== "string" ||
    (entry.jobStatus !== "NOT_FOUND" && entry.jobStatus !== "UNAUTHORIZED")
  ) {
    throw fail("unexpected failed job entry", item);
  }
  return { jobID: entry.jobID, jobStatus: entry.jobStatus };
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? value as Record<string, unknown>
    : undefined;
}
