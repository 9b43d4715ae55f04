/**
 * `baktadb compare A B`: the gene families one genome has and the other lacks, or with
 * `--annotations` what changed between two annotations (by id).
 *
 * @module
 */

import type { Command } from "commander";
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

interface CompareOptions extends CohortCommandOptions {
  annotations?: boolean;
  all?: boolean;
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
 * Adds `baktadb compare`.
 *
 * @param program The program.
 * @param io Where to write.
 */
export function registerCompare(program: Command, io: CliIo): void {
  program.command("compare")
    .description("families gained and lost between two genomes, or changes between annotations")
    .argument("<a>", "the genome compared from (or, with --annotations, an annotation id)")
    .argument("<b>", "the genome compared to (or, with --annotations, an annotation id)")
    .option("--annotations", "A and B are annotation ids: compare features by position")
    .option("--all", "also list shared families (unchanged features with --annotations)")
    .option("--types <list>", "feature types forming families: cds, sorf or cds,sorf", "cds")
    .option("--json", "print JSON")
    .option("--tsv", "print tab-separated values")
    .addHelpText(
      "after",
      "\nExamples:\n" +
        "  baktadb compare C22 C320             # families only C320 has (gained) or lacks (lost)\n" +
        "  baktadb compare C22 C320 --tsv --all\n" +
        "  baktadb history C22                  # lists the annotation ids\n" +
        "  baktadb compare 3 7 --annotations    # re-annotation: added, removed, changed features\n",
    )
    .action(async (a: string, b: string, _options, command: Command) => {
      const options = command.optsWithGlobals<CompareOptions>();
      checkOutputFormat(options);
      const types = parseTypesOption(options.types);
      const { diff, columns } = await withDatabase(options, async (db) => {
        if (options.annotations) {
          const diff = await compareAnnotations(db, {
            before: annotationId(a),
            after: annotationId(b),
            includeUnchanged: options.all,
          }).catch((error) => {
            throw error instanceof RangeError ? new CliError(error.message, EXIT.NOT_FOUND) : error;
          });
          return { diff, columns: ANNOTATION_COLUMNS };
        }
        const from = (await resolveGenome(db, a)).name;
        const to = (await resolveGenome(db, b)).name;
        const diff = await compareGenomes(db, { from, to, includeShared: options.all, types })
          .catch((error) => {
            throw error instanceof RangeError ? new CliError(error.message, EXIT.NOT_FOUND) : error;
          });
        return { diff, columns: GENOME_COLUMNS };
      });
      const rows = diff.objects() as Record<string, unknown>[];
      const cells = rows.map((r) => columns.map((c) => r[c] as string | number | null));
      if (options.json) {
        io.out(toJsonText(rows.map((r) => Object.fromEntries(columns.map((c) => [c, r[c]])))));
      } else if (options.tsv) io.out(formatTsv(columns, cells));
      else if (rows.length === 0) io.out("(no differences)\n");
      else io.out(formatTable(columns, cells));
    });
}
