/**
 * The status endpoint of the Bakta client (private): `POST /job/list`, and the polling loop on it.
 *
 * @module
 */

import { baktadbLogger } from "../log/logger.ts";
import type { BaktaTransport } from "./_transport.ts";
import { validateList } from "./_validate_response.ts";
import type { BaktaJob } from "./api_types.ts";
import type {
  BaktaJobOutcome,
  BaktaListResult,
  BaktaRequestOptions,
  BaktaWaitOptions,
} from "./client_config.ts";
import { DEFAULT_POLL_INTERVAL_MS } from "./client_config.ts";
import { isFinalJobStatus } from "./job_status.ts";

const log = baktadbLogger("client");

/** `POST /job/list` (see `BaktaClient.list`). */
export async function listJobs(
  transport: BaktaTransport,
  jobs: readonly BaktaJob[],
  options: BaktaRequestOptions,
): Promise<BaktaListResult> {
  for (const job of jobs) transport.checkJob(job);
  if (jobs.length === 0) return { jobs: [], failedJobs: [], unlisted: [] };
  const jobId = jobs.length === 1 ? jobs[0].jobID : undefined;
  const action = jobId !== undefined
    ? `Cannot list job ${JSON.stringify(jobId)}`
    : `Cannot list ${jobs.length} jobs`;
  const body = await transport.request(
    {
      ...transport.spec("list", "POST", "/job/list", action, options, jobId),
      body: JSON.stringify({ jobs: jobs.map(({ jobID, secret }) => ({ jobID, secret })) }),
    },
    transport.readJson("list", action, jobId),
  );
  const answer = validateList(
    body,
    (expected, item) => transport.shapeError("list", action, expected, item, jobId),
  );
  const answered = new Set([...answer.jobs, ...answer.failedJobs].map((entry) => entry.jobID));
  const unlisted = [...new Set(jobs.map((job) => job.jobID))].filter((id) => !answered.has(id));
  return { ...answer, unlisted };
}

/** Polls `list` until every job is finished (see `BaktaClient.waitForJobs`). */
export async function waitForJobs(
  transport: BaktaTransport,
  jobs: readonly BaktaJob[],
  options: BaktaWaitOptions,
): Promise<BaktaJobOutcome[]> {
  const {
    intervalMs = DEFAULT_POLL_INTERVAL_MS,
    unlistedPolls = 2,
    timeoutMs = Infinity,
    signal,
  } = options;
  if (!Number.isFinite(intervalMs) || intervalMs < 0) {
    throw new RangeError(`Invalid intervalMs ${intervalMs}: expected a number >= 0`);
  }
  if (!Number.isInteger(unlistedPolls) || unlistedPolls < 1) {
    throw new RangeError(`Invalid unlistedPolls ${unlistedPolls}: expected an integer >= 1`);
  }
  const started = transport.now();
  const poll = new JobPoll(jobs, unlistedPolls, options.onStatus);
  while (poll.pending.size > 0) {
    signal?.throwIfAborted();
    poll.apply(await listJobs(transport, [...poll.pending.values()], { signal }));
    if (poll.pending.size === 0) break;
    if (transport.now() - started + intervalMs > timeoutMs) break;
    await transport.sleep(intervalMs, signal);
  }
  return [...new Set(jobs.map((job) => job.jobID))].map((id) =>
    poll.outcomes.get(id) ?? { jobID: id, status: "NOT_STARTED" as const }
  );
}

/** The state of one `waitForJobs`: each job's last outcome and the jobs still to poll. */
class JobPoll {
  readonly outcomes = new Map<string, BaktaJobOutcome>();
  pending = new Map<string, BaktaJob>();
  readonly #absent = new Map<string, number>();
  readonly #unlistedPolls: number;
  readonly #onStatus?: BaktaWaitOptions["onStatus"];

  constructor(
    jobs: readonly BaktaJob[],
    unlistedPolls: number,
    onStatus: BaktaWaitOptions["onStatus"],
  ) {
    for (const job of jobs) this.pending.set(job.jobID, job);
    this.#unlistedPolls = unlistedPolls;
    this.#onStatus = onStatus;
  }

  apply(answer: BaktaListResult): void {
    const next = new Map<string, BaktaJob>();
    for (const entry of answer.jobs) {
      this.#absent.delete(entry.jobID);
      this.#report({ jobID: entry.jobID, status: entry.jobStatus, listed: entry });
      const job = this.pending.get(entry.jobID);
      if (job && !isFinalJobStatus(entry.jobStatus)) next.set(entry.jobID, job);
    }
    for (const entry of answer.failedJobs) {
      this.#report({ jobID: entry.jobID, status: entry.jobStatus });
    }
    for (const id of answer.unlisted) {
      const count = (this.#absent.get(id) ?? 0) + 1;
      this.#absent.set(id, count);
      const job = this.pending.get(id);
      if (count >= this.#unlistedPolls || !job) this.#report({ jobID: id, status: "NOT_STARTED" });
      else next.set(id, job);
    }
    this.pending = next;
  }

  #report(outcome: BaktaJobOutcome): void {
    const previous = this.outcomes.get(outcome.jobID)?.status;
    this.outcomes.set(outcome.jobID, outcome);
    if (previous === outcome.status) return;
    log.info("job {jobId}: {previous} -> {status}", {
      jobId: outcome.jobID,
      previous: previous ?? "(unseen)",
      status: outcome.status,
    });
    this.#onStatus?.(outcome, previous);
  }
}
