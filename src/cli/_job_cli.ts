/**
 * What the job commands share (private): the job option flags, the client of each service, the
 * live status lines and the progress bar, and the job table.
 *
 * @module
 */

import { type Command, Option } from "../deps/commander.ts";
import { escaped } from "./escape_control.ts";
import { CliError, type CliIo, EXIT, type SafeCliIo } from "./cli_context.ts";
import { ProgressBar, type ProgressState } from "./progress_bar.ts";
import { formatTable } from "./_table.ts";
import { BaktaClient } from "../client/bakta_client.ts";
import type { BaktaRetryEvent } from "../client/client_config.ts";
import type { GramStain, JobOptions, TranslationTable } from "../client/build_job_config.ts";
import { redactText } from "../client/redact.ts";
import type {
  JobProgressEvent,
  JobStatusEvent,
} from "../client/job_service/job_service_options.ts";
import type { PublicJob } from "../client/job_service/job_state.ts";

/** The job options commander gives with the type `JobOptions` has (text and switches). */
const PLAIN_JOB_FLAGS = [
  "genus",
  "species",
  "strain",
  "plasmid",
  "complete",
  "compliant",
  "locus",
  "locusTag",
  "keepContigHeaders",
] as const;

/**
 * The job option flags, as commander gives them: the plain ones typed as in `JobOptions`, the
 * numbers and file paths as the text typed.
 */
export type JobOptionFlags = Pick<JobOptions, typeof PLAIN_JOB_FLAGS[number]> & {
  /** `--translation-table`: "11" or "4". */
  translationTable?: string;
  /** `--gram`: "+", "-" or "?". */
  gram?: string;
  /** `--min-contig-length`: a whole number of bases as typed. */
  minContigLength?: string;
  /** `--replicons`: the path of a replicon table. */
  replicons?: string;
  /** `--prodigal-tf`: the path of a Prodigal training file. */
  prodigalTf?: string;
};

/**
 * Adds the flags of Bakta's job options to a command.
 *
 * @param command The command.
 * @returns The command.
 */
export function addJobOptionFlags(command: Command): Command {
  return command
    .option("--genus <genus>", "genus name")
    .option("--species <species>", "species name")
    .option("--strain <strain>", "strain name")
    .option("--plasmid <name>", "plasmid name")
    .option("--complete", "all sequences are complete replicons")
    .option("--compliant", "INSDC-compliant output (contig ids must be short and plain)")
    .option("--locus <prefix>", "locus prefix (1-20 of A-Z a-z 0-9 # . * _ -)")
    .option("--locus-tag <prefix>", "locus tag prefix (e.g. ECO123: upper case, 3-12 long)")
    .addOption(
      new Option("--translation-table <table>", "genetic code").choices(["11", "4"]),
    )
    .addOption(new Option("--gram <type>", "Gram type: + monoderm, - diderm, ? unknown").choices([
      "+",
      "-",
      "?",
    ]))
    .option("--keep-contig-headers", "keep the original contig headers")
    .option("--min-contig-length <n>", "skip contigs shorter than this")
    .option("--replicons <file>", "a replicon table to upload (TSV or CSV, no header)")
    .option("--prodigal-tf <file>", "a Prodigal training file to upload");
}

/**
 * The job options the flags give (flags not given are left out, so a saved configuration keeps
 * its values for them).
 *
 * @param flags The parsed flags.
 * @returns The options.
 * @throws {CliError} For a malformed number.
 */
export function jobOptionsFrom(flags: JobOptionFlags): JobOptions {
  const options: JobOptions = {};
  const set = <K extends keyof JobOptions>(key: K, value: JobOptions[K] | undefined) => {
    if (value !== undefined) options[key] = value;
  };
  for (const key of PLAIN_JOB_FLAGS) set(key, flags[key]);
  if (flags.translationTable !== undefined) {
    set("translationTable", Number(flags.translationTable) as TranslationTable);
  }
  set("gram", flags.gram as GramStain | undefined);
  if (flags.minContigLength !== undefined) {
    set("minContigLength", parseMinContigLength(flags.minContigLength));
  }
  set("repliconTable", flags.replicons);
  set("prodigalTrainingFile", flags.prodigalTf);
  return options;
}

function parseMinContigLength(text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value)) {
    throw new CliError(
      `Invalid --min-contig-length "${text}": expected an integer >= 0`,
      EXIT.USAGE,
    );
  }
  return value;
}

/**
 * Reads a poll interval given in seconds.
 *
 * @param text The flag's value.
 * @returns Milliseconds.
 * @throws {CliError} When it is not a number > 0.
 */
export function parseIntervalSeconds(text: string): number {
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new CliError(`Invalid --interval "${text}": expected seconds > 0`, EXIT.USAGE);
  }
  return Math.round(seconds * 1000);
}

/**
 * A function giving one client per service URL (made once each). With `verbose`, retries are
 * reported on standard error.
 *
 * @param io Where to report.
 * @param verbose Report retries.
 * @returns The client factory.
 */
