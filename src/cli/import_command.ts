/**
 * `baktadb import PATH…`: import Bakta runs (folders, files, globs) with a progress bar and a
 * summary.
 *
 * @module
 */

import type { Command } from "../deps/commander.ts";
import { escaped } from "./escape_control.ts";
import {
  CliError,
  type CliIo,
  databaseLocation,
  EXIT,
  explainDatabaseError,
  type GlobalOptions,
  permissionErrorIn,
  type SafeCliIo,
  withDatabase,
} from "./cli_context.ts";
import { importRuns, type ImportRunsResult } from "../store/import_runs.ts";
import type { ImportRunResult } from "../store/write_run.ts";
import { ProgressBar } from "./progress_bar.ts";
import { DEFAULT_MAX_DECOMPRESSED_BYTES } from "../formats/read_options.ts";

import { formatBytes, toJsonText } from "./_table.ts";

/** Bytes in a mebibyte: `--max-decompressed-mib` counts in MiB. */
const MIB = 1024 * 1024;

/** Options of `baktadb import`. */
interface ImportCommandOptions extends GlobalOptions {
  genome?: string;
  recursive?: boolean;
  concurrency?: string;
  maxDecompressedMib?: string;
  json?: boolean;
}

/**
 * Adds `baktadb import`.
 *
 * @param program The program.
 * @param io Where to write.
 */
export function registerImport(program: Command, io: SafeCliIo): void {
  declareImport(program).action((paths: string[], _options, command: Command) =>
    importAction(paths, command.optsWithGlobals<ImportCommandOptions>(), io)
  );
}

/** The `import` command: its arguments, flags and help. */
function declareImport(program: Command): Command {
  return program.command("import")
    .description("import Bakta runs: result folders, files or globs (each run once)")
    .argument("<paths...>", "result folders, files of runs, or globs such as 'results/*.gff3.gz'")
    .option("--genome <name>", "store every run under this genome (default: the file prefix)")
    .option("-r, --recursive", "also import runs in sub-folders")
    .option("--concurrency <n>", "runs prepared ahead of the one being written", "3")
    .option(
      "--max-decompressed-mib <n>",
      "stop reading a .gz file that expands past this many MiB (a gzip bomb)",
      String(DEFAULT_MAX_DECOMPRESSED_BYTES / MIB),
    )
    .option("--json", "print the result set as JSON")
    .addHelpText(
      "after",
      `
Examples:
  baktadb import results/                       # one Bakta result folder
  baktadb import C22.gff3.gz C320.gff3.gz       # each file is a run
  baktadb import 'cohort/*.gff3.gz' --db cohort.sqlite
  baktadb import reannotated/ --genome CI-8050  # a newer annotation of a stored genome
  baktadb import C100.gff sample7.gbk           # any name: the content decides
  baktadb import bakrep-download/               # BakRep datasets, as genomes <id>

Files are grouped into runs by folder and prefix (assembly.json, assembly.gff3, … are one run).
A file named on the command line is read by its content whatever its name (C100.gff, x.gbk.gz);
in folders and globs the usual endings count (.gff .gbk .gb .gbf .genbank .emb .fasta .fa .fsa).
A BakRep folder (<id>.bakta.json.gz, <id>.checkm2.json.gz, …, <id>.json; flat or one folder per
id) imports as genome <id>, checked against <id>.json, with its GTDB-Tk, CheckM2, MLST and
assembly facts as metadata. Importing the same files again does nothing. A gzipped file may
expand to --max-decompressed-mib (512 MiB by default; a Bakta JSON of a 15 Mb genome is under
100 MB): past that its reading stops with an error. Exit code 1 when every run failed (a bad
file is named with its line), 4 when some runs failed and others did not.
`,
    );
}

/** What `import` does: check the flags, import with a progress bar, print, exit code. */
async function importAction(
  paths: string[],
  options: ImportCommandOptions,
  io: SafeCliIo,
): Promise<void> {
  const { concurrency, maxDecompressedBytes } = importSettings(options);
  const bar = new ProgressBar({ write: io.raw.err, enabled: io.isTerminal && !options.json });
  const result = await withDatabase(options, (db) =>
    importRuns(db, paths, {
      genome: options.genome,
      recursive: options.recursive,
      concurrency,
      maxDecompressedBytes,
      onProgress: (progress) => bar.update(progress),
    }), { create: true });
  bar.finish();
  explainItemErrors(result, databaseLocation(options));
  if (options.json) io.out(toJsonText(resultToJson(result)));
  else printSummary(result, io, options.verbose === true);
  const error = importExitError(result);
  if (error !== undefined) throw error;
}

