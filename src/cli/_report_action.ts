/**
 * What `baktadb report` does, loaded on first use (it brings in Observable Plot, linkedom and
 * Arquero): check the flags, collect the report's model from the database, write the HTML page (or
 * the model as JSON). The command itself (arguments, flags, help) is declared in
 * `report_command.ts`.
 *
 * @module
 */

import { CliError, EXIT, type GlobalOptions, type SafeCliIo, withDatabase } from "./cli_context.ts";
import { collectReport } from "../report/collect_report.ts";
import { renderReportHtml } from "../report/render_report_html.ts";
import { formatBytes } from "./_table.ts";
import { writeTextFileAtomic } from "../fs/write_text_file_atomic.ts";

/** The flags of `baktadb report`, as commander parses them (with the global ones). */
export interface ReportCommandOptions extends GlobalOptions {
  /** `--out`: the HTML (or JSON) file to write, `-` for standard output. */
  out: string;
  /** `--title`: the page title. */
  title?: string;
  /** `--no-gc` sets it false: leave out the GC rings of the circular maps. */
  gc: boolean;
  /** `--max-families`: most gene families drawn in the presence/absence figure, as typed. */
  maxFamilies?: string;
  /** `--json`: write the report's model as JSON instead of the page. */
  json?: boolean;
}

/**
 * What `report` does: check the flags, collect the model, write the page (or its JSON).
 *
 * @param genomes The genomes to report; none for every annotated genome.
 * @param options The flags.
 * @param io Where to write (`--out -` writes the page to `io.raw`).
 * @throws {CliError} With `EXIT.USAGE` for a bad `--max-families`, before the database is opened.
 *
 * @example A --max-families of zero is refused
 * ```ts
 * import assert from "node:assert/strict";
 * import { reportAction } from "./_report_action.ts";
 * const plain = { out: () => {}, err: () => {}, isTerminal: false };
 * const io = { ...plain, raw: plain };
 * await assert.rejects(
 *   reportAction([], { out: "-", gc: true, maxFamilies: "0" }, io),
 *   /Invalid --max-families "0": expected a positive integer/,
 * );
 * ```
 */
export async function reportAction(
  genomes: string[],
  options: ReportCommandOptions,
  io: SafeCliIo,
): Promise<void> {
  const maxFamilies = Number(options.maxFamilies ?? "800");
  if (!Number.isInteger(maxFamilies) || maxFamilies < 1) {
    throw new CliError(
      `Invalid --max-families "${options.maxFamilies}": expected a positive integer`,
      EXIT.USAGE,
    );
  }
  const out = options.out;
  const started = performance.now();
  const model = await withDatabase(options, (db) =>
    collectReport(db, {
      genomes: genomes.length > 0 ? genomes : undefined,
      title: options.title,
      gcRings: options.gc !== false,
      maxPresenceFamilies: maxFamilies,
      onProgress: options.verbose || io.isTerminal
        ? (message) => io.err(`${message}…\n`)
        : undefined,
    }));
  const page = options.json ? `${JSON.stringify(model)}\n` : renderReportHtml(model);
  if (out === "-") {
    // The HTML page byte for byte, as the file would hold it; JSON through the escaping io
    // (DEL and C1 controls as \u escapes: the same JSON value).
    if (options.json) io.out(page);
    else io.raw.out(page);
    return;
  }
  try {
    await writeTextFileAtomic(out, page);
  } catch (error) {
    throw new CliError(`Cannot write report "${out}": ${(error as Error).message}`);
  }
  const genomeCount = model.genomes.length;
  io.err(
    `Wrote ${out}: ${genomeCount} genome${genomeCount === 1 ? "" : "s"}, ${
      formatBytes(new TextEncoder().encode(page).length)
    } in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
  if (genomeCount === 0) io.err("The database has no annotated genomes: the report is empty\n");
}
