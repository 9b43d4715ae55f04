/**
 * `baktadb bakrep search|fetch`: find public genomes in BakRep and import them beside your own.
 *
 * @module
 */

import type { Command } from "../deps/commander.ts";
import { BakrepClient, DEFAULT_BAKREP_API_URL } from "../bakrep/bakrep_client.ts";
import { BakrepQueryError } from "../bakrep/bakrep_error.ts";
import { fetchBakrep, type FetchBakrepResult } from "../bakrep/fetch_bakrep.ts";
import { type BakrepRow, type BakrepSearchResult, searchBakrep } from "../bakrep/search_bakrep.ts";
import {
  CliError,
  type CliIo,
  EXIT,
  type GlobalOptions,
  type SafeCliIo,
  withDatabase,
} from "./cli_context.ts";
import { ProgressBar } from "./progress_bar.ts";
import { formatBytes, formatTable, toJsonText } from "./_table.ts";

/**
 * The environment variable that names another BakRep API.
 *
 * @example
 * ```ts
 * import { BAKREP_API_URL_ENV } from "./bakrep_command.ts";
 * if (BAKREP_API_URL_ENV !== "BAKREP_API_URL") throw new Error(BAKREP_API_URL_ENV);
 * ```
 */
export const BAKREP_API_URL_ENV = "BAKREP_API_URL";

interface SearchOptions extends GlobalOptions {
  where: string[];
  sort: string[];
  limit: string;
  api?: string;
  json?: boolean;
  tsv?: boolean | string;
}

interface FetchOptions extends SearchOptions {
  search?: boolean;
  files: string;
  dir: string;
  concurrency: string;
}

const ROW_COLUMNS: readonly (keyof BakrepRow)[] = [
  "id",
  "species",
  "st",
  "completeness",
  "contamination",
  "size",
  "contigs",
  "country",
];

/**
 * Adds `baktadb bakrep` with `search` and `fetch`.
 *
 * @param program The program.
 * @param io Where to write.
 */
export function registerBakrep(program: Command, io: SafeCliIo): void {
  const bakrep = program.command("bakrep")
    .description("public Bakta annotations from BakRep: search, fetch and import them");
  const search = bakrep.command("search")
    .description("list BakRep datasets matching --where clauses")
    .option("--tsv", "print tab-separated rows");
  addSearchOptions(search)
    .option("--json", "print JSON ({total, rows})")
    .addHelpText("after", SEARCH_HELP)
    .action(async (_options, command: Command) => {
      const options = command.optsWithGlobals<SearchOptions>();
      if (options.json && options.tsv) {
        throw new CliError("Choose one of --json and --tsv", EXIT.USAGE);
      }
      const found = await runSearch(options);
      if (options.json) io.out(toJsonText(found));
      else if (options.tsv) io.out(rowsToTsv(found.rows));
      else printRows(found, io);
    });
  const fetch = bakrep.command("fetch")
    .description("download BakRep datasets and import them as genomes <id> with their metadata")
    .argument("[ids...]", "dataset ids, e.g. SAMEA3231284")
    .option("--tsv <file>", "read the ids from the first column of a TSV (e.g. of `search --tsv`)")
    .option("--search", "fetch what --where/--sort/--limit find");
  addSearchOptions(fetch)
    .option("--files <which>", "store (the Bakta JSON and side files) or all", "store")
    .option(
      "--dir <folder>",
      "where the downloads are kept (a second run resumes)",
      "bakrep-datasets",
    )
    .option("--concurrency <n>", "datasets downloaded at once", "3")
    .option("--json", "print the result set as JSON")
    .addHelpText("after", FETCH_HELP)
    .action(async (ids: string[], _options, command: Command) => {
      const options = command.optsWithGlobals<FetchOptions>();
      const all = await fetchIds(ids, options);
      const result = await runFetch(all, options, io);
      if (options.json) io.out(toJsonText(resultToJson(result)));
      else printFetch(result, io);
      if (result.failed > 0 && result.failed === result.items.length) {
        throw new CliError(
          result.items.length === 1 ? result.items[0].error!.message : "Every dataset failed",
        );
      }
      if (result.failed > 0) {
        throw new CliError(
          `${result.failed} of ${result.items.length} datasets failed`,
          EXIT.PARTIAL,
        );
      }
    });
}

function addSearchOptions(command: Command): Command {
  const collect = (value: string, previous: string[]) => [...previous, value];
  return command
    .option("--where <clause>", "FIELD OP VALUE, e.g. completeness>=95 (repeatable)", collect, [])
    .option("--sort <field>", "FIELD[:asc|desc], e.g. completeness:desc (repeatable)", collect, [])
    .option("--limit <n>", "at most this many datasets", "100")
    .option("--api <url>", `the BakRep API (default: $${BAKREP_API_URL_ENV} or the public one)`);
}

function clientOf(options: SearchOptions): BakrepClient {
  const baseUrl = options.api ?? Deno.env.get(BAKREP_API_URL_ENV) ?? DEFAULT_BAKREP_API_URL;
  try {
    return new BakrepClient({ baseUrl });
  } catch (error) {
    throw new CliError(`Invalid --api: ${(error as Error).message}`, EXIT.USAGE);
  }
}

function positiveInteger(value: string, option: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new CliError(`Invalid ${option} "${value}": expected a positive integer`, EXIT.USAGE);
  }
  return n;
}

