/**
 * `baktadb show GENOME`: a genome's metadata, assembly versions, annotations and statistics.
 *
 * @module
 */

import type { Command } from "../deps/commander.ts";
import { escaped } from "./escape_control.ts";
import type { Kysely } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import { type CliIo, type GlobalOptions, withDatabase } from "./cli_context.ts";
import { resolveGenome } from "../store/genomes_repository.ts";
import { genomeOrganisms } from "../query/genome_organism.ts";
import { listSequences, listSequenceVersions } from "../store/sequences_repository.ts";
import { annotationFeatureStats, listAnnotations } from "../store/annotations_repository.ts";
import { formatPercent, formatTable, toJsonText } from "./_table.ts";
import { genomeMetadata } from "../store/genome_metadata.ts";

/**
 * Everything `show` prints, as one object (what `show --json` prints).
 *
 * @param db The database.
 * @param genome The genome's name or id.
 * @returns The genome (with its organism, see `organismName`), its versions (with sequences) and annotations (with feature statistics).
 */
export async function genomeOverview(db: Kysely<Database>, genome: string) {
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
      const overview = await withDatabase(options, (db) => genomeOverview(db, genome));
      if (options.json) {
        io.out(toJsonText(overview));
        return;
      }
      printGenome(overview, io);
      printVersions(overview, io);
      printAnnotations(overview, io);
    });
}

/** What `show` prints, as `genomeOverview` gives it. */
type GenomeOverview = Awaited<ReturnType<typeof genomeOverview>>;

/** The genome's name, organism, notes, creation time and metadata. */
function printGenome(overview: GenomeOverview, io: CliIo): void {
  const genome = overview.genome;
  io.out(escaped`Genome ${genome.name} (id ${genome.id})\n`);
  if (genome.organism) io.out(escaped`  organism: ${genome.organism}\n`);
  if (genome.notes) io.out(escaped`  notes: ${genome.notes}\n`);
  io.out(escaped`  created: ${genome.createdAt}\n`);
  const metadata = Object.entries(overview.metadata);
  if (metadata.length > 0) {
    io.out("\nMetadata:\n");
    for (const [key, value] of metadata) io.out(escaped`  ${key}: ${value}\n`);
  }
}

/** One line per assembly version: sequences, length, superseded or current. */
function printVersions(overview: GenomeOverview, io: CliIo): void {
  io.out("\nAssembly versions:\n");
  if (overview.versions.length === 0) io.out("  (none)\n");
  for (const version of overview.versions) {
    io.out(
      `  version ${version.version}: ${version.sequences} sequence(s), ${
        version.totalLength.toLocaleString("en-US")
      } bp${
        version.supersededBy ? `, superseded by version ${version.supersededBy}` : ", current"
      }${version.checksumsKnown ? "" : ", residues not all known"}\n`,
    );
  }
}

/** Each annotation: its run, assembly statistics and feature counts by type. */
function printAnnotations(overview: GenomeOverview, io: CliIo): void {
  io.out("\nAnnotations:\n");
  if (overview.annotations.length === 0) io.out("  (none)\n");
  for (const annotation of overview.annotations) {
    const run = annotation.mode === "proteins"
      ? "proteins run"
      : `on version ${annotation.sequenceVersion}`;
    const dbType = annotation.dbType ? ` (${annotation.dbType})` : "";
    const runStart = annotation.runStart ? `, run ${annotation.runStart}` : "";
    io.out(
      escaped`  #${annotation.id} ${run}: Bakta ${annotation.baktaVersion ?? "?"}, database ${
        annotation.dbVersion ?? "?"
      }${dbType}, imported ${annotation.importedAt}${runStart}\n`,
    );
    const stats = annotation.stats;
    if (stats.size !== null) {
      io.out(
        `    ${stats.size.toLocaleString("en-US")} bp, GC ${formatPercent(stats.gc)}, N50 ${
          stats.n50?.toLocaleString("en-US") ?? "-"
        }, coding ${formatPercent(stats.codingRatio)}\n`,
      );
    }
    const features = annotation.features;
    if (features.total > 0) {
      io.out(
        `    ${
          features.total.toLocaleString("en-US")
        } features (${features.hypotheticals} hypothetical, ${features.pseudogenes} pseudo CDS), ${
          features.xrefs.toLocaleString("en-US")
        } cross-references\n`,
      );
      io.out(
        formatTable(["type", "count"], Object.entries(features.byType)).trimEnd()
          .replace(/^/gm, "      ") + "\n",
      );
    }
  }
}
