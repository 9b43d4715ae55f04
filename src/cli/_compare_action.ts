/**
 * What `baktadb compare` does, loaded on first use (it brings in Arquero): the gene families one
 * genome has and the other lacks, or with `--annotations` the features changed between two
 * annotations, printed as JSON, TSV or a text table. The command itself (arguments, flags, help) is
 * declared in `compare_command.ts`.
 *
 * @module
 */

import type { Kysely } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import { compareAnnotations } from "../analysis/annotation_diff.ts";
import { compareGenomes } from "../analysis/genome_diff.ts";
import { resolveGenome } from "../store/genomes_repository.ts";
import { CliError, type CliIo, EXIT, withDatabase } from "./cli_context.ts";
import {
  checkOutputFormat,
  type CohortCommandOptions,
  parseTypesOption,
} from "./_cohort_options.ts";
import { formatTable, formatTsv, toJsonText } from "./_table.ts";

/** The flags of `baktadb compare`, as commander parses them (with the global ones). */
export interface CompareOptions extends CohortCommandOptions {
  /** `--annotations`: A and B are annotation ids, compared feature by feature. */
  annotations?: boolean;
  /** `--all`: also list shared families (unchanged features with `--annotations`). */
  all?: boolean;
  /** `--types`: the feature types forming families, as typed (`cds`, `sorf`, `cds,sorf`). */
  types?: string;
}

const GENOME_COLUMNS = ["family", "status", "copies_from", "copies_to", "gene", "product"];
const ANNOTATION_COLUMNS = [
  "status",
  "sequence",
  "start",
  "stop",
  "strand",
  "locus_tag_before",
  "locus_tag_after",
  "type_before",
  "type_after",
  "gene_before",
  "gene_after",
  "product_before",
  "product_after",
];

function annotationId(text: string): number {
  const id = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(id) || id < 1) {
    throw new CliError(
      `With --annotations, A and B are annotation ids (see baktadb history GENOME), got "${text}"`,
      EXIT.USAGE,
    );
  }
  return id;
}

/**
 * What `compare` does: check the flags, compare the two genomes (or annotations), print the rows.
 *
 * @param a The genome compared from (with `--annotations`, an annotation id).
 * @param b The genome compared to (with `--annotations`, an annotation id).
 * @param options The flags.
 * @param io Where to write.
 * @throws {CliError} With `EXIT.USAGE` for a bad flag or a non-numeric annotation id, before the
 * database is opened; with `EXIT.NOT_FOUND` for a genome or annotation that is not stored.
 *
 * @example Both output formats at once are refused
 * ```ts
 * import assert from "node:assert/strict";
 * import { compareAction } from "./_compare_action.ts";
 * const io = { out: () => {}, err: () => {}, isTerminal: false };
 * await assert.rejects(compareAction("A", "B", { json: true, tsv: true }, io), /Choose one/);
 * ```
 */
export async function compareAction(
  a: string,
  b: string,
  options: CompareOptions,
  io: CliIo,
): Promise<void> {
  checkOutputFormat(options);
  const types = parseTypesOption(options.types);
  const { diff, columns } = await withDatabase(
    options,
    (db) => compareRows(db, a, b, { ...options, types }),
  );
  const rows = diff.objects() as Record<string, unknown>[];
  const cells = rows.map((r) => columns.map((c) => r[c] as string | number | null));
  if (options.json) {
    io.out(toJsonText(rows.map((r) => Object.fromEntries(columns.map((c) => [c, r[c]])))));
  } else if (options.tsv) io.out(formatTsv(columns, cells));
  else if (rows.length === 0) io.out("(no differences)\n");
  else io.out(formatTable(columns, cells));
}

/** The difference `compare` prints, and its columns; a missing genome or annotation: NOT_FOUND. */
async function compareRows(
  db: Kysely<Database>,
  a: string,
  b: string,
  options: { annotations?: boolean; all?: boolean; types?: ("cds" | "sorf")[] },
) {
  const notFound = (error: unknown) => {
    throw error instanceof RangeError ? new CliError(error.message, EXIT.NOT_FOUND) : error;
  };
  if (options.annotations) {
    const diff = await compareAnnotations(db, {
      before: annotationId(a),
      after: annotationId(b),
      includeUnchanged: options.all,
    }).catch(notFound);
    return { diff, columns: ANNOTATION_COLUMNS };
  }
  const from = (await resolveGenome(db, a)).name;
  const to = (await resolveGenome(db, b)).name;
  const diff = await compareGenomes(db, {
    from,
    to,
    includeShared: options.all,
    types: options.types,
  })
    .catch(notFound);
  return { diff, columns: GENOME_COLUMNS };
}
