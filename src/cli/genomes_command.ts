/**
 * `baktadb genomes`: list the stored genomes.
 *
 * @module
 */

import type { Command } from "commander";
import { type CliIo, type GlobalOptions, withDatabase } from "./cli_context.ts";
import { listGenomes } from "../store/genomes_repository.ts";
import { genomeOrganisms } from "../query/genome_organism.ts";
import { formatTable, toJsonText } from "./_table.ts";

/**
 * Adds `baktadb genomes`.
 *
 * @param program The program.
 * @param io Where to write.
 */
export function registerGenomes(program: Command, io: CliIo): void {
  program.command("genomes")
    .description("list the stored genomes: organism, assembly versions, annotations, features")
    .option("--json", "print JSON")
    .addHelpText(
      "after",
      "\nExamples:\n  baktadb genomes\n  baktadb genomes --json --db cohort.sqlite\n",
    )
    .action(async (_options, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions & { json?: boolean }>();
      const genomes = await withDatabase(options, async (db) => {
        const organisms = await genomeOrganisms(db);
        return (await listGenomes(db)).map((g) => ({
          ...g,
          organism: organisms.get(g.name) ?? null,
        }));
      });
      if (options.json) {
        io.out(toJsonText(genomes));
        return;
      }
      if (genomes.length === 0) {
        io.out("No genomes stored yet: run `baktadb import PATH` to add some\n");
        return;
      }
      io.out(formatTable(
        ["name", "organism", "versions", "annotations", "features"],
        genomes.map((g) => [g.name, g.organism, g.versions, g.annotations, g.features]),
      ));
    });
}
