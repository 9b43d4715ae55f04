/**
 * `baktadb export GENOME --format F`: write a stored annotation in a format other tools read.
 *
 * @module
 */

import type { Command } from "../deps/commander.ts";
import { exportAnnotation } from "../export/export_annotation.ts";
import { EXPORT_FORMATS, type ExportFormat, toExportFormat } from "../export/format_run.ts";
import { parseRegion } from "../export/parse_region.ts";
import { writeTextFileAtomic } from "../fs/write_text_file_atomic.ts";
import type { LoadRunRegion } from "../store/load_run.ts";
import { CliError, EXIT, type GlobalOptions, type SafeCliIo, withDatabase } from "./cli_context.ts";
import { parsePositiveInteger, resolveAnnotation } from "./_resolve_annotation.ts";

interface ExportCommandOptions extends GlobalOptions {
  format: string;
  region?: string;
  annotation?: string;
  out?: string;
}

/**
 * Adds `baktadb export`.
 *
 * @param program The program.
 * @param io Where to write (the exported text goes to `io.raw`: byte for byte as `--out` writes it).
 */
export function registerExport(program: Command, io: SafeCliIo): void {
  const formats = Object.entries(EXPORT_FORMATS).map(([name, what]) =>
    `  ${name.padEnd(5)} ${what}`
  )
    .join("\n");
  program.command("export")
    .description("write a genome's annotation as GFF3, GenBank, EMBL, FASTA, TSV, CSV or JSON")
    .argument("<genome>", "the genome's name (or id)")
    .requiredOption("-f, --format <format>", `one of ${Object.keys(EXPORT_FORMATS).join(", ")}`)
    .option(
      "--region <seq:from-to>",
      "only the features overlapping a window (fna: its sub-sequence); from > to crosses the origin",
    )
    .option("--annotation <id>", "export this annotation instead of the genome's latest")
    .option("-o, --out <file>", "write to a file (atomically) instead of standard output")
    .addHelpText(
      "after",
      `\nFormats:\n${formats}\n` +
        "\nExamples:\n" +
        "  baktadb export CI-8050 --format gff3 --out CI-8050.gff3   # for Panaroo/Roary\n" +
        "  baktadb export CI-8050 -f gbff > CI-8050.gbff\n" +
        "  baktadb export CI-8050 -f faa --region contig_1:100000-150000\n" +
        "  baktadb export pOSAK1 -f fna --region contig_1:1200-150     # across the origin\n" +
        "  baktadb export CI-8050 -f json --annotation 3 -o old.json\n",
    )
    .action(async (genome: string, _options, command: Command) => {
      const options = command.optsWithGlobals<ExportCommandOptions>();
      let format: ExportFormat;
      let region: LoadRunRegion | undefined;
      try {
        format = toExportFormat(options.format);
        if (options.region !== undefined) region = parseRegion(options.region);
      } catch (error) {
        throw new CliError((error as Error).message, EXIT.USAGE);
      }
      const annotationId = options.annotation === undefined
        ? undefined
        : parsePositiveInteger(options.annotation, "--annotation");
      const { text, annotation } = await withDatabase(options, async (db) => {
        const annotation = await resolveAnnotation(db, genome, annotationId);
        try {
          return {
            text: await exportAnnotation(db, annotation.id, format, { region }),
            annotation,
          };
        } catch (error) {
          if (error instanceof RangeError) throw new CliError(error.message, EXIT.USAGE);
          throw error;
        }
      });
      if (options.out === undefined) {
        io.raw.out(text);
        return;
      }
      await writeTextFileAtomic(options.out, text);
      io.err(
        `Wrote ${options.out}: ${format} of genome "${annotation.genome}", annotation ${annotation.id}${
          options.region ? `, region ${options.region}` : ""
        }\n`,
      );
    });
}
