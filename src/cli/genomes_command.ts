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
import { genomeMetadata } from "../store/genome_metadata.ts";
import { METADATA_COLUMNS } from "./_metadata_columns.ts";

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
      "\nExamples:\n  baktadb genomes\n  baktadb genomes --json --db cohort.sqlite\n" +
        "\nGenomes with metadata (BakRep: source, GTDB species, ST, CheckM2) show it in columns;\n" +
        "--json gives every metadata key.\n",
    )
    .action(async (_options, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions & { json?: boolean }>();
      const { genomes, metadata } = await withDatabase(options, async (db) => {
        const organisms = await genomeOrganisms(db);
        const genomes = (await listGenomes(db)).map((g) => ({
          ...g,
          organism: organisms.get(g.name) ?? null,
        }));
        return { genomes, metadata: await genomeMetadata(db, genomes.map((g) => g.id)) };
      });
      if (options.json) {
        io.out(toJsonText(genomes.map((g) => ({ ...g, metadata: metadata.get(g.id) ?? {} }))));
        return;
      }
      if (genomes.length === 0) {
        io.out("No genomes stored yet: run `baktadb import PATH` to add some\n");
        return;
      }
      const columns = metadata.size > 0 ? METADATA_COLUMNS : [];
      io.out(formatTable(
        ["name", "organism", "versions", "annotations", "features", ...columns.map(([h]) => h)],
        genomes.map((g) => [
          g.name,
          g.organism,
          g.versions,
          g.annotations,
          g.features,
          ...columns.map(([, key]) => metadata.get(g.id)?.[key] ?? ""),
        ]),
      ));
    });
}
