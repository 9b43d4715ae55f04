/**
 * `baktadb show GENOME`: a genome's metadata, assembly versions, annotations and statistics.
 *
 * @module
 */

import type { Command } from "commander";
import { escaped } from "./escape_control.ts";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import { type CliIo, type GlobalOptions, withDatabase } from "./cli_context.ts";
import { resolveGenome } from "../store/genomes_repository.ts";
import { genomeOrganisms } from "../query/genome_organism.ts";
import { listSequences, listSequenceVersions } from "../store/sequences_repository.ts";
import { annotationFeatureStats, listAnnotations } from "../store/annotations_repository.ts";
import { formatPercent, formatTable, toJsonText } from "./_table.ts";
import { genomeMetadata } from "../store/genome_metadata.ts";

/**
 * Everything `show` prints, as one object.
 *
 * @param db The database.
 * @param genome The genome's name or id.
 * @returns The genome (with its organism, see `organismName`), its versions (with sequences) and annotations (with feature statistics).
 */
export async function describeGenome(db: Kysely<Database>, genome: string) {
  const g = await resolveGenome(db, genome);
  const versions = await listSequenceVersions(db, g.id);
  const sequences = await listSequences(db, g.id, { version: "all" });
  const annotations = await listAnnotations(db, g.id);
  const organisms = await genomeOrganisms(db, { genomes: [g.name] });
  return {
    genome: { ...g, organism: organisms.get(g.name) ?? null },
    metadata: (await genomeMetadata(db, [g.id])).get(g.id) ?? {},
    versions: versions.map((v) => ({
      ...v,
      sequenceList: sequences.filter((s) => s.version === v.version),
    })),
    annotations: await Promise.all(
      annotations.map(async (a) => ({ ...a, features: await annotationFeatureStats(db, a.id) })),
    ),
  };
}

/**
 * Adds `baktadb show`.
 *
 * @param program The program.
 * @param io Where to write.
 */
export function registerShow(program: Command, io: CliIo): void {
  program.command("show")
    .description("show a genome: metadata, assembly versions, annotations and statistics")
    .argument("<genome>", "the genome's name (or id)")
    .option("--json", "print JSON")
    .addHelpText("after", "\nExamples:\n  baktadb show CI-8050\n  baktadb show C22 --json\n")
    .action(async (genome: string, _options, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions & { json?: boolean }>();
      const shown = await withDatabase(options, (db) => describeGenome(db, genome));
      if (options.json) {
        io.out(toJsonText(shown));
        return;
      }
      const g = shown.genome;
      io.out(escaped`Genome ${g.name} (id ${g.id})\n`);
      if (g.organism) io.out(escaped`  organism: ${g.organism}\n`);
      if (g.notes) io.out(escaped`  notes: ${g.notes}\n`);
      io.out(escaped`  created: ${g.createdAt}\n`);
      const metadata = Object.entries(shown.metadata);
      if (metadata.length > 0) {
        io.out("\nMetadata:\n");
        for (const [key, value] of metadata) io.out(escaped`  ${key}: ${value}\n`);
      }
      io.out("\nAssembly versions:\n");
      if (shown.versions.length === 0) io.out("  (none)\n");
      for (const v of shown.versions) {
        io.out(
          `  version ${v.version}: ${v.sequences} sequence(s), ${
            v.totalLength.toLocaleString("en-US")
          } bp${v.supersededBy ? `, superseded by version ${v.supersededBy}` : ", current"}${
            v.checksumsKnown ? "" : ", residues not all known"
          }\n`,
        );
      }
      io.out("\nAnnotations:\n");
      if (shown.annotations.length === 0) io.out("  (none)\n");
      for (const a of shown.annotations) {
        const run = a.mode === "proteins" ? "proteins run" : `on version ${a.sequenceVersion}`;
        const dbType = a.dbType ? ` (${a.dbType})` : "";
        const runStart = a.runStart ? `, run ${a.runStart}` : "";
        io.out(
          escaped`  #${a.id} ${run}: Bakta ${a.baktaVersion ?? "?"}, database ${
            a.dbVersion ?? "?"
          }${dbType}, imported ${a.importedAt}${runStart}\n`,
        );
        const s = a.stats;
        if (s.size !== null) {
          io.out(
            `    ${s.size.toLocaleString("en-US")} bp, GC ${formatPercent(s.gc)}, N50 ${
              s.n50?.toLocaleString("en-US") ?? "-"
            }, coding ${formatPercent(s.codingRatio)}\n`,
          );
        }
        const f = a.features;
        if (f.total > 0) {
          io.out(
            `    ${
              f.total.toLocaleString("en-US")
            } features (${f.hypotheticals} hypothetical, ${f.pseudogenes} pseudo CDS), ${
              f.xrefs.toLocaleString("en-US")
            } cross-references\n`,
          );
          io.out(
            formatTable(["type", "count"], Object.entries(f.byType)).trimEnd().replace(
              /^/gm,
              "      ",
            ) + "\n",
          );
        }
      }
    });
}
