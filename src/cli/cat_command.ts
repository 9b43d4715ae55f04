/**
 * `baktadb cat FILE_ID | GENOME/FILE_NAME`: write a stored original file to standard output,
 * byte for byte.
 *
 * @module
 */

import type { Command } from "../deps/commander.ts";
import { CliError, type CliIo, EXIT, type GlobalOptions, withDatabase } from "./cli_context.ts";
import { getResultFile, type ResultFileKey } from "../store/result_files_repository.ts";

/** A {@linkcode CliIo} that can also write raw bytes to standard output. */
export interface BinaryCliIo extends CliIo {
  /** Writes bytes to standard output. */
  outBytes?(bytes: Uint8Array): void;
}

/**
 * Parses `cat`'s argument: a file id (digits) or `GENOME/FILE_NAME` (split at the last `/`).
 *
 * @param spec The argument.
 * @returns The key.
 * @throws {CliError} For anything else.
 *
 * @example
 * ```ts
 * import { parseFileSpec } from "./cat_command.ts";
 * const key = parseFileSpec("CI-8050/CI-8050.gff3");
 * if (typeof key === "number" || key.genome !== "CI-8050") throw new Error("unexpected");
 * if (parseFileSpec("12") !== 12) throw new Error("id");
 * ```
 */
export function parseFileSpec(spec: string): ResultFileKey {
  if (/^\d+$/.test(spec)) return Number(spec);
  const at = spec.lastIndexOf("/");
  if (at <= 0 || at === spec.length - 1) {
    throw new CliError(
      `Invalid file "${spec}": expected a file id (see \`baktadb files GENOME\`) or GENOME/FILE_NAME`,
      EXIT.USAGE,
    );
  }
  return { genome: spec.slice(0, at), fileName: spec.slice(at + 1) };
}

function writeBytes(io: BinaryCliIo, bytes: Uint8Array): void {
  if (io.outBytes) {
    io.outBytes(bytes);
    return;
  }
  let written = 0;
  while (written < bytes.length) written += Deno.stdout.writeSync(bytes.subarray(written));
}

/**
 * Adds `baktadb cat`.
 *
 * @param program The program.
 * @param io Where to write (bytes go through `outBytes` when the io has it, else to stdout).
 */
export function registerCat(program: Command, io: BinaryCliIo): void {
  program.command("cat")
    .description("write a stored original file to standard output, exactly as imported")
    .argument("<file>", "a file id (from `baktadb files`) or GENOME/FILE_NAME")
    .addHelpText(
      "after",
      "\nExamples:\n  baktadb cat 12 > assembly.json\n" +
        "  baktadb cat CI-8050/CI-8050.gff3 | head\n" +
        "  baktadb cat C22/C22.gff3.gz | gunzip | grep -c CDS\n" +
        "\nBy GENOME/FILE_NAME the newest annotation holding that file name is used.\n",
    )
    .action(async (spec: string, _options, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      const key = parseFileSpec(spec);
      const { bytes } = await withDatabase(options, (db) => getResultFile(db, key));
      writeBytes(io, bytes);
    });
}
