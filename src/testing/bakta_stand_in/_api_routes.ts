/**
 * The stand-in's answers on the Bakta API v1 (private): one handler per endpoint, each taking the
 * stand-in's state and the request, as the backend's axum handlers do.
 *
 * @module
 */

import { BAKTA_RESULT_FILE_EXTENSIONS } from "../../client/result_files.ts";
import { sanitizeJobName } from "../../client/sanitize_job_name.ts";
import {
  extractJobQuery,
  extractJson,
  initShape,
  jobShape,
  listShape,
  startShape,
} from "./axum_json.ts";
import {
  activeJob,
  firedFault,
  type RequestContext,
  RESULT_KEY_ORDER,
  signLink,
  type StandInState,
} from "./_stand_in_state.ts";
import { json, rejection, text } from "./_responses.ts";
import {
  defaultLogs,
  finishedAt,
  INFRA_ERROR_LOGS,
  reportedPhase,
  rfc3339,
  type StandInJob,
  type StandInOutcome,
  type StandInPhase,
} from "./stand_in_job.ts";

/** A route handler: the stand-in's state and one request in, the answer out. */
export type StandInHandler = (
  state: StandInState,
  context: RequestContext,
) => Promise<Response> | Response;

/** `GET /version`. */
export function versionRoute(state: StandInState): Response {
  return json(200, state.version);
}

/** `POST /job/init`: a new job and its three upload links. */
export function initRoute(state: StandInState, context: RequestContext): Response {
  const contentType = context.request.headers.get("content-type");
  const parsed = extractJson(contentType, context.text, initShape);
  if (!parsed.ok) return rejection(parsed.rejection);
  const job: StandInJob = {
    jobID: crypto.randomUUID(),
    secret: randomSecret(),
    requestedName: parsed.value.name,
    name: sanitizeJobName(parsed.value.name),
    repliconTableType: parsed.value.repliconTableType,
    createdAt: context.now,
    submissions: 0,
    uploads: new Map(),
    deleted: false,
  };
  state.jobs.set(job.jobID, job);
  const upload = (file: string) =>
    signLink(state, {
      method: "PUT",
      key: `jobs/${job.jobID}/inputs/${file}`,
      ttlMs: state.uploadTtlMs,
    });
  return json(200, {
    uploadLinkFasta: upload("fastadata.fasta"),
    uploadLinkProdigal: upload("prodigal.tf"),
    uploadLinkReplicons: upload("replicons.tsv"),
    job: { secret: job.secret, jobID: job.jobID },
  });
}

/** `POST /job/start`: the job starts (again), its outcome decided now. */
export function startRoute(state: StandInState, context: RequestContext): Response {
  const contentType = context.request.headers.get("content-type");
  const parsed = extractJson(contentType, context.text, startShape);
  if (!parsed.ok) return rejection(parsed.rejection);
  const job = activeJob(state, parsed.value.job.jobID);
  if (!job) return json(200, null);
  if (refusesSecret(context, job, parsed.value.job.secret)) return json(400, "Unauthorized");
  job.submissions++;
  job.startedAt = context.now;
  job.config = parsed.value.config;
  job.outcome = decideOutcome(state, job, context);
  state.resultFiles.delete(job.jobID);
  return json(200, null);
}

/** `POST /job/list`: the started jobs' states; unknown and unauthorized ones as failed. */
export function listRoute(state: StandInState, context: RequestContext): Response {
  const contentType = context.request.headers.get("content-type");
  const parsed = extractJson(contentType, context.text, listShape);
  if (!parsed.ok) return rejection(parsed.rejection);
  const legacy = (state.settings.legacyStatusSpelling ?? false) ||
    firedFault(context.faults, "legacyStatus") !== undefined;
  const listed: unknown[] = [];
  const failed: unknown[] = [];
  for (const { jobID, secret } of parsed.value) {
    const job = activeJob(state, jobID);
    if (!job) {
      failed.push({ jobID, jobStatus: "NOT_FOUND" });
      continue;
    }
    if (refusesSecret(context, job, secret)) {
      failed.push({ jobID, jobStatus: "UNAUTHORIZED" });
      continue;
    }
    const phase = reportedPhase(job, context.now, state.timing);
    if (phase === "NOT_STARTED") continue;
    listed.push({
      jobID,
      jobStatus: wireStatus(job, phase, legacy),
      started: rfc3339(job.startedAt!),
      updated: rfc3339(phase === "FINISHED" ? finishedAt(job, state.timing)! : context.now),
      name: job.name,
    });
  }
  return json(200, { jobs: listed, failedJobs: failed });
}

