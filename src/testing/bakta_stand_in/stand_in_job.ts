/**
 * A job as the Bakta stand-in keeps it, and its timeline: never started, pending (listed `INIT`),
 * running, then finished (`SUCCESSFUL` or `ERROR`).
 *
 * @module
 */

/** How a started job ends: Bakta succeeded, Bakta failed, or the infrastructure failed. */
export type StandInOutcome = "SUCCESSFUL" | "ERROR" | "INFRA_ERROR";

/** Where a job is on its timeline. */
export type StandInPhase = "NOT_STARTED" | "PENDING" | "RUNNING" | "FINISHED";

/** The three files a job may receive through its presigned upload links. */
export type StandInUploadKind = "fasta" | "prodigal" | "replicons";

/** The message the service's logs answer for a job whose infrastructure failed. */
export const INFRA_ERROR_LOGS =
  "Internal server error, please contact the administrator or try again later.";

/** A job held by the stand-in; inspect it in tests. */
export interface StandInJob {
  /** The id (UUID v4, lower case). */
  readonly jobID: string;
  /** The secret (32 letters and digits). */
  readonly secret: string;
  /** The name sent to init. */
  readonly requestedName: string;
  /** The name after the service's rewrite. */
  readonly name: string;
  /** The replicon table type sent to init. */
  readonly repliconTableType: "CSV" | "TSV";
  /** When init ran (ms since the epoch, stand-in clock). */
  readonly createdAt: number;
  /** When the last start ran, if any. */
  startedAt?: number;
  /** How many times start submitted the job (starting twice submits twice). */
  submissions: number;
  /** The config of the last start, as sent (with `hasReplicons` defaulted). */
  config?: Record<string, unknown>;
  /** How the last submission ends. */
  outcome?: StandInOutcome;
  /** Why it ends that way, for ERROR. */
  outcomeReason?: string;
  /** Console output to report for a failed run, if forced. */
  errorLogs?: string;
  /** The files received through the upload links. */
  readonly uploads: Map<StandInUploadKind, Uint8Array>;
  /** Whether the job was deleted. */
  deleted: boolean;
}

/** The timing of the stand-in's fake Bakta runs. */
export interface StandInTiming {
  /** How long a started job stays pending (listed `INIT`), in milliseconds. */
  pendingMs: number;
  /** How long it then runs (listed `RUNNING`), in milliseconds. */
  runningMs: number;
  /** The status refresh interval (0: live); statuses lag by up to this much, as the backend's 15 s. */
  statusRefreshMs: number;
  /** When the stand-in started: refresh ticks count from it. */
  epoch: number;
}

/**
 * Where a job really is at time `t`.
 *
 * @param job The job.
 * @param t The time (ms since the epoch).
 * @param timing The run timing.
 * @returns The phase.
 */
export function actualPhase(job: StandInJob, t: number, timing: StandInTiming): StandInPhase {
  if (job.startedAt === undefined) return "NOT_STARTED";
  if (t < job.startedAt + timing.pendingMs) return "PENDING";
  if (t < job.startedAt + timing.pendingMs + timing.runningMs) return "RUNNING";
  return "FINISHED";
}

/**
 * Where the service says a job is at time `now`: start marks it pending at once; the rest is seen
 * only at the last status refresh.
 *
 * @param job The job.
 * @param now The time (ms since the epoch).
 * @param timing The run timing.
 * @returns The phase the service reports.
 */
export function reportedPhase(job: StandInJob, now: number, timing: StandInTiming): StandInPhase {
  if (job.startedAt === undefined) return "NOT_STARTED";
  if (timing.statusRefreshMs <= 0) return actualPhase(job, now, timing);
  const tick = timing.epoch +
    Math.floor((now - timing.epoch) / timing.statusRefreshMs) * timing.statusRefreshMs;
  if (tick < job.startedAt) return "PENDING";
  return actualPhase(job, tick, timing);
}

/**
 * When a started job finishes.
 *
 * @param job The job.
 * @param timing The run timing.
 * @returns The time (ms since the epoch), or `undefined` for a job never started.
 */
export function finishedAt(job: StandInJob, timing: StandInTiming): number | undefined {
  return job.startedAt === undefined
    ? undefined
    : job.startedAt + timing.pendingMs + timing.runningMs;
}

/**
 * Formats a time as the backend (Rust chrono) does: RFC 3339 UTC, fractions only when non-zero.
 *
 * @param ms Milliseconds since the epoch.
 * @returns E.g. `1970-01-01T00:00:00Z` or `2025-03-01T12:00:00.250Z`.
 *
 * @example The epoch
 * ```ts
 * import { rfc3339 } from "./stand_in_job.ts";
 * if (rfc3339(0) !== "1970-01-01T00:00:00Z") throw new Error(rfc3339(0));
 * ```
 */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(".000Z", "Z");
}

/**
 * The console output the stand-in reports for a job in a phase: a Bakta-like log, the forced logs
 * of a failed run, or the infrastructure message.
 *
 * @param job The job.
 * @param phase Its reported phase.
 * @param toolVersion The Bakta version shown.
 * @returns The log text ("" for a job not started or still pending).
 */
export function defaultLogs(job: StandInJob, phase: StandInPhase, toolVersion: string): string {
  if (phase === "NOT_STARTED" || phase === "PENDING") return "";
  if (phase === "FINISHED" && job.outcome === "INFRA_ERROR") return INFRA_ERROR_LOGS;
  const head = [
    `Bakta v${toolVersion}`,
    "Options and arguments:",
    "\tinput: /data/fastadata.fasta",
    "\toutput: /results",
    `\tprefix: result`,
    "",
    "parse genome sequences...",
  ];
  if (phase === "RUNNING") return `${head.join("\n")}\n`;
  if (job.outcome === "ERROR") {
    const reason = job.errorLogs ?? `ERROR: ${job.outcomeReason ?? "Bakta failed"}`;
    return `${head.join("\n")}\n${reason}\n`;
  }
  return [
    ...head,
    "\timported: 1",
    "",
    "annotation summary:",
    "Sequence(s):",
    "If you use these results please cite Bakta: https://doi.org/10.1099/mgen.0.000685",
    "Annotation successfully finished",
    "",
  ].join("\n");
}
