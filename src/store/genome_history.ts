/**
 * The history of a genome: its assembly versions and annotations, in time order.
 *
 * @module
 */

import type { Kysely } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import { type GenomeRecord, resolveGenome } from "./genomes_repository.ts";
import { listSequenceVersions, type SequenceVersionSummary } from "./sequences_repository.ts";
import { type AnnotationRecord, listAnnotations } from "./annotations_repository.ts";

/** One event of a genome's history. */
export type GenomeHistoryEvent =
  | {
    /** An assembly version was stored. */
    kind: "version";
    /** When. */
    at: string;
    /** The version. */
    version: SequenceVersionSummary;
  }
  | {
    /** An annotation was imported. */
    kind: "annotation";
    /** When. */
    at: string;
    /** The annotation. */
    annotation: AnnotationRecord;
  };

/** A genome's history. */
export interface GenomeHistory {
  /** The genome. */
  genome: GenomeRecord;
  /** The assembly versions, oldest first, each with its annotations. */
  versions: (SequenceVersionSummary & { annotations: AnnotationRecord[] })[];
  /** Annotations of no assembly version (proteins runs). */
  unversioned: AnnotationRecord[];
  /** Versions and annotations merged in time order (a version before its first annotation). */
  events: GenomeHistoryEvent[];
}

/**
 * The history of a genome: its assembly versions (oldest first, each with its annotations) and
 * every event in time order.
 *
 * @param db The database or a transaction.
 * @param genome The genome's name or id.
 * @returns The history.
 * @throws {NotFoundError} When there is no such genome.
 *
 * @example
 * ```ts
 * import { openDatabase } from "../db/open_database.ts";
 * import { makeRun } from "../testing/factory/make_run.ts";
 * import { importRun } from "./import_run.ts";
 * import { genomeHistory } from "./genome_history.ts";
 * const db = await openDatabase(":memory:");
 * await importRun(db, makeRun({ seed: 1, featuresPerSequence: 3 }), { genome: "g" });
 * const history = await genomeHistory(db, "g");
 * if (history.versions.length !== 1 || history.events.length !== 2) throw new Error("unexpected");
 * await db.destroy();
 * ```
 */
export async function genomeHistory(
  db: Kysely<Database>,
  genome: string | number,
): Promise<GenomeHistory> {
  const g = await resolveGenome(db, genome);
  const versions = await listSequenceVersions(db, g.id);
  const annotations = await listAnnotations(db, g.id);
  const events: GenomeHistoryEvent[] = [
    ...versions.map((version) => ({ kind: "version" as const, at: version.createdAt, version })),
    ...annotations.map((annotation) => ({
      kind: "annotation" as const,
      at: annotation.importedAt,
      annotation,
    })),
  ];
  // Stable: time, then versions before annotations, then by id/version number.
  events.sort((a, b) =>
    a.at < b.at
      ? -1
      : a.at > b.at
      ? 1
      : a.kind !== b.kind
      ? (a.kind === "version" ? -1 : 1)
      : a.kind === "version" && b.kind === "version"
      ? a.version.version - b.version.version
      : a.kind === "annotation" && b.kind === "annotation"
      ? a.annotation.id - b.annotation.id
      : 0
  );
  return {
    genome: g,
    versions: versions.map((v) => ({
      ...v,
      annotations: annotations.filter((a) => a.sequenceVersion === v.version),
    })),
    unversioned: annotations.filter((a) => !versions.some((v) => v.version === a.sequenceVersion)),
    events,
  };
}