export function clientFactory(io: CliIo, verbose: boolean): (apiUrl: string) => BaktaClient {
  const clients = new Map<string, BaktaClient>();
  return (apiUrl: string) => {
    let client = clients.get(apiUrl);
    if (client === undefined) {
      client = new BaktaClient({
        baseUrl: apiUrl,
        onRetry: verbose ? (event) => io.err(`${describeRetry(event)}\n`) : undefined,
      });
      clients.set(apiUrl, client);
    }
    return client;
  };
}

function describeRetry(event: BaktaRetryEvent): string {
  const wait = (event.delayMs / 1000).toFixed(1);
  return `retrying ${event.endpoint} in ${wait} s (attempt ${event.attempt} failed: ` +
    `${event.error.message})`;
}

/** The live output of a batch: status lines on standard output, a progress bar on a terminal. */
export interface JobReporter {
  /** Prints a status change. */
  onStatus(event: JobStatusEvent): void;
  /** Updates the progress bar. */
  onProgress(event: JobProgressEvent): void;
  /** Prints a note. */
  onNote(job: PublicJob, note: string): void;
  /** Ends the progress bar's line. */
  finish(): void;
}

/**
 * Makes the live output of a batch. Status lines read
 * `12:03:04  job 3  assembly  UPLOADED -> INIT`; the bar (standard error, terminal only, not with
 * `quiet`) is cleared before each line and redrawn after.
 *
 * @param io Where to write (the bar's redraws go to `io.raw`).
 * @param options `quiet` prints nothing (for `--json`); `unit` names the bar's items.
 * @returns The reporter.
 */
export function jobReporter(
  io: SafeCliIo,
  options: { quiet?: boolean; unit?: string; statusLines?: boolean } = {},
): JobReporter {
  const { quiet = false, unit = "jobs", statusLines = true } = options;
  const bar = new ProgressBar({ write: io.raw.err, enabled: io.isTerminal && !quiet, unit });
  let last: ProgressState | undefined;
  const line = (text: string) => {
    if (quiet) return;
    if (io.isTerminal && last !== undefined) io.raw.err("\r\x1b[K");
    io.out(`${clock()}  ${text}\n`);
    if (last !== undefined) bar.update(last);
  };
  return {
    onStatus(event) {
      if (!statusLines) return;
      const from = event.previous === undefined ? "" : `${event.previous} -> `;
      const reason = event.status === "ERROR" || event.status === "NOT_FOUND" ||
          event.status === "UNAUTHORIZED"
        ? `: ${event.job.error ?? ""}`
        : event.status === "IMPORTED" && event.job.annotationId !== null
        ? ` (annotation ${event.job.annotationId})`
        : "";
      line(`${jobLabel(event.job)}  ${from}${event.status}${reason}`);
    },
    onProgress(event) {
      last = {
        done: event.done,
        total: event.total,
        features: event.features,
        elapsedMs: event.elapsedMs,
      };
      bar.update(last);
    },
    onNote(job, note) {
      line(`${jobLabel(job)}  note: ${note}`);
    },
    finish() {
      bar.finish();
      last = undefined;
    },
  };
}

/**
 * How a job is named in one line: `job 3  assembly`.
 *
 * @param job The job.
 * @returns The label.
 */
export function jobLabel(job: PublicJob): string {
  return escaped`job ${job.id}  ${job.name}`;
}

/**
 * The job table of `baktadb jobs`.
 *
 * @param jobs The jobs.
 * @returns The table text.
 */
export function formatJobTable(jobs: readonly PublicJob[]): string {
  return formatTable(
    ["JOB", "SERVICE ID", "GENOME", "STATUS", "ANNOTATION", "UPDATED", "ERROR"],
    jobs.map((job) => [
      job.id,
      job.jobId === null ? "-" : job.jobId.slice(0, 8),
      job.name,
      job.status,
      job.annotationId ?? "-",
      job.updatedAt.replace("T", " ").replace(/\.\d+Z$|Z$/, ""),
      job.error === null ? "" : oneLine(job.error, 70),
    ]),
  );
}

/**
 * Cuts a text to one line of at most `max` characters.
 *
 * @param text The text.
 * @param max The largest length.
 * @returns The line.
 */
export function oneLine(text: string, max = 200): string {
  const first = text.split("\n").find((line) => line.trim() !== "")?.trim() ?? "";
  return first.length > max ? `${first.slice(0, max - 1)}…` : first;
}

/**
 * Makes an error message safe and one line (secrets masked as a last guard).
 *
 * @param error The error.
 * @param secrets Secrets to mask.
 * @returns The message.
 */
export function errorLine(error: unknown, secrets: readonly string[] = []): string {
  const message = error instanceof Error ? error.message : String(error);
  return oneLine(redactText(message, secrets.filter((s) => s !== "")), 500);
}

function clock(): string {
  return new Date().toISOString().slice(11, 19);
}
