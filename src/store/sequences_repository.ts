/**
 * The sequences repository: the versioned FASTA records of each genome, and their residues.
 *
 * @module
 */

import { type Kysely, sql } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import { NotFoundError } from "../db/errors.ts";
import { decodeContent, fromUtf8 } from "./_codec.ts";
import { referencedResidues } from "./stored_residues.ts";
import {
  SEQUENCE_DESCRIPTION_COLUMNS,
  type SequenceRecord,
  toSequenceRecord,
} from "../db/_sequence_rows.ts";

export { type SequenceRecord, toSequenceRecord };

/** One assembly version of a genome. */
export interface SequenceVersionSummary {
  /** The version. */
  version: number;
  /** How many sequences. */
  sequences: number;
  /** Their total length. */
  totalLength: number;
  /** The version that superseded it, or null for the current one. */
  supersededBy: number | null;
  /** When it was stored. */
  createdAt: string;
  /** Whether every sequence of the version has a checksum (residues known). */
  checksumsKnown: boolean;
}

/** Options of {@linkcode listSequences}. */
export interface ListSequencesOptions {
  /**
   * Which version: a number, `current` (the newest not superseded) or `all`.
   * @default "current"
   */
  version?: number | "current" | "all";
}

const SEQUENCE_COLUMNS = [
  ...SEQUENCE_DESCRIPTION_COLUMNS,
  "residues_encoding",
  "residues_file_id",
  "superseded_by",
  "created_at",
] as const;

/**
 * Lists the sequences of a genome, of one version (default: the current one) or of all, by
 * version and id.
 *
 * SQL: `select … from "sequences" where "genome_id" = ? and "version" = ? order by "version", "id"`
 *
 * @param db The database or a transaction.
 * @param genomeId The genome.
 * @param options Which version.
 * @returns The sequences (empty when the genome has none).
 *
 * @example The sequences of the current version
 * ```ts
 * import { openDatabase } from "../db/open_database.ts";
 * import { makeRun } from "../testing/factory/make_run.ts";
 * import { importRun } from "./import_run.ts";
 * import { listSequences } from "./sequences_repository.ts";
 * const db = await openDatabase(":memory:");
 * const run = makeRun({ seed: 1, sequences: 2, featuresPerSequence: 5 });
 * const { genomeId } = await importRun(db, run, { genome: "demo" });
 * const sequences = await listSequences(db, genomeId);
 * if (sequences.map((s) => s.seqId).join() !== run.sequences.map((s) => s.id).join()) {
 *   throw new Error("expected the run's sequences, in order");
 * }
 * if (sequences[0].length !== run.sequences[0].length) throw new Error("length");
 * await db.destroy();
 * ```
 */
export async function listSequences(
  db: Kysely<Database>,
  genomeId: number,
  options: ListSequencesOptions = {},
): Promise<SequenceRecord[]> {
  const { version = "current" } = options;
  let query = db.selectFrom("sequences").select(SEQUENCE_COLUMNS).where("genome_id", "=", genomeId);
  if (version === "current") {
    query = query.where("superseded_by", "is", null).where(
      "version",
      "=",
      db.selectFrom("sequences").select(sql<number>`max(version)`.as("v"))
        .where("genome_id", "=", genomeId).where("superseded_by", "is", null),
    );
  } else if (version !== "all") {
    query = query.where("version", "=", version);
  }
  const rows = await query.orderBy("version").orderBy("id").execute();
  return rows.map(toSequenceRecord);
}

/**
 * Lists the assembly versions of a genome, oldest first.
 *
 * SQL: `select "version", count(*), sum("length"), … from "sequences" where "genome_id" = ?
 * group by "version"`
 *
 * @param db The database or a transaction.
 * @param genomeId The genome.
 * @returns The versions.
 *
 * @example A re-assembly becomes version 2
 * ```ts
 * import { openDatabase } from "../db/open_database.ts";
 * import { makeRun } from "../testing/factory/make_run.ts";
 * import { importRun } from "./import_run.ts";
 * import { listSequenceVersions } from "./sequences_repository.ts";
 * const db = await openDatabase(":memory:");
 * const first = makeRun({ seed: 1, sequences: 1, featuresPerSequence: 5 });
 * const second = makeRun({ seed: 2, sequences: 1, featuresPerSequence: 5 });
 * const { genomeId } = await importRun(db, first, { genome: "demo" });
 * await importRun(db, second, { genome: "demo" });
 * const versions = await listSequenceVersions(db, genomeId);
 * const superseded = versions.map((v) => v.supersededBy);
 * if (superseded.length !== 2 || superseded[0] !== 2 || superseded[1] !== null) {
 *   throw new Error("expected version 1 superseded by version 2");
 * }
 * if (versions[1].totalLength !== second.sequences[0].length) throw new Error("length");
 * await db.destroy();
 * ```
 */
export async function listSequenceVersions(
  db: Kysely<Database>,
  genomeId: number,
): Promise<SequenceVersionSummary[]> {
  const rows = await db.selectFrom("sequences").where("genome_id", "=", genomeId).select([
    "version",
    sql<number>`count(*)`.as("sequences"),
    sql<number>`sum(length)`.as("totalLength"),
    sql<number | null>`max(superseded_by)`.as("supersededBy"),
    sql<string>`min(created_at)`.as("createdAt"),
    sql<number>`sum(case when checksum is null then 1 else 0 end)`.as("unknown"),
  ]).groupBy("version").orderBy("version").execute();
  return rows.map((row) => ({
    version: row.version,
    sequences: Number(row.sequences),
    totalLength: Number(row.totalLength),
    supersededBy: row.supersededBy,
    createdAt: row.createdAt,
    checksumsKnown: Number(row.unknown) === 0,
  }));
}

/**
 * The residues of a stored sequence (decompressed), or null when they are not known.
 *
 * @param db The database or a transaction.
 * @param sequenceId `sequences.id`.
 * @returns The residues, or null.
 * @throws {NotFoundError} When there is no such sequence.
 *
 * @example Reading a sequence's residues back
 * ```ts
 * import { openDatabase } from "../db/open_database.ts";
 * import { makeRun } from "../testing/factory/make_run.ts";
 * import { importRun } from "./import_run.ts";
 * import { getResidues, listSequences } from "./sequences_repository.ts";
 * const db = await openDatabase(":memory:");
 * const run = makeRun({ seed: 1, sequences: 1, featuresPerSequence: 5 });
 * const { genomeId } = await importRun(db, run, { genome: "demo" });
 * const [sequence] = await listSequences(db, genomeId);
 * if ((await getResidues(db, sequence.id)) !== run.sequences[0].nt) throw new Error("residues");
 * await db.destroy();
 * ```
 */
export async function getResidues(
  db: Kysely<Database>,
  sequenceId: number,
): Promise<string | null> {
  const row = await db.selectFrom("sequences")
    .select(["seq_id", "checksum", "residues", "residues_encoding", "residues_file_id"])
    .where("id", "=", sequenceId).executeTakeFirst();
  if (row === undefined) throw new NotFoundError("sequence", sequenceId);
  if (row.residues_file_id !== null) {
    return (await referencedResidues(db, [row])).get(row.seq_id) ?? null;
  }
  if (row.residues === null || row.residues_encoding === null) return null;
  return fromUtf8(decodeContent(row.residues, row.residues_encoding));
}
