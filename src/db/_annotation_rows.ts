/**
 * The one place where an `annotations` row becomes an {@linkcode AnnotationRecord}: snake_case
 * columns → camelCase fields, the statistics grouped, the organism block parsed from JSON; and
 * where a parsed run becomes the row to insert ({@linkcode toAnnotationRow}).
 *
 * @module
 */

import type { BaktaRun, GenomeInfo } from "../formats/model.ts";
import type { Annotation, NewAnnotation } from "./schema.ts";

/** An annotation (one stored Bakta run), camelCase. */
export interface AnnotationRecord {
  /** Surrogate key. */
  id: number;
  /** The genome. */
  genomeId: number;
  /** The assembly version annotated (0 for a `proteins` run, which has no sequences). */
  sequenceVersion: number;
  /** `genome` or `proteins`. */
  mode: "genome" | "proteins";
  /** `files` or `job`. */
  source: "files" | "job";
  /** The job (`jobs.id`), where `source` is `job`. */
  jobId: number | null;
  /** Bakta's version. */
  baktaVersion: string | null;
  /** The database version. */
  dbVersion: string | null;
  /** The database type. */
  dbType: string | null;
  /** Run start, as Bakta wrote it. */
  runStart: string | null;
  /** Run end. */
  runEnd: string | null;
  /** Run duration. */
  runDuration: string | null;
  /** The run's statistics (null fields where the run gave none). */
  stats: {
    size: number | null;
    sequenceCount: number | null;
    gc: number | null;
    nRatio: number | null;
    n50: number | null;
    n90: number | null;
    codingRatio: number | null;
  };
  /** The run's organism/settings block, or null. */
  genome: GenomeInfo | null;
  /** The run's content fingerprint (`runFingerprint()`; for a proteins run, over its files). */
  fingerprint: string;
  /** When it was imported. */
  importedAt: string;
}

/**
 * Turns an `annotations` row into an {@linkcode AnnotationRecord}.
 *
 * @param row The row.
 * @returns The record.
 *
 * @example Converting a row as `selectAll()` returns it
 * ```ts
 * import { toAnnotationRecord } from "./_annotation_rows.ts";
 * const record = toAnnotationRecord({
 *   id: 3, genome_id: 1, sequence_version: 2, mode: "genome", source: "job", job_id: 9,
 *   bakta_version: "1.11.4", db_version: "6.0", db_type: "full", run_start: null, run_end: null,
 *   run_duration: "1.5 min", size: 5000, sequence_count: 2, gc: 0.5, n_ratio: 0, n50: 4000,
 *   n90: 1000, coding_ratio: 0.88, genome_json: '{"genus":"Escherichia"}', fingerprint: "ab",
 *   imported_at: "2026-12-07T00:00:00Z",
 * });
 * if (record.baktaVersion !== "1.11.4" || record.jobId !== 9 || record.runDuration !== "1.5 min") {
 *   throw new Error("record");
 * }
 * if (record.stats.codingRatio !== 0.88 || record.genome?.genus !== "Escherichia") {
 *   throw new Error("stats and genome");
 * }
 * ```
 */
export function toAnnotationRecord(row: Annotation): AnnotationRecord {
  return {
    id: row.id,
    genomeId: row.genome_id,
    sequenceVersion: row.sequence_version,
    mode: row.mode as AnnotationRecord["mode"],
    source: row.source as AnnotationRecord["source"],
    jobId: row.job_id,
    baktaVersion: row.bakta_version,
    dbVersion: row.db_version,
    dbType: row.db_type,
    runStart: row.run_start,
    runEnd: row.run_end,
    runDuration: row.run_duration,
    stats: {
      size: row.size,
      sequenceCount: row.sequence_count,
      gc: row.gc,
      nRatio: row.n_ratio,
      n50: row.n50,
      n90: row.n90,
      codingRatio: row.coding_ratio,
    },
    genome: row.genome_json === null ? null : JSON.parse(row.genome_json) as GenomeInfo,
    fingerprint: row.fingerprint,
    importedAt: row.imported_at,
  };
}

/** Where an annotation came from: its files (the default) or a Bakta web job. */
export interface AnnotationOrigin {
  /**
   * `files` or `job`.
   * @default "files"
   */
  source?: "files" | "job";
  /** The job (`jobs.id`), where `source` is `job`. */
  jobId?: number;
}

/**
 * The `annotations` row of a parsed run: absent fields and non-finite statistics as `null`, the
 * organism block as JSON text.
 *
 * @param genomeId The genome (`genomes.id`).
 * @param sequenceVersion The assembly version annotated (0 for a proteins run).
 * @param run The parsed run.
 * @param fingerprint The run's content fingerprint.
 * @param origin Where it came from.
 * @returns The row to insert.
 *
 * @example A run whose GC is not a number
 * ```ts
 * import { toAnnotationRow } from "./_annotation_rows.ts";
 * const stats = { size: 10, sequenceCount: 1, gc: NaN, nRatio: 0, n50: 10, codingRatio: 0.9 };
 * const row = toAnnotationRow(1, 1, {
 *   mode: "genome", software: { bakta: "1.11.4" }, genome: {}, stats,
 *   sequences: [], features: [], sources: [],
 * }, "ab", { source: "job", jobId: 4 });
 * if (row.bakta_version !== "1.11.4" || row.db_version !== null || row.job_id !== 4) {
 *   throw new Error("row");
 * }
 * if (row.size !== 10 || row.gc !== null || row.n90 !== null || row.genome_json !== "{}") {
 *   throw new Error("stats");
 * }
 * ```
 */
export function toAnnotationRow(
  genomeId: number,
  sequenceVersion: number,
  run: BaktaRun,
  fingerprint: string,
  origin: AnnotationOrigin,
): NewAnnotation {
  const stats = run.stats;
  return {
    genome_id: genomeId,
    sequence_version: sequenceVersion,
    mode: run.mode,
    source: origin.source ?? "files",
    job_id: origin.jobId ?? null,
    bakta_version: run.software.bakta ?? null,
    db_version: run.software.db ?? null,
    db_type: run.software.dbType ?? null,
    run_start: run.run?.start ?? null,
    run_end: run.run?.end ?? null,
    run_duration: run.run?.duration ?? null,
    size: finite(stats?.size),
    sequence_count: finite(stats?.sequenceCount),
    gc: finite(stats?.gc),
    n_ratio: finite(stats?.nRatio),
    n50: finite(stats?.n50),
    n90: finite(stats?.n90),
    coding_ratio: finite(stats?.codingRatio),
    genome_json: JSON.stringify(run.genome),
    fingerprint,
  };
}

/** A finite number, else null (absent, NaN or infinite statistics are stored as NULL). */
function finite(value: number | undefined): number | null {
  return value === undefined || !Number.isFinite(value) ? null : value;
}