/**
 * `--concurrency` (runs prepared ahead of the writer) and `--max-decompressed-mib` (in bytes),
 * checked.
 */
function importSettings(
  options: ImportCommandOptions,
): { concurrency: number; maxDecompressedBytes: number } {
  const concurrency = Number(options.concurrency ?? "3");
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new CliError(
      `Invalid --concurrency "${options.concurrency}": expected a positive integer`,
      EXIT.USAGE,
    );
  }
  const maxMib = Number(options.maxDecompressedMib);
  if (!Number.isInteger(maxMib) || maxMib < 1 || maxMib * MIB > Number.MAX_SAFE_INTEGER) {
    throw new CliError(
      `Invalid --max-decompressed-mib "${options.maxDecompressedMib}": expected a positive ` +
        `integer`,
      EXIT.USAGE,
    );
  }
  return { concurrency, maxDecompressedBytes: maxMib * MIB };
}

/**
 * The error `import` ends with: nothing found, a database refusing writes (said once), every run
 * failed (exit 1), some failed (exit 4); `undefined` when every run went in or was skipped.
 */
function importExitError(result: ImportRunsResult): Error | undefined {
  const total = result.items.length;
  if (total === 0) return new CliError("Nothing to import: no Bakta output files found");
  // A database that refuses writes to this user fails every item the same way: say so once.
  const refused = result.items.find((item) => permissionErrorIn(item.error) !== undefined);
  if (refused !== undefined) return refused.error;
  if (result.failed === total) {
    return new CliError(
      total === 1
        ? result.items[0].error?.message ?? "The import failed"
        : `All ${total} runs failed`,
      EXIT.FAILURE,
    );
  }
  if (result.failed > 0) {
    return new CliError(`${result.failed} of ${total} runs failed`, EXIT.PARTIAL);
  }
  return undefined;
}

/** A run that failed on the database (a read-only file) says so with the file's name. */
function explainItemErrors(result: ImportRunsResult, location: string): void {
  for (const item of result.items) {
    if (item.error === undefined) continue;
    const explained = explainDatabaseError(item.error, location);
    if (explained instanceof Error) item.error = explained;
  }
}

function describeResult(r: ImportRunResult): string {
  if (r.status === "skipped") return r.reason ?? "imported before";
  const version = r.mode === "proteins"
    ? "proteins run"
    : r.versionAction === "new-genome"
    ? "new genome, assembly version 1"
    : r.versionAction === "new-version"
    ? `new assembly version ${r.sequenceVersion}`
    : `annotation added to assembly version ${r.sequenceVersion}`;
  return `${version}; ${r.counts.features.toLocaleString("en-US")} features, ` +
    `${r.counts.files} file(s), ${formatBytes(r.counts.bytes)}`;
}

function printSummary(result: ImportRunsResult, io: CliIo, verbose: boolean): void {
  for (const item of result.items) {
    const name = item.result?.genome ?? item.prefix ?? "";
    if (item.status === "failed") {
      io.out(
        escaped`failed    ${item.item}: ${item.error?.message.split("\n")[0] ?? "unknown error"}\n`,
      );
      if (verbose && item.error?.stack) io.out(`${item.error.stack}\n`);
      continue;
    }
    io.out(
      `${item.status.padEnd(9)} ${escaped`${name} (${item.item}): ${
        describeResult(item.result!)
      }`}\n`,
    );
    for (const warning of item.result!.warnings) io.out(escaped`          note: ${warning}\n`);
  }
  if (result.ignored.length > 0) {
    io.out(
      `ignored   ${result.ignored.length.toLocaleString("en-US")} file(s) that are not Bakta ` +
        `outputs nor BakRep side files${verbose ? ":" : " (--verbose lists them)"}\n`,
    );
    if (verbose) { for (const path of result.ignored) io.out(`          ${path}\n`); }
  }
  const seconds = result.durationMs / 1000;
  const rate = seconds > 0 ? Math.round(result.features / seconds) : 0;
  io.out(
    `Imported ${result.imported}, skipped ${result.skipped}, failed ${result.failed} of ` +
      `${result.items.length} run(s): ${result.features.toLocaleString("en-US")} features in ` +
      `${seconds.toFixed(1)} s (${rate.toLocaleString("en-US")} features/s)\n`,
  );
}

function resultToJson(result: ImportRunsResult) {
  return {
    ...result,
    items: result.items.map((item) => ({
      ...item,
      error: item.error ? item.error.message : undefined,
    })),
  };
}
