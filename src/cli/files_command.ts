/**
 * `baktadb files GENOME`: the original files stored for a genome.
 *
 * @module
 */

import type { Command } from "commander";
import { escaped } from "./escape_control.ts";
import { type CliIo, type GlobalOptions, withDatabase } from "./cli_context.ts";
import { listGenomeResultFiles } from "../store/result_files_repository.ts";
import { formatTable, toJsonText } from "./_table.ts";

/**
 * Adds `baktadb files`.
 *
 * @param program The program.
 * @param io Where to write.
 */
export function registerFiles(program: Command, io: CliIo): void {
  program.command("files")
    .description("list the original files stored for a genome: ids, sizes, SHA-256")
    .argument("<genome>", "the genome's name (or id)")
    .option("--json", "print JSON")
    .addHelpText(
      "after",
      "\nExamples:\n  baktadb files CI-8050\n  baktadb cat 12 > CI-8050.gff3     # by the id shown\n",
    )
    .action(async (genome: string, _options, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions & { json?: boolean }>();
      const files = await withDatabase(options, (db) => listGenomeResultFiles(db, genome));
      if (options.json) {
        io.out(toJsonText(files));
        return;
      }
      if (files.length === 0) {
        io.out(escaped`No files stored for ${genome}\n`);
        return;
      }
      io.out(formatTable(
        ["id", "annotation", "kind", "name", "size", "stored", "sha256"],
        files.map((
          f,
        ) => [f.id, f.annotationId, f.kind, f.fileName, f.size, f.storedSize, f.checksum]),
      ));
    });
}
