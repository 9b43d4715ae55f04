/**
 * `baktadb demo`: the main job end to end without any network — a local stand-in of the Bakta web
 * API on 127.0.0.1 annotates a few genomes (answering with the real Bakta outputs of those
 * genomes, or with factory-made runs when the samples are absent), the results are imported into
 * the database, each genome's feature counts are printed from the database, and a figure is
 * written to `./baktadb-demo/`. What it does is in `_demo_action.ts`, loaded when the command runs.
 *
 * @module
 */

import type { Command } from "../deps/commander.ts";
import type { SafeCliIo } from "./cli_context.ts";
import type { DemoCommandOptions } from "./_demo_action.ts";

/** Where the demo writes its figures by default. */
export const DEFAULT_DEMO_OUTPUT = "./baktadb-demo";

/**
 * Adds `baktadb demo`.
 *
 * @param program The program.
 * @param io Where to write.
 */
export function registerDemo(program: Command, io: SafeCliIo): void {
  program.command("demo")
    .description(
      "run the whole job locally: stand-in Bakta service, submit, wait, import, summarize",
    )
    .option("--out <dir>", "where to write the figures", DEFAULT_DEMO_OUTPUT)
    .option(
      "--samples <dir>",
      "the folder of real Bakta samples (default: ../shared/bakta-samples)",
    )
    .option("--no-figures", "do not write figures")
    .addHelpText(
      "after",
      `
Examples:
  deno task demo
  baktadb demo --db demo.sqlite --out figures/

No network is used: a stand-in of the Bakta web API runs on 127.0.0.1 for the demo's duration and
answers with the real Bakta outputs of the sample genomes (or with factory-made runs when the
samples folder is absent). The results go into the database (--db, $BAKTADB_DATABASE or
./baktadb.sqlite). Running it again submits new jobs whose imports are no-ops.
`,
    )
    .action(async (_options, command: Command) => {
      const { demoAction } = await import("./_demo_action.ts");
      await demoAction(io, command.optsWithGlobals<DemoCommandOptions>());
    });
}
