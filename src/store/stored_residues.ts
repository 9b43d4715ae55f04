/**
 * Residues kept by reference (schema v4): a sequence whose residues are in a stored original file
 * (a FASTA, or a GFF3 with `##FASTA`) has `residues` null and `residues_file_id` naming the file;
 * its residues are read back from that file and checked against the stored checksum.
 *
 * @module
 */

import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import { decodeInput } from "../formats/decode_input.ts";
import { parseFasta } from "../formats/fasta/parse_fasta.ts";
import { sha256Hex } from "./_codec.ts";
import { getResultFile } from "./result_files_repository.ts";

/**
 * The sequences of a stored FASTA or GFF3 file (its `##FASTA` section), upper-case, by id.
 *
 * @param db The database.
 * @param fileId The stored file (`result_files.id`).
 * @returns The residues by sequence id.
 * @throws {ParseError} When the FASTA part does not parse.
 *
 * @example Residues of a stored GFF3
 * ```ts
 * import { openDatabase } from "../db/open_database.ts";
 * import { createGenome } from "./genomes_repository.ts";
 * import { insertResultFile } from "./result_files_repository.ts";
 * import { residuesInFile } from "./stored_residues.ts";
 * const db = await openDatabase(":memory:");
 * const g = await createGenome(db, { name: "demo" });
 * const a = await db.insertInto("annotations").values({ genome_id: g.id, sequence_version: 1,
 *   source: "files", fingerprint: "x" }).returning("id").executeTakeFirstOrThrow();
 * const bytes = new TextEncoder().encode("##gff-version 3\n##FASTA\n>c1\nacgt\n");
 * const file = await insertResultFile(db, { annotationId: a.id, kind: "gff3", fileName: "d.gff3", bytes });
 * if ((await residuesInFile(db, file.id)).get("c1") !== "ACGT") throw new Error("residues");
 * await db.destroy();
 * ```
 */
export async function residuesInFile(
  db: Kysely<Database>,
  fileId: number,
): Promise<Map<string, string>> {
  const { file, bytes } = await getResultFile(db, fileId);
  const text = decodeInput(bytes, file.fileName);
  const marker = text.indexOf("\n##FASTA");
  const fasta = marker < 0 ? text : text.slice(text.indexOf("\n", marker + 1) + 1);
  const residues = new Map<string, string>();
  for (const record of parseFasta(fasta, { file: file.fileName })) {
    residues.set(record.id, record.sequence.toUpperCase());
  }
  return residues;
}

/** A stored sequence row, as far as its residues go. */
export interface ResiduesRow {
  /** The record id. */
  seq_id: string;
  /** The stored checksum. */
  checksum: string | null;
  /** The file holding the residues, if any. */
  residues_file_id: number | null;
}

/**
 * Reads the residues of sequences kept by reference, one read per file, each checked against the
 * sequence's checksum.
 *
 * @param db The database.
 * @param rows The sequence rows (those without `residues_file_id` are passed over).
 * @returns The residues by sequence id.
 * @throws {Error} When a file lacks a sequence or its residues do not match the checksum.
 *
 * @example Nothing to read
 * ```ts
 * import { openDatabase } from "../db/open_database.ts";
 * import { referencedResidues } from "./stored_residues.ts";
 * const db = await openDatabase(":memory:");
 * if ((await referencedResidues(db, [])).size !== 0) throw new Error("none");
 * await db.destroy();
 * ```
 */
export async function referencedResidues(
  db: Kysely<Database>,
  rows: readonly ResiduesRow[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const files = new Map<number, Map<string, string>>();
  for (const row of rows) {
    if (row.residues_file_id === null) continue;
    let inFile = files.get(row.residues_file_id);
    if (inFile === undefined) {
      inFile = await residuesInFile(db, row.residues_file_id);
      files.set(row.residues_file_id, inFile);
    }
    const nt = inFile.get(row.seq_id);
    if (nt === undefined || (row.checksum !== null && sha256Hex(nt) !== row.checksum)) {
      throw new Error(
        `Cannot read the residues of sequence "${row.seq_id}" from stored file ${row.residues_file_id}: ${
          nt === undefined ? "the file does not hold it" : "they do not match its checksum"
        }`,
      );
    }
    out.set(row.seq_id, nt);
  }
  return out;
}