async function runSearch(options: SearchOptions): Promise<BakrepSearchResult> {
  const limit = positiveInteger(options.limit, "--limit");
  try {
    return await searchBakrep(clientOf(options), {
      where: options.where,
      sort: options.sort,
      limit,
    });
  } catch (error) {
    if (error instanceof BakrepQueryError || error instanceof SyntaxError) {
      throw new CliError(error.message, EXIT.USAGE);
    }
    throw error;
  }
}

/** The ids to fetch: arguments, a TSV's first column, and/or a search. */
async function fetchIds(ids: string[], options: FetchOptions): Promise<string[]> {
  const all = [...ids];
  if (typeof options.tsv === "string") all.push(...await idsFromTsv(options.tsv));
  if (options.search) all.push(...(await runSearch(options)).rows.map((r) => r.id));
  if (all.length === 0) {
    throw new CliError("Name dataset ids, --tsv FILE or --search with --where", EXIT.USAGE);
  }
  return [...new Set(all)];
}

async function idsFromTsv(path: string): Promise<string[]> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    throw new CliError(`Cannot read --tsv ${path}: ${(error as Error).message}`);
  }
  return text.split(/\r?\n/).map((line) => line.split("\t")[0].trim())
    .filter((id, i) => id !== "" && !id.startsWith("#") && !(i === 0 && id === "id"));
}

async function runFetch(
  ids: string[],
  options: FetchOptions,
  io: SafeCliIo,
): Promise<FetchBakrepResult> {
  const concurrency = positiveInteger(options.concurrency, "--concurrency");
  if (options.files !== "store" && options.files !== "all") {
    throw new CliError(`Invalid --files "${options.files}": expected store or all`, EXIT.USAGE);
  }
  const bar = new ProgressBar({
    write: io.raw.err,
    enabled: io.isTerminal && !options.json,
    unit: "datasets",
    measure: "bytes",
  });
  const started = performance.now();
  const result = await withDatabase(options, (db) =>
    fetchBakrep(db, clientOf(options), ids, {
      dir: options.dir,
      files: options.files as "store" | "all",
      concurrency,
      onProgress: (p) =>
        bar.update({
          done: p.done,
          total: p.total,
          features: p.bytes,
          elapsedMs: performance.now() - started,
        }),
    }), { create: true });
  bar.finish();
  return result;
}

function printRows(found: BakrepSearchResult, io: CliIo): void {
  if (found.rows.length === 0) {
    io.out("No BakRep dataset matches\n");
    return;
  }
  io.out(formatTable(
    ["id", "species", "ST", "completeness", "contamination", "size", "contigs", "country"],
    found.rows.map((r) => ROW_COLUMNS.map((c) => r[c])),
  ));
  io.out(
    `${found.rows.length.toLocaleString("en-US")} of ${
      found.total.toLocaleString("en-US")
    } matches\n`,
  );
}

function rowsToTsv(rows: readonly BakrepRow[]): string {
  const cell = (value: unknown) => value === null ? "" : String(value).replace(/[\t\r\n]/g, " ");
  return [ROW_COLUMNS.join("\t"), ...rows.map((r) => ROW_COLUMNS.map((c) => cell(r[c])).join("\t"))]
    .join("\n") + "\n";
}

function printFetch(result: FetchBakrepResult, io: CliIo): void {
  for (const item of result.items) {
    if (item.status === "failed") {
      io.out(`failed    ${item.id}: ${item.error?.message.split("\n")[0] ?? "unknown error"}\n`);
      continue;
    }
    const outcome = item.status === "skipped" ? "imported before" : "new genome";
    io.out(
      `${item.status.padEnd(9)} ${item.id}: ${outcome}; downloaded ${item.downloaded} file(s), ` +
        `${formatBytes(item.bytes)}\n`,
    );
  }
  io.out(
    `Imported ${result.imported}, skipped ${result.skipped}, failed ${result.failed} of ` +
      `${result.items.length} dataset(s)\n`,
  );
}

function resultToJson(result: FetchBakrepResult) {
  return {
    ...result,
    items: result.items.map((i) => ({ ...i, error: i.error?.message })),
  };
}

const SEARCH_HELP = `
Examples:
  baktadb bakrep search --where 'species~Streptococcus pneumoniae' --where 'completeness>=95'
  baktadb bakrep search --where st=180 --sort completeness:desc --limit 200 --tsv > st180.tsv

Short names: species genus family order class phylum domain st completeness contamination size
contigs gc n50 coding_ratio country host collection_date isolation_source; full BakRep fields
(e.g. metadata.host) work too. Operators: = != < <= > >= ~ (contains). An unknown field or
operator is refused before any request, with the list of valid ones. Large results are paged.
`;

const FETCH_HELP = `
Examples:
  baktadb bakrep fetch SAMEA3231284 SAMN02604075
  baktadb bakrep fetch --tsv st180.tsv --dir ~/bakrep
  baktadb bakrep fetch --search --where st=180 --where 'completeness>=98' --limit 20

By default only what the store needs is downloaded (the Bakta JSON, from which every other format
is rebuilt, and the GTDB-Tk, CheckM2, MLST and assembly-scan files); --files all takes every file.
Each file is checked against the dataset record's size and MD5. Run it again after an
interruption: files already there are not downloaded again, genomes already stored are not
imported twice. Exit code 4 when some datasets failed and others did not.
`;