/** `POST /job/result`: download links of a successful job's files. */
export function resultRoute(state: StandInState, context: RequestContext): Response {
  const contentType = context.request.headers.get("content-type");
  const parsed = extractJson(contentType, context.text, jobShape);
  if (!parsed.ok) return rejection(parsed.rejection);
  const job = activeJob(state, parsed.value.jobID);
  if (!job) return json(400, "Job not found");
  if (refusesSecret(context, job, parsed.value.secret)) return json(400, "Unauthorized");
  const phase = reportedPhase(job, context.now, state.timing);
  // Quirk of the backend: a job never started answers as if it had succeeded at time 0.
  if (phase !== "NOT_STARTED" && !(phase === "FINISHED" && job.outcome === "SUCCESSFUL")) {
    return json(400, "Job not finished");
  }
  const files: Record<string, string> = {};
  for (const key of RESULT_KEY_ORDER) {
    if (!state.resultKeys.has(key)) continue;
    const extension = BAKTA_RESULT_FILE_EXTENSIONS[key];
    files[key] = signLink(state, {
      method: "GET",
      key: `jobs/${job.jobID}/results/result.${extension}`,
      ttlMs: state.downloadTtlMs,
    }, { "response-content-disposition": `attachment; filename="${job.name}.${extension}"` });
  }
  const never = phase === "NOT_STARTED";
  return json(200, {
    jobID: job.jobID,
    started: rfc3339(never ? 0 : job.startedAt!),
    updated: rfc3339(never ? 0 : finishedAt(job, state.timing)!),
    name: job.name,
    ResultFiles: files,
  });
}

/** `GET /job/logs?jobID=…&secret=…`: the console output so far. */
export function logsRoute(state: StandInState, context: RequestContext): Response {
  const parsed = extractJobQuery(context.url.searchParams);
  if (!parsed.ok) return rejection(parsed.rejection);
  const job = activeJob(state, parsed.value.jobID);
  if (!job) return text(400, "Job not found");
  if (refusesSecret(context, job, parsed.value.secret)) return text(400, "Unauthorized");
  const phase = reportedPhase(job, context.now, state.timing);
  if (phase === "FINISHED" && job.outcome === "INFRA_ERROR") return text(200, INFRA_ERROR_LOGS);
  const logs = state.settings.logsFor?.(job, phase) ??
    defaultLogs(job, phase, state.version.toolVersion);
  return text(200, logs);
}

/** `DELETE /job/delete?jobID=…&secret=…`: the job is flagged deleted (unknown ones too: 200). */
export function deleteRoute(state: StandInState, context: RequestContext): Response {
  const parsed = extractJobQuery(context.url.searchParams);
  if (!parsed.ok) return rejection(parsed.rejection);
  const job = activeJob(state, parsed.value.jobID);
  if (job) {
    if (refusesSecret(context, job, parsed.value.secret)) return text(400, "Unauthorized");
    job.deleted = true;
  }
  return new Response(null, { status: 200, headers: { "content-length": "0" } });
}

/** Whether a request is refused: an `unauthorized` fault fired, or the secret is wrong. */
function refusesSecret(context: RequestContext, job: StandInJob, secret: string): boolean {
  return firedFault(context.faults, "unauthorized") !== undefined || job.secret !== secret;
}

/** The status the backend reports for a phase (with the old `SUCCESSFULL` spelling if asked). */
function wireStatus(job: StandInJob, phase: StandInPhase, legacy: boolean): string {
  if (phase === "PENDING") return "INIT";
  if (phase === "RUNNING") return "RUNNING";
  if (job.outcome === "SUCCESSFUL") return legacy ? "SUCCESSFULL" : "SUCCESSFUL";
  return "ERROR";
}

/**
 * How a job just started will end: a `jobError` or `infraError` fault, else the test's
 * `outcomeFor`, else `ERROR` when a file the job needs was not uploaded (the reason kept on the
 * job), else `SUCCESSFUL`.
 */
function decideOutcome(
  state: StandInState,
  job: StandInJob,
  context: RequestContext,
): StandInOutcome {
  job.errorLogs = undefined;
  job.outcomeReason = undefined;
  const jobError = firedFault(context.faults, "jobError");
  if (jobError) {
    job.errorLogs = jobError.logs;
    job.outcomeReason = "forced by a jobError fault";
    return "ERROR";
  }
  if (firedFault(context.faults, "infraError")) return "INFRA_ERROR";
  const chosen = state.settings.outcomeFor?.(job);
  if (chosen !== undefined) return chosen;
  job.outcomeReason = missingInput(job);
  return job.outcomeReason === undefined ? "SUCCESSFUL" : "ERROR";
}

/** Why a started job fails for lack of an uploaded file, or `undefined` when none is missing. */
function missingInput(job: StandInJob): string | undefined {
  const jobConfig = job.config as { hasReplicons: boolean; prodigalTrainingFile: string | null };
  if (!job.uploads.has("fasta")) {
    return "input file /data/fastadata.fasta not found (no genome FASTA was uploaded)";
  }
  if (job.uploads.get("fasta")!.byteLength === 0) {
    return "input file /data/fastadata.fasta is empty";
  }
  if (jobConfig.hasReplicons && !job.uploads.has("replicons")) {
    return "replicon table /data/replicons.tsv not found (hasReplicons defaults to true)";
  }
  if (jobConfig.prodigalTrainingFile !== null && !job.uploads.has("prodigal")) {
    return "Prodigal training file /data/prodigal.tf not found";
  }
  return undefined;
}

/** A 32-character alphanumeric job secret, as the backend makes them. */
function randomSecret(): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  let secret = "";
  while (secret.length < 32) {
    for (const byte of crypto.getRandomValues(new Uint8Array(64))) {
      if (byte < 248 && secret.length < 32) secret += alphabet[byte % 62];
    }
  }
  return secret;
}
